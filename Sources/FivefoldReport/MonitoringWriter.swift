import Foundation
import FivefoldModel
import FivefoldCheck

/// Writes `monitoring.csv`: the 防返贫监测 list, one row per `monitor.*` finding — households just
/// above the poverty line (`monitor.edge` list entries, severity info, on no worklist), 边缘户
/// below it (suspected 漏评), and households whose income fell sharply or that went 已脱贫 →
/// 返贫 since an earlier run (`monitor.relapse`). The last two are also on the worklists.
///
/// Chinese headers, UTF-8 with BOM (opens in Excel), sorted by township, village, household,
/// rule and finding id, so that it does not depend on partitions or shards.
public enum MonitoringWriter {
    public static let header = [
        "问题编号", "监测类型", "规则", "严重程度", "处理方式", "行政区划代码", "乡镇", "村", "户编号", "户主姓名", "帮扶责任人", "责任人电话",
        "取值", "说明",
    ]

    /// One row of monitoring.csv, as stored between partitions and shards.
    public struct Item: Sendable, Equatable {
        public var row: [String]

        public init(row: [String]) { self.row = row }

        /// Township, village, household, rule, finding id.
        var sortKey: [String] { [row[6], row[7], row[8], row[2], row[0]] }
    }

    /// The row of a `monitor.*` finding, nil for a finding of another family.
    public static func item(_ f: Finding, entry: HouseholdDirectory.Entry?) -> Item? {
        guard f.ruleID.family == RuleID.monitorEdge.family else { return nil }
        let e = entry ?? HouseholdDirectory.Entry(township: "", village: "", headName: "", cadreName: "", cadrePhone: "")
        let values = f.values.map { "\(label($0.source))=\($0.value)" }.joined(separator: "；")
        let action = f.action == .info ? "监测" : "核实"
        return Item(row: [
            f.id, RuleRegistry.chineseTitle(f.rule), f.rule, WorklistWriter.severityLabel(f.severity), action, f.regionCode, e.township,
            e.village, f.householdID, e.headName, e.cadreName, e.cadrePhone, values, f.message,
        ])
    }

    /// Writes the items, sorted; returns how many.
    @discardableResult
    public static func write(_ items: [Item], to path: String) throws -> Int {
        let writer = try ReportCSV.open(path)
        try writer.writeRow(header)
        for item in items.sorted(by: { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }) { try writer.writeRow(item.row) }
        try writer.close()
        return items.count
    }

    static func label(_ source: SourceID) -> String {
        switch source.rawValue {
        case "line": return "贫困线"  // exit.income's label in worklists stays `line`
        default: return source.chineseLabel
        }
    }
}
