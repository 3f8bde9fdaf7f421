import FivefoldModel

/// A finding as findings.csv holds it (the columns of `FindingsWriter.header`): what the ledger
/// records and the report shows. The assembly works on rows, not on `Finding` values, because
/// findings arrive from partition and shard files (read back as `FindingRow`s).
public struct FindingRow: Sendable, Equatable {
    public var id: String
    public var rule: String
    public var severity: String
    public var regionCode: String
    public var householdID: String
    public var memberID: String
    public var field: String
    public var values: String
    public var action: String
    public var message: String

    /// A row in `FindingsWriter.header` order (missing trailing columns read as empty).
    public init(_ fields: [String]) {
        func at(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
        id = at(0)
        rule = at(1)
        severity = at(2)
        regionCode = at(3)
        householdID = at(4)
        memberID = at(5)
        field = at(6)
        values = at(7)
        action = at(8)
        message = at(9)
    }

    public init(_ finding: Finding) {
        self.init([
            finding.id, finding.rule, finding.severity.rawValue, finding.regionCode, finding.householdID,
            finding.memberID, finding.field, finding.valuesText, finding.action.rawValue, finding.message,
        ])
    }

    /// The row in `FindingsWriter.header` order: what `init(_ fields:)` reads back.
    public var fields: [String] {
        [id, rule, severity, regionCode, householdID, memberID, field, values, action, message]
    }

    /// The severity, `info` when unreadable.
    public var level: Severity { Severity(rawValue: severity) ?? .info }
}
