import FivefoldModel
import FivefoldIO
import FivefoldLedger

/// Writes `findings.csv` (SPEC §6): one row per finding, sorted, formula-neutralised.
public enum FindingsWriter {
    public static let header = [
        "finding_id", "rule", "severity", "region_code", "household_id", "member_id", "field", "values", "action", "message",
    ]

    /// The header of findings.csv: `header` and, last, each finding's `status` against the
    /// previous run (new / persisting / reopened; resolved findings are no longer in the file).
    public static let outputHeader = header + ["status"]

    /// A finding as a row of `findings.csv`.
    public static func row(_ f: Finding) -> [String] { FindingRow(f).fields }

    /// The order rows are written in (region, household, rule, member, field, id): stable across
    /// runs, partitions and shard merges.
    public static func precedes(_ a: [String], _ b: [String]) -> Bool {
        for i in [3, 4, 1, 5, 6, 0] where a[i] != b[i] { return a[i] < b[i] }
        return false
    }

    public static func write(_ findings: [Finding], status: [String: FindingStatus] = [:], to path: String) throws {
        try write(rows: findings.map(row), status: status, to: path)
    }

    /// Sorts and writes rows (each in `header` order), with their status (`new` when absent).
    public static func write(rows: [[String]], status: [String: FindingStatus] = [:], to path: String) throws {
        let writer = try ReportCSV.open(path)
        try writer.writeRow(outputHeader)
        for r in rows.sorted(by: precedes) { try writer.writeRow(r + [(status[r[0]] ?? .new).rawValue]) }
        try writer.close()
    }
}

/// Writes `corrections.csv` (SPEC §6).
public enum CorrectionsWriter {
    public static let header = [
        "finding_id", "household_id", "member_id", "field", "old_value", "new_value", "evidence", "policy",
    ]

    public static func row(_ c: Correction) -> [String] {
        [c.findingID, c.householdID, c.memberID, c.field.rawValue, c.oldValue, c.newValue, c.evidence, c.policy]
    }

    /// A row back as a correction (for the corrected dataset).
    package static func correction(_ r: [String]) -> Correction {
        Correction(findingID: r[0], householdID: r[1], memberID: r[2], field: FieldID(r[3]), oldValue: r[4], newValue: r[5], evidence: r[6], policy: r[7])
    }

    public static func precedes(_ a: [String], _ b: [String]) -> Bool {
        for i in [1, 2, 3, 0] where a[i] != b[i] { return a[i] < b[i] }
        return false
    }

    public static func write(_ corrections: [Correction], to path: String) throws {
        try write(rows: corrections.map(row), to: path)
    }

    public static func write(rows: [[String]], to path: String) throws {
        let writer = try ReportCSV.open(path)
        try writer.writeRow(header)
        for r in rows.sorted(by: precedes) { try writer.writeRow(r) }
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
