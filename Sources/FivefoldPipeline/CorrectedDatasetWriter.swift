import Foundation
import FivefoldModel
import FivefoldIO
import FivefoldCheck

/// Writes `corrected/<file>`: the system tables with corrections applied, re-importable.
///
/// The input is streamed again and every row that needs no correction is copied byte for byte,
/// so columns, header names, column order, encoding, BOM, line endings, quoting and unknown
/// columns all survive; only corrected cells are re-encoded. Rows the reader quarantined are
/// not re-emitted: they could not be read, and `quarantine/system.csv` holds their raw text.
///
/// Row changes (`member_row` corrections) drop the rows of removed and moved members and append
/// one row per added member after the last input row, built from the member's settled cells
/// (columns the evidence does not fill stay empty), in the input's dialect.
public struct CorrectedDatasetWriter: Sendable {
    /// Household id → field → new value.
    let householdChanges: [String: [FieldID: String]]
    /// Household id + "\u{1f}" + member key → field → new value.
    let memberChanges: [String: [FieldID: String]]
    /// Household id + "\u{1f}" + member key of rows to drop (removed or moved members).
    let droppedMembers: Set<String>
    /// How many `member_row` corrections drop a row: the copy must drop exactly as many.
    public let expectedDrops: Int
    /// Added members in a stable order: household id, member key, cells.
    let addedMembers: [(householdID: String, key: String, cells: [FieldID: String])]
    /// The households with a member row to change or drop: a member row of any other household
    /// is copied without normalising its ID number and name to build its key (most rows of a
    /// night's members table; the keys were most of the copy's time).
    let memberHouseholds: Set<String>
    let normalizer: FieldNormalizer

    public init(corrections: [Correction], normalizer: FieldNormalizer) {
        var households: [String: [FieldID: String]] = [:]
        var members: [String: [FieldID: String]] = [:]
        var dropped = Set<String>(), added: [String] = []
        for c in corrections {
            if c.field == MemberRowPolicy.field {
                if c.newValue == "added" { added.append(c.householdID + "\u{1f}" + c.memberID) } else { dropped.insert(c.householdID + "\u{1f}" + c.memberID) }
            } else if c.memberID.isEmpty {
                households[c.householdID, default: [:]][c.field] = c.newValue
            } else {
                members[c.householdID + "\u{1f}" + c.memberID, default: [:]][c.field] = c.newValue
            }
        }
        householdChanges = households
        let addedKeys = Set(added)
        memberChanges = members.filter { !addedKeys.contains($0.key) }
        droppedMembers = dropped
        memberHouseholds = Set((memberChanges.keys.map { $0 } + dropped.map { $0 }).map {
            String($0.prefix { $0 != "\u{1f}" })
        })
        expectedDrops = corrections.filter { $0.field == MemberRowPolicy.field && $0.newValue != "added" }.count
        addedMembers = addedKeys.sorted().map { key in
            let parts = key.split(separator: "\u{1f}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            var cells = members[key] ?? [:]
            cells[.householdID] = parts[0]
            return (parts[0], parts[1], cells)
        }
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

    /// What one table's copy did: cells changed, rows dropped and rows appended.
    public struct Counts: Sendable, Equatable {
        public var cells = 0
        public var droppedRows = 0
        public var addedRows = 0
    }

    /// What to do with the row whose cells `value` returns (by column): drop it, or change these cells.
    enum RowAction {
        case keep([FieldID: String]?)
        case drop
    }

    func action(level: FieldLevel, columns: [FieldID: Int], value cellValue: (Int) -> String) -> RowAction {
        // Cells as the scan read them: without a spreadsheet text marker (`="…"`, `'…`); before,
        // a system written so had none of its corrections applied in corrected/.
        func value(_ column: Int) -> String {
            let raw = cellValue(column)
            return TableScanner.SpreadsheetTextMarkers.unwrapped(raw) ?? raw
        }
        // The key as the scan read it (`HouseholdKey`: a decimal suffix of zeros dropped).
        let hid = columns[.householdID].map { column -> String in
            let raw = value(column)
            return normalizer.normalize(HouseholdKey.withoutDecimalZeros(raw) ?? raw, kind: .text).normalized ?? ""
        } ?? ""
        switch level {
        case .household:
            return .keep(householdChanges[hid])
        case .member:
            guard memberHouseholds.contains(hid) else { return .keep(nil) }
            // The row's valid ID number, else its name: the key `MemberRecord.memberKey` gives it.
            for (column, kind) in [(columns[.idNumber], FieldKind.idNumber), (columns[.name], .personName)] {
                guard let column, let key = normalizer.normalize(value(column), kind: kind).normalized else { continue }
                let full = hid + "\u{1f}" + key
                if droppedMembers.contains(full) { return .drop }
                if let c = memberChanges[full] { return .keep(c) }
            }
            return .keep(nil)
        }
    }

    /// The changes for the row whose cells `value` returns (by column), or nil.
    func changes(level: FieldLevel, columns: [FieldID: Int], value: (Int) -> String) -> [FieldID: String]? {
        if case .keep(let c) = action(level: level, columns: columns, value: value) { return c }
        return nil
    }

    /// The rows of added members, `width` cells each, in the columns of the table.
    func addedRows(width: Int, columns: [FieldID: Int]) -> [[String]] {
        addedMembers.map { member in
            var fields = [String](repeating: "", count: width)
            for (field, value) in member.cells {
                if let column = columns[field], column < width { fields[column] = value }
            }
            return fields
        }
    }

    /// Writes an XLSX system table to `outputPath` as CSV (UTF-8 with BOM, CRLF, opens in Excel),
    /// corrections applied: its header, then every row the scan accepted, with cells as the scan
    /// read them (IDs as digits, dates as ISO dates). Title rows above the header are left out.
    @discardableResult
    public func writeXLSX(table: TableConfig, level: FieldLevel, inputPath: String, outputPath: String) throws -> Counts {
        let writer = try CSVWriter(path: outputPath, bom: true)
        var columns: [FieldID: Int] = [:]
        var width = 0
        var counts = Counts()
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
            guard case .keep(let changes) = action(level: level, columns: columns, value: { fields[$0] }) else {
                counts.droppedRows += 1
                return true
            }
            for (field, value) in changes ?? [:] {
                guard let column = columns[field] else { continue }
                fields[column] = value
                counts.cells += 1
            }
            try writer.writeRow(fields)
            return true
        })
        if level == .member {
            for row in addedRows(width: width, columns: columns) { try writer.writeRow(row) }
            counts.addedRows = addedMembers.count
        }
        try writer.close()
        return counts
    }

    /// Copies one system table to `outputPath`, applying the changes for its level.
    /// Returns how many cells were changed.
    @discardableResult
    public func write(table: TableConfig, level: FieldLevel, inputPath: String, outputPath: String) throws -> Int {
        try copy(table: table, level: level, inputPath: inputPath, outputPath: outputPath).cells
    }

    /// Copies one system table to `outputPath`, applying cell and row changes; returns the counts.
    public func copy(table: TableConfig, level: FieldLevel, inputPath: String, outputPath: String) throws -> Counts {
        let reader = try CSVReader(path: inputPath, displayName: table.file, format: TableScanner.csvFormat(table))
        let writer = try CSVWriter(
            path: outputPath, encoding: reader.encoding, bom: false, lineTerminator: reader.lineTerminator,
            delimiter: table.delimiter, quote: table.quote, neutralizeFormulas: false)
        try writer.writeRaw(reader.headerRawBytes)
        // The same header → column mapping the scan used to read this table.
        let columns = Dictionary(
            try TableScanner.columnIndexes(table, header: reader.header), uniquingKeysWith: { first, _ in first })
        var counts = Counts()
        _ = try reader.read({ row in
            guard case .keep(let changes) = self.action(level: level, columns: columns, value: { row.string(at: $0) }) else {
                counts.droppedRows += 1
                return
            }
            guard let changes, !changes.isEmpty else {
                try writer.writeRaw(row.rawBytes)
                return
            }
            // A row `ragged: pad` accepted with fewer fields is written out padded to the header.
            var fields = (0..<max(row.fieldCount, reader.header.count)).map { row.string(at: $0) }
            for (field, value) in changes {
                guard let column = columns[field], column < fields.count else { continue }
                // A corrected cell keeps the spreadsheet text marker its input cell had (an ID
                // written ="…" is corrected to ="…", not to digits a spreadsheet rounds).
                fields[column] = TableScanner.SpreadsheetTextMarkers.rewrapped(value, like: fields[column])
                counts.cells += 1
            }
            // Marker cells are written unquoted, as the export wrote them (quoted, "=""…""", the
            // system would import the formula's text, not the number).
            try writer.writeRow(fields, bare: fields.map(TableScanner.SpreadsheetTextMarkers.isMarker))
        }, quarantine: { _ in })
        if level == .member {
            for row in addedRows(width: reader.header.count, columns: columns) { try writer.writeRow(row) }
            counts.addedRows = addedMembers.count
        }
        try writer.close()
        return counts
    }
}
