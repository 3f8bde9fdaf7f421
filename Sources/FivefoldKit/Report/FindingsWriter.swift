/// Writes `findings.csv` (SPEC §6): one row per finding, sorted, formula-neutralised.
public enum FindingsWriter {
    public static let header = [
        "finding_id", "rule", "severity", "region_code", "household_id", "member_id", "field", "values", "action", "message",
        "status",
    ]

    /// The order findings are written in: stable across runs and shard merges.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted {
            ($0.regionCode, $0.householdID, $0.rule, $0.memberID, $0.field, $0.id)
                < ($1.regionCode, $1.householdID, $1.rule, $1.memberID, $1.field, $1.id)
        }
    }

    /// - Parameter status: each finding's status against the previous run (the ledger's); a
    ///   finding missing from it is `new`.
    public static func write(_ findings: [Finding], status: [String: FindingStatus] = [:], to path: String) throws {
        let writer = try ReportCSV.open(path)
        try writer.writeRow(header)
        for f in sorted(findings) {
            try writer.writeRow([
                f.id, f.rule, f.severity.rawValue, f.regionCode, f.householdID, f.memberID, f.field, f.valuesText,
                f.action.rawValue, f.message, (status[f.id] ?? .new).rawValue,
            ])
        }
        try writer.close()
    }
}

/// Writes `corrections.csv` (SPEC §6).
public enum CorrectionsWriter {
    public static let header = [
        "finding_id", "household_id", "member_id", "field", "old_value", "new_value", "evidence", "policy",
    ]

    public static func write(_ corrections: [Correction], to path: String) throws {
        let writer = try ReportCSV.open(path)
        try writer.writeRow(header)
        let sorted = corrections.sorted {
            ($0.householdID, $0.memberID, $0.field.rawValue) < ($1.householdID, $1.memberID, $1.field.rawValue)
        }
        for c in sorted {
            try writer.writeRow([c.findingID, c.householdID, c.memberID, c.field.rawValue, c.oldValue, c.newValue, c.evidence, c.policy])
        }
        try writer.close()
    }
}

/// The CSV dialect of every file a person opens: UTF-8 with BOM (Excel reads it), CRLF, and
/// spreadsheet-formula injection neutralised.
enum ReportCSV {
    static func open(_ path: String) throws -> CSVWriter {
        try CSVWriter(path: path, encoding: .utf8, bom: true, lineTerminator: "\r\n", delimiter: UInt8(ascii: ","), neutralizeFormulas: true)
    }
}
