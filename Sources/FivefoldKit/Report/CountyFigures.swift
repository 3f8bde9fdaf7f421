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
    /// unregistered interview households checked. Interview households carry no region code, so
    /// this is reported under the whole dataset (county "all") only.
    public var suspectedOmissionRate: Rate?
    /// 群众认可度: interview households 满意 or 基本满意 ÷ households that answered.
    public var approvalRate: Rate

    enum CodingKeys: String, CodingKey {
        case county, households, population
        case registeredPoor = "registered_poor"
        case comprehensiveIncidence = "comprehensive_incidence"
        case suspectedWrongExitRate = "suspected_wrong_exit_rate"
        case suspectedOmissionRate = "suspected_omission_rate"
        case approvalRate = "approval_rate"
    }

    /// Figures per county (first 6 digits of the region code) and for the whole dataset ("all").
    public static func compute(
        cases: [HouseholdCase], unregistered: [HouseholdRecord], villages: [VillageClassRule.Village], findings: [Finding]
    ) -> [CountyFigures] {
        let wrongExit = Set(findings.filter { $0.rule.hasPrefix("exit.") }.map(\.householdID))
        let omitted = Set(findings.filter { $0.rule == "identify.four_looks" && $0.householdID.isEmpty }.map(\.memberID))
        struct Tally { var households = 0, population = 0, poor = 0, exited = 0, wrongExit = 0, approving = 0, answered = 0 }
        var tallies: [String: Tally] = [:]
        func county(_ code: String) -> String { code.count >= 6 ? String(code.prefix(6)) : "unknown" }
        for v in villages { tallies[county(v.regionCode), default: Tally()].population += v.population ?? 0 }
        for c in cases {
            guard let system = c.system, !system.isMemberOnly else { continue }
            let key = county(c.regionCode)
            tallies[key, default: Tally()].households += 1
            if MemberFacts.isRegisteredPoor(system[.status]) { tallies[key]!.poor += system.members.count }
            if system[.status] == "已脱贫" {
                tallies[key]!.exited += 1
                if wrongExit.contains(c.householdID) { tallies[key]!.wrongExit += 1 }
            }
            if let answer = c.records[.interview]?[.satisfaction] {
                tallies[key]!.answered += 1
                if answer == "满意" || answer == "基本满意" { tallies[key]!.approving += 1 }
            }
        }
        var all = Tally()
        for t in tallies.values {
            all.households += t.households; all.population += t.population; all.poor += t.poor
            all.exited += t.exited; all.wrongExit += t.wrongExit; all.approving += t.approving; all.answered += t.answered
        }
        for record in unregistered {
            if let answer = record[.satisfaction] {
                all.answered += 1
                if answer == "满意" || answer == "基本满意" { all.approving += 1 }
            }
        }
        let checkedPeople = unregistered.reduce(0) { $0 + $1.members.count }
        let omittedPeople = unregistered.filter { record in
            let head = record[.headName] ?? record.members.first { $0[.relation] == "户主" }?[.name] ?? ""
            return omitted.contains(head)
        }.reduce(0) { $0 + $1.members.count }
        func figures(_ name: String, _ t: Tally, omission: Rate?) -> CountyFigures {
            CountyFigures(
                county: name, households: t.households, population: t.population, registeredPoor: t.poor,
                comprehensiveIncidence: Rate(t.poor, t.population), suspectedWrongExitRate: Rate(t.wrongExit, t.exited),
                suspectedOmissionRate: omission, approvalRate: Rate(t.approving, t.answered))
        }
        return tallies.keys.sorted().map { figures($0, tallies[$0]!, omission: nil) }
            + [figures("all", all, omission: Rate(omittedPeople, checkedPeople))]
    }
}
