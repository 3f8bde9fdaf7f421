import FivefoldLedger

/// Audited rates (`summary.json` `audit`, report.html 抽查核实): the suspected 错退率 and 漏评率
/// of a run turned into estimates from the signed verdicts of the latest 事后抽查 sample, each
/// with its Wilson 95 % interval, per county and for the whole dataset.
///
/// - 错退率 (audited) = sampled exited households verified 属实 (wrongly exited) ÷ sampled exited
///   households verified. The exited households are sampled at random within the county, so this
///   estimates wrongly exited ÷ exited directly.
/// - 漏评率 (audited) = the suspected 漏评率 × the share of sampled 未建档高分户 verified 属实 (the
///   sample checks whether the households the 四看法 flagged really were omitted); its interval is
///   the suspected rate times the Wilson interval of that share.
/// - 错评率 (audited) = sampled 未脱贫 households verified 属实 (wrongly included) ÷ those
///   verified, beside the suspected 错评率.
/// - "all" pools the verdicts of every county. With proportional allocation the sample is nearly
///   self-weighting; the minimum per stratum over-represents small strata, which the pooled
///   figure does not correct for (stated in the report).
public struct SampleAudit: Codable, Sendable, Equatable {
    /// One audited rate with its evidence.
    public struct Rate: Codable, Sendable, Equatable {
        /// Sampled households verified, and those verified 属实.
        public var verified: Int
        public var confirmed: Int
        /// The audited rate in percent and its 95 % interval in percent (two decimals).
        public var percent: Double
        public var lower: Double
        public var upper: Double
        /// The run's suspected rate beside it, in percent.
        public var suspectedPercent: Double?

        enum CodingKeys: String, CodingKey {
            case verified, confirmed, percent, lower, upper
            case suspectedPercent = "suspected_percent"
        }
    }

    public struct County: Codable, Sendable, Equatable {
        public var county: String
        /// Sampled households not verified yet (no verdict signed).
        public var pending: Int
        public var wrongExit: Rate?
        public var omission: Rate?
        public var wrongInclusion: Rate?

        enum CodingKeys: String, CodingKey {
            case county, pending
            case wrongExit = "wrong_exit"
            case omission
            case wrongInclusion = "wrong_inclusion"
        }
    }

    /// The sample's id in the ledger, its seed and the run it was drawn from.
    public var sample: Int64
    public var seed: String
    public var drawnFromRun: Int64
    public var sampled: Int
    public var verified: Int
    public var counties: [County]

    enum CodingKeys: String, CodingKey {
        case sample, seed, sampled, verified, counties
        case drawnFromRun = "drawn_from_run"
    }

    /// The audit of a sample against the run's county figures; nil when no item is verified.
    public static func compute(sample: Sample, items: [SampleItem], figures: [CountyFigures]) -> SampleAudit? {
        guard let id = sample.id, items.contains(where: { $0.verdict != nil }) else { return nil }
        let suspected = Dictionary(figures.map { ($0.county, $0) }, uniquingKeysWith: { a, _ in a })
        var counties: [County] = []
        let byCounty = Dictionary(grouping: items, by: \.county)
        for key in byCounty.keys.sorted() + ["all"] {
            let list = key == "all" ? items : byCounty[key]!
            let exited = list.filter { $0.stratum == .exited }
            let unregistered = list.filter { $0.stratum == .unregistered }
            let poor = list.filter { $0.stratum == .poor }
            let figures = suspected[key]
            counties.append(County(
                county: key, pending: list.filter { $0.verdict == nil }.count,
                wrongExit: rate(exited, ofSuspected: nil, suspected: figures?.suspectedWrongExitRate.percent),
                omission: rate(unregistered, ofSuspected: .some(figures?.suspectedOmissionRate?.percent), suspected: figures?.suspectedOmissionRate?.percent),
                wrongInclusion: rate(poor, ofSuspected: nil, suspected: figures?.suspectedWrongInclusionRate?.percent)))
        }
        return SampleAudit(
            sample: id, seed: sample.seed, drawnFromRun: sample.runID, sampled: items.count,
            verified: items.filter { $0.verdict != nil }.count, counties: counties)
    }

    /// The confirmed share of the verified items in percent (错退率), or that share of the
    /// suspected rate `ofSuspected` (漏评率; nil when the run has no suspected rate there).
    static func rate(_ items: [SampleItem], ofSuspected: Double??, suspected: Double?) -> Rate? {
        let verified = items.filter { $0.verdict != nil }
        let confirmed = verified.filter { $0.verdict == .confirmed }.count
        guard let interval = WilsonInterval(successes: confirmed, of: verified.count) else { return nil }
        let factor: Double
        switch ofSuspected {
        case .none: factor = 100
        case .some(.none): return nil
        case .some(.some(let percent)): factor = percent
        }
        func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }
        let share = Double(confirmed) / Double(verified.count)
        return Rate(
            verified: verified.count, confirmed: confirmed, percent: round(share * factor), lower: round(interval.lower * factor),
            upper: round(interval.upper * factor), suspectedPercent: suspected)
    }
}
