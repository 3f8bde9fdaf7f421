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
        let hidColumn = columns[.householdID]
        let keyColumns = [columns[.idNumber], columns[.name]]
        var changed = 0
        _ = try reader.read({ row in
            let hid = hidColumn.map { normalizer.normalize(row.string(at: $0), kind: .text).normalized ?? "" } ?? ""
            var changes: [FieldID: String]?
            switch level {
            case .household:
                changes = householdChanges[hid]
            case .member:
                for (i, column) in keyColumns.enumerated() {
                    guard let column else { continue }
                    let kind: FieldKind = i == 0 ? .idNumber : .personName
                    if let key = normalizer.normalize(row.string(at: column), kind: kind).normalized,
                        let c = memberChanges[hid + "\u{1f}" + key]
                    {
                        changes = c
                        break
                    }
                }
            }
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
