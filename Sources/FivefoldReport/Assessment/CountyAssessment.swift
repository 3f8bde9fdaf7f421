import Foundation
import FivefoldModel
import FivefoldIO

/// 县级考核 (`assessment.csv`, report.html 县级考核排名): every county scored on 综合贫困发生率,
/// 错退率, 漏评率, 错评率, 群众认可度, findings per 100 households and worklist closure, ranked,
/// tiered 好 / 较好 / 一般 / 较差 (`AssessmentSettings`), with the run of consecutive 较差 from the
/// ledger (约谈 from `flagAfter`).
///
/// Ranking: score descending; equal scores (compared at two decimals, as printed) rank by county
/// code ascending, so the order never depends on input order; equal scores share no rank number
/// (1, 2, 3 … down the list).
public struct CountyAssessment: Sendable, Equatable {
    public var rank: Int
    public var county: String
    public var name: String
    /// Indicator values in percent (findings: per 100 households); absent without data.
    public var values: [AssessmentSettings.Indicator: Double]
    public var score: Double
    public var tier: String
    /// Consecutive 较差 runs up to this one (0 when this one is not 较差).
    public var poorRuns: Int
    /// 约谈: `poorRuns` reached the pipeline's `flag_after`.
    public var interview: Bool

    /// What a county brings to the assessment besides its `CountyFigures`.
    public struct Extra: Sendable, Equatable {
        /// Findings of this run in the county (by region code).
        public var findings = 0
        /// Worklist closure from the ledger: findings no longer present ÷ every finding ever
        /// recorded; nil without an earlier run.
        public var closed = 0
        public var recorded = 0
        /// Consecutive 较差 runs before this one.
        public var previousPoorRuns = 0

        public init(findings: Int = 0, closed: Int = 0, recorded: Int = 0, previousPoorRuns: Int = 0) {
            self.findings = findings
            self.closed = closed
            self.recorded = recorded
            self.previousPoorRuns = previousPoorRuns
        }
    }

    /// Scores and ranks the counties of `figures` (the "all" row and counties without households
    /// are left out).
    public static func rank(
        _ figures: [CountyFigures], extra: [String: Extra], names: [String: String], settings: AssessmentSettings
    ) -> [CountyAssessment] {
        var rows: [CountyAssessment] = []
        for f in figures where f.county != "all" && f.households > 0 {
            let e = extra[f.county] ?? Extra()
            var values: [AssessmentSettings.Indicator: Double] = [:]
            values[.incidence] = f.comprehensiveIncidence.percent
            values[.wrongExit] = f.suspectedWrongExitRate.percent
            values[.omission] = f.suspectedOmissionRate?.percent
            values[.wrongInclusion] = f.suspectedWrongInclusionRate?.percent
            values[.approval] = f.approvalRate.percent
            values[.findings] = round(Double(e.findings) / Double(f.households) * 100)
            values[.closure] = e.recorded > 0 ? round(Double(e.closed) / Double(e.recorded) * 100) : nil
            let score = Self.score(values, settings: settings)
            let tier = settings.tier(score)
            let poorRuns = tier == "较差" ? e.previousPoorRuns + 1 : 0
            rows.append(CountyAssessment(
                rank: 0, county: f.county, name: names[f.county] ?? "", values: values, score: score, tier: tier, poorRuns: poorRuns,
                interview: poorRuns >= settings.flagAfter))
        }
        rows.sort { a, b in a.score != b.score ? a.score > b.score : a.county < b.county }
        for i in rows.indices { rows[i].rank = i + 1 }
        return rows
    }

    /// The weighted mean of the indicators present, rounded to two decimals.
    static func score(_ values: [AssessmentSettings.Indicator: Double], settings: AssessmentSettings) -> Double {
        var total = 0.0, weights = 0.0
        for (indicator, value) in values {
            guard let scale = settings.scales[indicator], scale.weight > 0 else { continue }
            total += scale.weight * scale.score(value)
            weights += scale.weight
        }
        return weights > 0 ? round(total / weights) : 0
    }

    static func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// assessment.csv's header.
    public static let header = ["排名", "县代码", "县", "综合得分", "等次"]
        + AssessmentSettings.Indicator.allCases.map { $0.chinese + ($0 == .findings ? "" : "(%)") } + ["连续较差次数", "约谈"]

    public var row: [String] {
        [String(rank), county, name, String(format: "%.2f", score), tier]
            + AssessmentSettings.Indicator.allCases.map { values[$0].map { String(format: "%.2f", $0) } ?? "" }
            + [String(poorRuns), interview ? "是" : ""]
    }

    /// Writes assessment.csv (UTF-8 with BOM, like the other tables for people).
    public static func write(_ rows: [CountyAssessment], to path: String) throws {
        let writer = try ReportCSV.open(path)
        try writer.writeRow(header)
        for r in rows { try writer.writeRow(r.row) }
        try writer.close()
    }
}
