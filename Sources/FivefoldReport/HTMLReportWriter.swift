// report.html is the page a county leader reads (SPEC §6): the night's totals, what changed since
// the last run (回头看), where the problems are (by rule, by township, the worst villages), the
// county 三率一度 figures, and links to the worklists. It is one self-contained file — inline CSS
// and inline SVG, no script, no font or image from elsewhere — so it opens from a USB stick, a
// mail attachment or a file share, and prints legibly.

import Foundation
import FivefoldModel
import FivefoldLedger

/// Writes `report.html` from a run's summary, findings, ledger tracking and village places.
///
/// The markup is also well-formed XML (void elements self-closed), so tests parse it with an
/// XML parser, and it stays valid HTML5.
public struct HTMLReportWriter {
    /// Where a village is (from the system records), by 12-digit region code.
    public struct Place: Sendable, Equatable {
        public var county: String
        public var township: String
        public var village: String
        /// Households of the village in the data.
        public var households: Int

        public init(county: String, township: String, village: String, households: Int) {
            self.county = county
            self.township = township
            self.village = village
            self.households = households
        }
    }

    public let summary: RunSummary
    public let findings: [FindingRow]
    public let tracking: RunTracking
    public let maskIDs: Bool
    /// Region code → county, township, village, households.
    let places: [String: Place]
    /// County code (6 digits) → county name as the data writes it.
    let countyNames: [String: String]
    /// 县级考核 rows (assessment.csv), shown ranked; empty leaves the section out.
    public var assessment: [CountyAssessment] = []

    /// How many findings each of the "new" and "resolved" tables lists (the rest are counted).
    public static let listLimit = 50
    /// How many villages the "worst villages" table lists.
    public static let villageLimit = 10

    public init(summary: RunSummary, findings: [FindingRow], tracking: RunTracking, places: [String: Place], maskIDs: Bool) {
        self.summary = summary
        self.findings = findings
        self.tracking = tracking
        self.maskIDs = maskIDs
        self.places = places
        var counties: [String: String] = [:]
        for (code, place) in places.sorted(by: { $0.key < $1.key }) where code.count >= 6 && !place.county.isEmpty {
            if counties[String(code.prefix(6))] == nil { counties[String(code.prefix(6))] = place.county }
        }
        countyNames = counties
    }

    public func write(to path: String) throws {
        try Data(render().utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The whole page.
    public func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(HTML.escape("五个统一数据核查报告 · \(summary.pipeline)"))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>

            """
        html += header()
        html += totals()
        html += inputWarnings()
        html += changes()
        html += byRule()
        html += skippedChecks()
        html += vocabularyGaps()
        html += byTownship()
        html += worstVillages()
        html += measureCoverage()
        html += countyFigures()
        html += auditedRates()
        html += countyAssessment()
        html += worklists()
        html += monitoring()
        html += footer()
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: Shared helpers

    func mask(_ text: String) -> String { maskIDs ? WorklistWriter.maskIDNumbers(in: text) : text }

    /// The township a finding belongs to (for the chart and the tables): by its region code;
    /// findings with neither household nor region are about unregistered interview households.
    /// The 乡镇 a finding is listed under. Without a 户编号 or region code it is an unregistered
    /// interview household's (未建档户), unless its rule concerns no household at all: a
    /// vocabulary gap, a roster's cadre or phone (非户级; these were listed as 未建档户).
    func township(household: String, region: String, rule: String) -> String {
        if let place = places[region], !place.township.isEmpty { return place.township }
        guard household.isEmpty && region.isEmpty else { return "未知乡镇" }
        return Self.householdlessFamilies.contains(RuleID(rawValue: rule).family) ? "非户级" : "未建档户"
    }

    /// Rule families whose findings name no household.
    static let householdlessFamilies: Set<String> = [RuleID.vocabularyUnknown.family, RuleID.rosterCadrePhones.family]

    func village(household: String, region: String) -> String {
        places[region]?.village ?? ""
    }

    static func severityLabel(_ s: Severity) -> String { WorklistWriter.severityLabel(s) }

    static func severityClass(_ s: Severity) -> String { "sev-\(s.rawValue)" }

    static let legend = """
        <p class="legend note"><span><i class="e"></i>错误</span><span><i class="w"></i>警告</span><span><i class="i"></i>提示</span></p>

        """
}
