import Foundation

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
public struct CorrectedDatasetWriter {
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
        expectedDrops = corrections.filter { $0.field == MemberRowPolicy.field && $0.newValue != "added" }.count
        addedMembers = addedKeys.sorted().map { key in
            let parts = key.split(separator: "\u{1f}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            var cells = members[key] ?? [:]
            cells[.householdID] = parts[0]
            return (parts[0], parts[1], cells)
        }
        self.normalizer = normalizer
    }

    /// What one table's copy did: cells changed, rows dropped and rows appended.
    public struct Counts: Sendable, Equatable {
        public var cells = 0
        public var droppedRows = 0
        public var addedRows = 0
    }

    /// Copies one system table to `outputPath`, applying the changes for its level.
    /// Returns how many cells were changed.
    @discardableResult
    public func write(table: TableConfig, level: FieldLevel, inputPath: String, outputPath: String) throws -> Int {
        try copy(table: table, level: level, inputPath: inputPath, outputPath: outputPath).cells
    }

    /// Copies one system table to `outputPath`, applying cell and row changes; returns the counts.
    public func copy(table: TableConfig, level: FieldLevel, inputPath: String, outputPath: String) throws -> Counts {
        let format = CSVFormat(delimiter: table.delimiter, quote: table.quote, encoding: TextEncoding(pipelineName: table.encoding) ?? .auto)
        let reader = try CSVReader(path: inputPath, displayName: table.file, format: format)
        let writer = try CSVWriter(
            path: outputPath, encoding: reader.encoding, bom: false, lineTerminator: reader.lineTerminator,
            delimiter: table.delimiter, quote: table.quote, neutralizeFormulas: false)
        try writer.writeRaw(reader.headerRawBytes)
        // The same header → column mapping the scan used to read this table.
        let columns = Dictionary(
            try TableScanner.columnIndexes(table.fields, header: reader.header, file: table.file), uniquingKeysWith: { first, _ in first })
        let hidColumn = columns[.householdID]
        let keyColumns = [columns[.idNumber], columns[.name]]
        var counts = Counts()
        _ = try reader.read({ row in
            let hid = hidColumn.map { normalizer.normalize(row.string(at: $0), kind: .text).normalized ?? "" } ?? ""
            var changes: [FieldID: String]?
            switch level {
            case .household:
                changes = householdChanges[hid]
            case .member:
                let key = memberKey(row, hid: hid, keyColumns: keyColumns)
                if droppedMembers.contains(key) {
                    counts.droppedRows += 1
                    return
                }
                changes = memberChanges[key]
            }
            guard let changes, !changes.isEmpty else {
                try writer.writeRaw(row.rawBytes)
                return
            }
            var fields = (0..<row.fieldCount).map { row.string(at: $0) }
            for (field, value) in changes {
                guard let column = columns[field], column < fields.count else { continue }
                fields[column] = value
                counts.cells += 1
            }
            try writer.writeRow(fields)
        }, quarantine: { _ in })
        if level == .member {
            for member in addedMembers {
                var fields = [String](repeating: "", count: reader.header.count)
                for (field, value) in member.cells {
                    if let column = columns[field], column < fields.count { fields[column] = value }
                }
                try writer.writeRow(fields)
                counts.addedRows += 1
            }
        }
        try writer.close()
        return counts
    }

    /// The key a member row's corrections are filed under: household id and the row's valid ID
    /// number, else its name (the key `MemberRecord.memberKey` gives the same row).
    func memberKey(_ row: CSVRow, hid: String, keyColumns: [Int?]) -> String {
        for (i, column) in keyColumns.enumerated() {
            guard let column else { continue }
            let kind: FieldKind = i == 0 ? .idNumber : .personName
            if let key = normalizer.normalize(row.string(at: column), kind: kind).normalized {
                let full = hid + "\u{1f}" + key
                if i == 0, memberChanges[full] == nil, !droppedMembers.contains(full), keyColumns[1] != nil { continue }
                return full
            }
        }
        return hid + "\u{1f}"
    }
}
