import FivefoldCheck

/// The county 三率一度 figures the data allows (国开办发〔2017〕56号), each with its numerator and
/// denominator so a reader can check it.
public struct CountyFigures: Codable, Sendable, Equatable {
    /// A ratio with what it was computed from; `percent` is nil when the denominator is 0.
    public struct Rate: Codable, Sendable, Equatable {
        public var numerator: Int
        public var denominator: Int
        public var percent: Double?

        init(_ numerator: Int, _ denominator: Int) {
            self.numerator = numerator
            self.denominator = denominator
            percent = denominator > 0 ? (Double(numerator) / Double(denominator) * 10000).rounded() / 100 : nil
        }
    }

    public var county: String
    public var households: Int
    public var population: Int
    public var registeredPoor: Int
    /// 综合贫困发生率: registered-poor people ÷ 户籍人口 of the county's villages.
    public var comprehensiveIncidence: Rate
    /// 错退率 (suspected): exited households with an exit.* finding ÷ exited households.
    public var suspectedWrongExitRate: Rate
    /// 漏评率 (suspected): people of unregistered interview households that look poor ÷ people of
    /// unregistered interview households checked. Per county when the interview carries the
    /// optional 行政区划代码 (a county with no unregistered household has none); the whole
    /// dataset's ("all") counts every unregistered household, with a region code or without.
    public var suspectedOmissionRate: Rate?
    /// 群众认可度: interview households 满意 or 基本满意 ÷ households that answered.
    public var approvalRate: Rate
    /// 错评率 (suspected): registered-poor households with an `identify.four_looks` (looks
    /// well-off) or `eligibility.*` finding ÷ registered-poor households. Optional so that a
    /// summary.json written before it still reads.
    public var suspectedWrongInclusionRate: Rate?

    enum CodingKeys: String, CodingKey {
        case county, households, population
        case registeredPoor = "registered_poor"
        case comprehensiveIncidence = "comprehensive_incidence"
        case suspectedWrongExitRate = "suspected_wrong_exit_rate"
        case suspectedOmissionRate = "suspected_omission_rate"
        case approvalRate = "approval_rate"
        case suspectedWrongInclusionRate = "suspected_wrong_inclusion_rate"
    }

    /// Figures per county (first 6 digits of the region code) and for the whole dataset ("all").
    package static func compute(counters: PartCounters, villages: [VillageClassRule.Village]) -> [CountyFigures] {
        var population: [String: Int] = [:]
        for v in villages { population[PartCounters.county(v.regionCode), default: 0] += v.population ?? 0 }
        var all = PartCounters.County()
        var result: [CountyFigures] = []
        for key in Set(counters.counties.keys).union(population.keys).sorted() {
            let t = counters.counties[key] ?? PartCounters.County()
            all.households += t.households; all.registeredPoor += t.registeredPoor; all.exited += t.exited
            all.suspectedWrongExit += t.suspectedWrongExit; all.answered += t.answered; all.approving += t.approving
            all.poorHouseholds += t.poorHouseholds; all.suspectedWrongInclusion += t.suspectedWrongInclusion
            let omission = t.unregisteredHouseholds > 0 ? Rate(t.omittedPeople, t.unregisteredPeople) : nil
            result.append(figures(key, t, population: population[key] ?? 0, omission: omission))
        }
        all.answered += counters.unregisteredAnswered
        all.approving += counters.unregisteredApproving
        let omission = Rate(counters.omittedPeople, counters.unregisteredPeople)
        return result + [figures("all", all, population: population.values.reduce(0, +), omission: omission)]
    }

    private static func figures(_ name: String, _ t: PartCounters.County, population: Int, omission: Rate?) -> CountyFigures {
        CountyFigures(
            county: name, households: t.households, population: population, registeredPoor: t.registeredPoor,
            comprehensiveIncidence: Rate(t.registeredPoor, population), suspectedWrongExitRate: Rate(t.suspectedWrongExit, t.exited),
            suspectedOmissionRate: omission, approvalRate: Rate(t.approving, t.answered),
            suspectedWrongInclusionRate: Rate(t.suspectedWrongInclusion, t.poorHouseholds))
    }
}
