import Foundation
import FivefoldModel
import FivefoldIO

/// Reads one input table through the pipeline's header mapping, as raw text, with exact row
/// accounting: every row is either handed on or quarantined with file, line and reason.
///
/// Values are not normalised here: scanning is the sequential, I/O-bound part of a run, so it
/// only maps columns and routes records; normalisation happens per partition, in parallel.
struct TableScanner {
    let inputFolder: String

    /// A mapped row as read: canonical field → raw text; XML members nested.
    struct RawRecord {
        var location: SourceLocation
        var fields: [(FieldID, String)]
        var members: [(location: SourceLocation, fields: [(FieldID, String)], codes: [UInt8])]
        /// Each field's spill code (`FieldCodes`), parallel to `fields`, computed once per table.
        var codes: [UInt8]

        func value(_ field: FieldID) -> String? {
            fields.first { $0.0 == field }?.1
        }
    }

    /// Scans `table`; `accept` returns nil to accept a record or a reason to quarantine it.
    func scan(
        _ table: TableConfig, sourceName: String, quarantine: (QuarantinedRow) -> Void,
        accept: (RawRecord) throws -> String?
    ) throws -> InputStats {
        let path = try existingPath(of: table, sourceName: sourceName)
        var stats = InputStats(source: sourceName, file: table.file)
        let encoding = TextEncoding(pipelineName: table.encoding) ?? .auto
        switch table.format {
        case .csv:
            try scanCSV(table, path: path, encoding: encoding, stats: &stats, quarantine: quarantine, accept: accept)
        case .xml:
            try scanXML(table, path: path, encoding: encoding, stats: &stats, quarantine: quarantine, accept: accept)
        case .xlsx:
            try scanXLSX(table, path: path, stats: &stats, quarantine: quarantine, accept: accept)
        }
        return stats
    }

    /// The table's file under the input folder; a `PipelineError` when there is none.
    private func existingPath(of table: TableConfig, sourceName: String) throws -> String {
        let path = resolve(table.file, against: inputFolder)
        guard FileManager.default.fileExists(atPath: path) else {
            throw PipelineError(
                file: path, keyPath: "",
                message: "input file not found (source \(sourceName)); check --input or the pipeline's file: \(table.file)")
        }
        return path
    }

    /// Hands `record` to `accept` and counts the outcome: accepted, or quarantined at the
    /// record's location with `raw()` (worked out only then) as its text.
    static func route(
        _ record: RawRecord, raw: () -> String, stats: inout InputStats,
        quarantine: (QuarantinedRow) -> Void, accept: (RawRecord) throws -> String?
    ) throws {
        if let reason = try accept(record) {
            quarantine(QuarantinedRow(location: record.location, reason: reason, raw: raw()))
            stats.quarantined += 1
        } else {
            stats.accepted += 1
        }
    }

    /// The mapped columns of a CSV or XLSX table, and which of them have had text so far.
    struct ColumnMap {
        /// Each mapped field and its column, in mapping order.
        let columns: [(FieldID, Int)]
        /// Each field's spill code (`FieldCodes`), parallel to `columns`.
        let codes: [UInt8]
        /// The position of the 家庭成员 field in `columns`, whose names are joined with 、.
        let memberNames: Int?
        let memberSeparators: String
        private(set) var filled: [Bool]
        /// The 户编号 written as decimals (`HouseholdKey`), read without the decimal part.
        var decimalKeys = DecimalKeys()
        /// Cells written as spreadsheet text (`="…"`, `'…`), read without the marker.
        var textMarkers = SpreadsheetTextMarkers()

        init(_ columns: [(FieldID, Int)], memberSeparators: String) {
            self.columns = columns
            codes = columns.map { FieldCodes.codes[$0.0]! }
            memberNames = columns.firstIndex { $0.0 == .memberNames }
            decimalKeys.position = columns.firstIndex { $0.0 == .householdID }
            self.memberSeparators = memberSeparators
            filled = [Bool](repeating: false, count: columns.count)
        }

        /// The columns of `table`'s mapped fields in `header` (see `columnIndexes`).
        init(_ table: TableConfig, header: [String]) throws {
            self.init(try TableScanner.columnIndexes(table, header: header), memberSeparators: table.memberSeparators)
        }

        /// Notes which of a row's `fields` (one per column) have text, then joins its names.
        mutating func finish(_ fields: inout [(FieldID, String)]) {
            textMarkers.clean(&fields)
            for i in fields.indices where !filled[i] && !TextNormalizer.isBlank(fields[i].1) { filled[i] = true }
            if let m = memberNames { fields[m].1 = TableScanner.joinedNames(fields[m].1, separators: memberSeparators) }
            decimalKeys.clean(&fields)
        }

        /// The fields whose columns were blank in every row, and those filled in some row.
        func note(_ stats: inout InputStats) {
            stats.blankFields = columns.indices.filter { !filled[$0] }.map { columns[$0].0.rawValue }
            stats.filledFields = columns.indices.filter { filled[$0] }.map { columns[$0].0.rawValue }
        }

        /// The error when the table's key column (`isKey`) was blank in every row.
        func blankKey(_ table: TableConfig, every: String = "every row") -> PipelineError? {
            guard let i = columns.indices.first(where: { !filled[$0] && TableScanner.isKey(columns[$0].0, of: table) }),
                  let mapped = table.mapped.first(where: { !$0.isMember && $0.field == columns[i].0 })
            else { return nil }
            return mapped.blankKey(pipelineFile: table.pipelineFile, dataFile: table.file, every: every, unit: "row")
        }

        /// A warning for each column that was blank in every row.
        func blankColumnWarnings(file: String, header: [String]) -> [String] {
            columns.indices.filter { !filled[$0] }.map { i in
                "\(file): column \(header[columns[i].1]) (\(columns[i].0.rawValue)) is blank in every row"
            }
        }
    }

    /// The 户编号 of a table written as decimal numbers (`5202031002010001.0`): each is read
    /// without its decimal part (`HouseholdKey`), counted, and the scan warns once.
    struct DecimalKeys {
        /// The key's position among a record's fields (nil: the table maps no 户编号).
        var position: Int?
        private(set) var count = 0
        private var first = ""

        mutating func clean(_ fields: inout [(FieldID, String)]) {
            guard let k = position, k < fields.count else { return }
            fields[k].1 = clean(fields[k].1)
        }

        /// `key` without a decimal suffix of zeros, counted when it had one.
        mutating func clean(_ key: String) -> String {
            guard let clean = HouseholdKey.withoutDecimalZeros(key) else { return key }
            if count == 0 { first = key }
            count += 1
            return clean
        }

        /// The warning, once there were such keys.
        func warning(file: String, unit: String) -> String? {
            guard count > 0 else { return nil }
            return "\(file): 户编号 (household_id) is written as a decimal number in \(count) \(unit)\(count == 1 ? "" : "s") (first: \(first)), "
                + "as pandas or a spreadsheet writes a number column; each is read without its decimal part"
        }
    }

    /// Cells a system wrote for Excel to keep as text: `="5202031002010001"` (a formula giving the
    /// text), `'520203196608121230` (the apostrophe that marks text) and a tab before the number.
    /// Exports do all three so that
    /// a spreadsheet neither rounds an 18-digit ID nor drops a leading zero; read as they are, no
    /// 户编号 matched another source's (152 and 342 findings instead of 59 on the sample, exit 0).
    /// Each is read without its marker, counted, and the scan says so once. Only `="…"` with no
    /// other quote inside, and `'` or a tab before a number-like value (digits, X, and - / . : space), are
    /// markers: anything else starting with = or ' is left as it is.
    struct SpreadsheetTextMarkers {
        private(set) var count = 0
        private var first = ""

        mutating func clean(_ fields: inout [(FieldID, String)]) {
            for i in fields.indices {
                // One byte decides for nearly every cell (this runs for every field of every row).
                guard let b = fields[i].1.utf8.first, b == 0x3D || b == 0x27 || b == 0x09, let inner = Self.unwrapped(fields[i].1) else { continue }
                // A tab is white space, which the normaliser trims anyway: dropped without a word,
                // so that messages quote the value without it.
                if b != 0x09 {
                    if count == 0 { first = fields[i].1 }
                    count += 1
                }
                fields[i].1 = inner
            }
        }

        /// The text inside a marker, or nil when `cell` is not one.
        static func unwrapped(_ cell: String) -> String? {
            let bytes = Array(cell.utf8)
            if bytes.count >= 3, bytes[0] == 0x3D, bytes[1] == 0x22, bytes.last == 0x22, !bytes[2..<(bytes.count - 1)].contains(0x22) {
                return String(decoding: bytes[2..<(bytes.count - 1)], as: UTF8.self)
            }
            if bytes.count >= 2, bytes[0] == 0x27 || bytes[0] == 0x09, bytes[1...].contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
               bytes[1...].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || [0x58, 0x78, 0x2D, 0x2F, 0x2E, 0x3A, 0x20].contains($0) }) {
                return String(decoding: bytes[1...], as: UTF8.self)
            }
            return nil
        }

        /// The warning, once there were such cells.
        func warning(file: String) -> String? {
            guard count > 0 else { return nil }
            return "\(file): \(count) cell\(count == 1 ? " is" : "s are") written as spreadsheet text (first: \(first)), as exports write numbers "
                + "for Excel to keep; each is read without its marker"
        }
    }

    /// The CSV dialect of a table: delimiter, quote, encoding, header row and ragged rows.
    static func csvFormat(_ table: TableConfig) -> CSVFormat {
        var format = CSVFormat(delimiter: table.delimiter, quote: table.quote, encoding: TextEncoding(pipelineName: table.encoding) ?? .auto)
        format.headerRow = table.headerRow
        format.ragged = table.ragged
        return format
    }

    private func scanCSV(
        _ table: TableConfig, path: String, encoding: TextEncoding, stats: inout InputStats,
        quarantine: (QuarantinedRow) -> Void, accept: (RawRecord) throws -> String?
    ) throws {
        let reader = try Self.openCSV(table, path: path)
        stats.encoding = reader.encoding.rawValue
        stats.skipped = reader.skippedRows
        var columns: ColumnMap
        do {
            columns = try ColumnMap(table, header: reader.header)
        } catch var error as PipelineError {
            if let hint = Self.headerBelow(table, path: path) { error.message += "; " + hint }
            throw error
        }
        stats.absentFields = Self.absentOptional(table, header: reader.header)
        var idGuard = SpreadsheetIDGuard(columns: columns.columns, header: reader.header)
        var mappedRows = 0
        let counts = try reader.read({ row in
            let record = Self.record(row, &columns)
            if idGuard.isActive, let reason = idGuard.problem(record.fields, line: record.location.line) {
                quarantine(QuarantinedRow(location: record.location, reason: reason, raw: Self.rawText(row)))
                stats.quarantined += 1
            } else {
                try Self.route(record, raw: { Self.rawText(row) }, stats: &stats, quarantine: quarantine, accept: accept)
                mappedRows += 1
            }
        }, quarantine: { row in
            quarantine(row)
            stats.quarantined += 1
        })
        stats.read = counts.read
        stats.fatal = reader.brokenOff
        if let warning = idGuard.warning(file: table.file) { stats.warnings.append(warning) }
        stats.unusable = idGuard.roundedColumn(file: table.file)
        if mappedRows > 0 {
            if let blank = columns.blankKey(table) { throw blank }
            stats.warnings += columns.blankColumnWarnings(file: table.file, header: reader.header)
            if let warning = columns.decimalKeys.warning(file: table.file, unit: "row") { stats.warnings.append(warning) }
            if let warning = columns.textMarkers.warning(file: table.file) { stats.warnings.append(warning) }
            columns.note(&stats)
        }
    }

    /// When the header row holds none of a table's mapped names, the line below it that holds
    /// them all, as a hint: exports often start with a title line (`六枝特区建档立卡贫困户家庭成员
    /// 信息表（截至2020年12月）,,,,`) or two above the header. Looks at the next 10 lines.
    static func headerBelow(_ table: TableConfig, path: String) -> String? {
        var format = csvFormat(table)
        let configured = format.headerRow
        for row in (configured + 1)...(configured + 10) {
            format.headerRow = row
            guard let reader = try? CSVReader(path: path, displayName: table.file, format: format) else { return nil }
            let resolved = resolveColumns(table, header: reader.header)
            guard resolved.missing.isEmpty, !resolved.columns.isEmpty else { continue }
            let above = row - 1 == 1 ? "line 1 looks like a title" : "lines 1–\(row - 1) look like a title"
            return "the header is on line \(row) (\(above)): set `header_row: \(row)` on this table"
        }
        return nil
    }

    /// Opens a CSV table and reads its header; an error opening it is a `PipelineError`.
    private static func openCSV(_ table: TableConfig, path: String) throws -> CSVReader {
        do {
            return try CSVReader(path: path, displayName: table.file, format: csvFormat(table))
        } catch {
            throw inputError(error, file: table.file)
        }
    }

    /// An error reading `file` as a `PipelineError` at that file, said once: the reader's own
    /// message already names the file (and the line), which is not repeated.
    static func inputError(_ error: Error, file: String) -> PipelineError {
        if let error = error as? PipelineError { return error }
        let text = "\(error)"
        guard text.hasPrefix(file + ":") else { return PipelineError(file: file, keyPath: "", message: text) }
        var rest = text.dropFirst(file.count + 1)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        var line: Int?
        if !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(":") {
            line = Int(digits)
            rest = rest.dropFirst(digits.count + 1)
        }
        return PipelineError(file: file, line: line, keyPath: "", message: String(rest.drop { $0 == " " }))
    }

    /// A CSV row's mapped fields as a record.
    private static func record(_ row: CSVRow, _ columns: inout ColumnMap) -> RawRecord {
        var fields = columns.columns.map { ($0.0, row.string(at: $0.1)) }
        columns.finish(&fields)
        return RawRecord(location: row.location, fields: fields, members: [], codes: columns.codes)
    }

    /// The 家庭成员 text with its names separated by 、 whatever `separators` the table uses
    /// (the normaliser splits sets on 、 , ， ; ；, not on spaces), and without what a card
    /// writes in brackets after a name (王德明(户主)、刘桂芬（妻，残疾）): no name holds a bracket,
    /// and read as part of the name each annotated member was both missing from the card and
    /// an extra name on it.
    static func joinedNames(_ text: String, separators: String) -> String {
        if isJoinedAlready(text, separators: separators) { return text }
        let text = withoutBracketedNotes(text)
        let set = Set(separators.unicodeScalars)
        let names = text.unicodeScalars.split(whereSeparator: { set.contains($0) }).map { String(String.UnicodeScalarView($0)).trimmingWhitespace() }
        return names.filter { !$0.isEmpty }.joined(separator: "、")
    }

    /// Whether `joinedNames` would return `text` unchanged: no separator but 、, no white space,
    /// and no empty name (、 at either end or twice in a row). Most cells are like that, and the
    /// split, trim and join cost 1.7 % of a 100 k run's CPU.
    static func isJoinedAlready(_ text: String, separators: String) -> Bool {
        let mark: Unicode.Scalar = "、"
        let separators = separators.unicodeScalars
        let markSeparates = separators.contains(mark)
        var previousWasMark = true  // a leading 、 makes an empty first name
        for s in text.unicodeScalars {
            // White_Space scalars all lie at or below U+3000; the property lookup is skipped above.
            if s.value <= 0x3000 && s.properties.isWhitespace { return false }
            if s == mark && markSeparates {
                if previousWasMark { return false }
                previousWasMark = true
                continue
            }
            if separators.contains(s) || isBracket(s) { return false }
            previousWasMark = false
        }
        return !previousWasMark || text.isEmpty
    }

    /// Opening brackets a card puts a note in, and their closing ones.
    static let bracketPairs: [Unicode.Scalar: Unicode.Scalar] = ["(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕"]
    /// Whether `s` is one of `bracketPairs`, opening or closing (a switch: this runs for every
    /// character of every 家庭成员 cell).
    @inline(__always)
    static func isBracket(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x28, 0x29, 0x5B, 0x5D, 0xFF08, 0xFF09, 0x3010, 0x3011, 0x3014, 0x3015: return true
        default: return false
        }
    }

    /// `text` without bracketed notes (nested or not; an unclosed bracket drops the rest).
    static func withoutBracketedNotes(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var closing: [Unicode.Scalar] = []
        for s in text.unicodeScalars {
            if let close = bracketPairs[s] {
                closing.append(close)
            } else if let last = closing.last, s == last {
                closing.removeLast()
            } else if closing.isEmpty, !isBracket(s) {
                out.append(s)
            }
        }
        return String(out)
    }

    /// The row's text for quarantine: its bytes decoded as UTF-8 when they are, else each field;
    /// without the line terminator, which in a quarantine cell would break the row in two when a
    /// spreadsheet opens it.
    static func rawText(_ row: CSVRow) -> String {
        var bytes = row.rawBytes
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return (0..<row.fieldCount).map { row.string(at: $0) }.joined(separator: ",")
    }

    /// Header → column index for each mapped field (first alias present wins). Every mapped
    /// field must name a column of the file unless it is `optional`; the first that does not is
    /// a `PipelineError` at its key in the pipeline file, naming the headers found and the closest.
    static func columnIndexes(_ table: TableConfig, header: [String]) throws -> [(FieldID, Int)] {
        let resolved = resolveColumns(table, header: header)
        if let first = resolved.missing.first { throw first }
        return resolved.columns
    }

    /// The columns of the mapped fields found in `header`, and an error for each field not found
    /// (`fivefold check` lists them all; a run stops at the first).
    static func resolveColumns(_ table: TableConfig, header: [String]) -> (columns: [(FieldID, Int)], missing: [PipelineError]) {
        var result: [(FieldID, Int)] = []
        var missing: [PipelineError] = []
        for mapped in table.mapped where !mapped.isMember {
            if let name = mapped.names.first(where: header.contains) {
                let columns = header.indices.filter { header[$0] == name }
                if columns.count > 1 {
                    missing.append(mapped.duplicated(name, columns: columns, pipelineFile: table.pipelineFile, dataFile: table.file))
                    continue
                }
                result.append((mapped.field, columns[0]))
            } else if !mapped.optional || Self.isKey(mapped.field, of: table) {
                missing.append(mapped.unresolved(pipelineFile: table.pipelineFile, dataFile: table.file, found: header, what: "column", encoding: table.encoding))
            }
        }
        return (result, missing)
    }

    /// Optional fields (`optional: true`) none of whose names the header holds.
    static func absentOptional(_ table: TableConfig, header: [String]) -> [String] {
        table.mapped.filter { m in !m.isMember && m.optional && !m.names.contains(where: header.contains) }.map(\.field.rawValue)
    }

    /// The table's key field (household_id, else id_number, else region_code): never optional.
    static func isKey(_ field: FieldID, of table: TableConfig) -> Bool {
        let key = [FieldID.householdID, .idNumber, .regionCode].first { k in table.fields.contains { $0.field == k } }
        return key == field
    }

    /// A quarantined XML record as text: every value it had, wanted (by slot) or not.
    static func describe(_ element: XMLElementRecord, _ slotNames: [String]) -> String {
        var values = element.values
        for (name, value) in zip(slotNames, element.slots) where values[name] == nil {
            if let value { values[name] = value }
        }
        return values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }
}

/// Kinds of the registry and village columns beyond the canonical model.
enum ExtraFieldKinds {
    static func kind(_ field: FieldID, level: FieldLevel) -> FieldKind {
        if let spec = FieldCatalog.spec(field, level: level) { return spec.kind }
        switch field.rawValue {
        case "death_date": return .date
        case "floor_area": return .quantity(unit: "㎡")
        case "registered_capital": return .quantity(unit: "万元")
        case "population": return .integer
        case "insurance_status": return .boolean
        default: return .text
        }
    }
}
