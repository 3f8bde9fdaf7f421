import Foundation

/// Writes `corrected/<file>`: the system tables with corrections applied, re-importable.
///
/// The input is streamed again and every row that needs no correction is copied byte for byte,
/// so columns, header names, column order, encoding, BOM, line endings, quoting and unknown
/// columns all survive; only corrected cells are re-encoded. Rows the reader quarantined are
/// not re-emitted: they could not be read, and `quarantine/system.csv` holds their raw text.
public struct CorrectedDatasetWriter {
    /// Household id → field → new value.
    let householdChanges: [String: [FieldID: String]]
    /// Household id + "\u{1f}" + member key → field → new value.
    let memberChanges: [String: [FieldID: String]]
    let normalizer: FieldNormalizer

    public init(corrections: [Correction], normalizer: FieldNormalizer) {
        var households: [String: [FieldID: String]] = [:]
        var members: [String: [FieldID: String]] = [:]
        for c in corrections {
            if c.memberID.isEmpty {
                households[c.householdID, default: [:]][c.field] = c.newValue
            } else {
                members[c.householdID + "\u{1f}" + c.memberID, default: [:]][c.field] = c.newValue
            }
        }
        householdChanges = households
        memberChanges = members
        self.normalizer = normalizer
    }

    /// Where each system table goes inside `corrected/`: its file name (`households.csv`,
    /// `members.csv`), unless two tables share a file name (`户/导出.txt`, `人员/导出.txt`): then
    /// every table keeps its path relative to the input folder (`户/导出.txt`), so no corrected
    /// table overwrites another. `..` and leading `/` are dropped from those paths.
    public static func outputNames(_ files: [String]) -> [String] {
        let names = files.map { ($0 as NSString).lastPathComponent }
        guard Set(names).count < names.count else { return names }
        return files.map { file in
            file.split(separator: "/").filter { $0 != ".." && $0 != "." }.joined(separator: "/")
        }
    }

    /// The changes for the row whose cells `value` returns (by column), or nil.
    func changes(level: FieldLevel, columns: [FieldID: Int], value: (Int) -> String) -> [FieldID: String]? {
        let hid = columns[.householdID].map { normalizer.normalize(value($0), kind: .text).normalized ?? "" } ?? ""
        switch level {
        case .household:
            return householdChanges[hid]
        case .member:
            for (column, kind) in [(columns[.idNumber], FieldKind.idNumber), (columns[.name], .personName)] {
                guard let column else { continue }
                if let key = normalizer.normalize(value(column), kind: kind).normalized, let c = memberChanges[hid + "\u{1f}" + key] {
                    return c
                }
            }
            return nil
        }
    }

    /// Writes an XLSX system table to `outputPath` as CSV (UTF-8 with BOM, CRLF, opens in Excel),
    /// corrections applied: its header, then every row the scan accepted, with cells as the scan
    /// read them (IDs as digits, dates as ISO dates). Title rows above the header are left out.
    @discardableResult
    public func writeXLSX(table: TableConfig, level: FieldLevel, inputPath: String, outputPath: String) throws -> Int {
        let writer = try CSVWriter(path: outputPath, bom: true)
        var columns: [FieldID: Int] = [:]
        var width = 0
        var changed = 0
        _ = try TableScanner.readXLSX(table, path: inputPath, header: { header in
            try writer.writeRow(header.names)
            columns = Dictionary(try TableScanner.columnIndexes(table, header: header.names), uniquingKeysWith: { first, _ in first })
            width = header.names.count
        }, row: { row in
            // Rows the scan quarantined (too many cells, an inexact numeric ID) are left out, as for CSV.
            guard row.cells.count <= width else { return true }
            var fields = (0..<width).map { row[$0].displayText }
            for (field, column) in columns {
                guard case .success(let text) = TableScanner.cellText(row[column], field: field, header: "") else { return true }
                fields[column] = text
            }
            for (field, value) in changes(level: level, columns: columns, value: { fields[$0] }) ?? [:] {
                guard let column = columns[field] else { continue }
                fields[column] = value
                changed += 1
            }
            try writer.writeRow(fields)
            return true
        })
        try writer.close()
        return changed
    }

    /// Copies one system table to `outputPath`, applying the changes for its level.
    /// Returns how many cells were changed.
    @discardableResult
    public func write(table: TableConfig, level: FieldLevel, inputPath: String, outputPath: String) throws -> Int {
        let reader = try CSVReader(path: inputPath, displayName: table.file, format: TableScanner.csvFormat(table))
        let writer = try CSVWriter(
            path: outputPath, encoding: reader.encoding, bom: false, lineTerminator: reader.lineTerminator,
            delimiter: table.delimiter, quote: table.quote, neutralizeFormulas: false)
        try writer.writeRaw(reader.headerRawBytes)
        // The same header → column mapping the scan used to read this table.
        let columns = Dictionary(
            try TableScanner.columnIndexes(table, header: reader.header), uniquingKeysWith: { first, _ in first })
        var changed = 0
        _ = try reader.read({ row in
            let changes = self.changes(level: level, columns: columns) { row.string(at: $0) }
            guard let changes, !changes.isEmpty else {
                try writer.writeRaw(row.rawBytes)
                return
            }
            // A row `ragged: pad` accepted with fewer fields is written out padded to the header.
            var fields = (0..<max(row.fieldCount, reader.header.count)).map { row.string(at: $0) }
            for (field, value) in changes {
                guard let column = columns[field], column < fields.count else { continue }
                fields[column] = value
                changed += 1
            }
            try writer.writeRow(fields)
        }, quarantine: { _ in })
        try writer.close()
        return changed
    }
}
