import FivefoldModel

/// `monitor.edge` (防返贫监测): households just above the poverty line, and 边缘户 below it.
///
/// An 已脱贫 (脱贫不稳定户), 边缘户 or 非贫困户 (边缘易致贫户) household whose income per capita lies in
/// `[line, monitoring line)` (`MonitorLines`) goes on the monitoring list: an entry of severity
/// and action `info`, written to monitoring.csv and counted in summary.json, never a worklist
/// item. An 边缘户 whose income is below the line is not an edge case but a suspected 漏评: a
/// finding of the rule's severity on the worklist. Read on the corrected system record.
public struct MonitorEdgeRule: CaseRule {
    static let rule = RuleID.monitorEdge
    /// The statuses the monitoring list is drawn from.
    static let watched: Set<String> = ["已脱贫", "边缘户", "非贫困户"]

    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard sink.isEnabled(Self.rule), let system = c.system, !system.isMemberOnly,
            let status = system[.status], Self.watched.contains(status),
            let income = system[.incomePerCapita].flatMap(Double.init),
            let lines = context.monitorLines
        else { return }
        let raw = system.fields[.incomePerCapita]?.raw ?? ""
        let line = RegistryRules.format(lines.line), upper = RegistryRules.format(lines.monitoringLine)
        let yuan = RegistryRules.format(income)
        if lines.inBand(income) {
            let kind = status == "已脱贫" ? "脱贫不稳定户" : "边缘易致贫户"
            sink.emitListEntry(Finding(
                rule: Self.rule, severity: .info, regionCode: c.regionCode, householdID: c.householdID,
                field: FieldID.incomePerCapita.rawValue, values: [(.system, raw), ("line", line), ("monitor_line", upper)], action: .info,
                message: "\(status)户人均纯收入\(yuan)元，不低于贫困线\(line)元但低于监测线\(upper)元：纳入防返贫监测（\(kind)）"))
        } else if status == "边缘户", income < lines.line {
            sink.emit(Self.rule, case: c, field: .status, values: [(.system, status), ("income", raw), ("line", line)],
                      message: "边缘户人均纯收入\(yuan)元，低于贫困线\(line)元：疑似漏评，请核实是否应识别为贫困户")
        }
    }
}
