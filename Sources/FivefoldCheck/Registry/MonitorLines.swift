import FivefoldModel

/// The band of 防返贫监测 (`monitor.edge`): the poverty line at `as_of` and the monitoring line
/// above it. Household incomes in `line ≤ income < monitoring line` are on the monitoring list
/// (the line itself included, the monitoring line excluded, so that a household exactly at
/// `line_factor` × the line is not listed — the same lower-bound-inclusive convention as the
/// village classes and `exit.income`).
public struct MonitorLines: Sendable, Equatable {
    /// The poverty line in force at `as_of`: `exit.income`'s `poverty_lines` for its year, else
    /// the latest earlier year.
    public let line: Double
    /// The upper end of the band (excluded): `monitor_lines` for the year when given, else
    /// `line_factor` × `line`.
    public let monitoringLine: Double

    public init(line: Double, monitoringLine: Double) {
        self.line = line
        self.monitoringLine = monitoringLine
    }

    /// The band at the context's `as_of`; nil when there is no poverty line at all.
    public init?(context: RuleContext) {
        guard let line = PovertyLines(context: context).current(at: context.asOf) else { return nil }
        self.line = line
        var explicit: [Int: Double] = [:]
        for (k, v) in context.table(.monitorEdge, "monitor_lines") { if let year = Int(k) { explicit[year] = v } }
        if let year = explicit.keys.filter({ $0 <= context.asOf.year }).max(), let m = explicit[year] {
            monitoringLine = m
        } else {
            monitoringLine = context.number(.monitorEdge, "line_factor") * line
        }
    }

    /// Whether an income lies in the band: at or above the line, below the monitoring line.
    public func inBand(_ income: Double) -> Bool { income >= line && income < monitoringLine }
}
