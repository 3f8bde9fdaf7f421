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
        /// The position of 出生日期 in `columns`, and its values given as year and month alone.
        let birthDate: Int?
        var birthMonths = BirthMonths()

        init(_ columns: [(FieldID, Int)], memberSeparators: String) {
            self.columns = columns
            codes = columns.map { FieldCodes.codes[$0.0]! }
            memberNames = columns.firstIndex { $0.0 == .memberNames }
            decimalKeys.position = columns.firstIndex { $0.0 == .householdID }
            birthDate = columns.firstIndex { $0.0 == .birthDate }
            self.memberSeparators = memberSeparators
            filled = [Bool](repeating: false, count: columns.count)
        }

        /// The columns of `table`'s mapped fields in `header` (see `columnIndexes`).
        init(_ table: TableConfig, header: [String]) throws {
            self.init(try TableScanner.columnIndexes(table, header: header), memberSeparators: table.memberSeparators)
            if let b = birthDate, columns[b].1 < header.count { birthMonths.header = header[columns[b].1] }
        }

        /// Notes which of a row's `fields` (one per column) have text, then joins its names.
        mutating func finish(_ fields: inout [(FieldID, String)]) {
            textMarkers.clean(&fields)
            for i in fields.indices where !filled[i] && !TextNormalizer.isBlank(fields[i].1) { filled[i] = true }
            if let m = memberNames { fields[m].1 = TableScanner.joinedNames(fields[m].1, separators: memberSeparators) }
            decimalKeys.clean(&fields)
            if let b = birthDate { birthMonths.note(fields[b].1) }
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
        stats.unusable = idGuard.unusable(file: table.file, rows: counts.read)
        if mappedRows > 0 {
            if let blank = columns.blankKey(table) { throw blank }
            stats.warnings += columns.blankColumnWarnings(file: table.file, header: reader.header)
            if let warning = columns.decimalKeys.warning(file: table.file, unit: "row") { stats.warnings.append(warning) }
            if let warning = columns.textMarkers.warning(file: table.file) { stats.warnings.append(warning) }
            stats.warnings += columns.birthMonths.warnings(file: table.file)
            columns.note(&stats)
        }
    }

    /// When the header row lacks a mapped name, the first of the next 10 lines that holds them
    /// all, as a hint: exports often start with a title line (`六枝特区建档立卡贫困户家庭成员
    /// 信息表（截至2020年12月）,,,,`) or two above the header.
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
    /// (`fivefold check` lists them all; a run stops at the first). A name matches a header that
    /// differs from it in character width only (`人均纯收入（元）` for `人均纯收入(元)`,
    /// `HeaderMatcher.widthFolded`).
    static func resolveColumns(_ table: TableConfig, header: [String]) -> (columns: [(FieldID, Int)], missing: [PipelineError]) {
        var result: [(FieldID, Int)] = []
        var missing: [PipelineError] = []
        let folded = header.map(HeaderMatcher.widthFolded)
        for mapped in table.mapped where !mapped.isMember {
            if let name = HeaderMatcher.firstPresent(mapped.names, in: folded) {
                let key = HeaderMatcher.widthFolded(name)
                let columns = header.indices.filter { folded[$0] == key }
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

    /// Optional fields (`optional: true`) none of whose names the header holds (in either width).
    static func absentOptional(_ table: TableConfig, header: [String]) -> [String] {
        let folded = header.map(HeaderMatcher.widthFolded)
        return table.mapped.filter { m in !m.isMember && m.optional && HeaderMatcher.firstPresent(m.names, in: folded) == nil }.map(\.field.rawValue)
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
        switch field {
        case .deathDate: return .date
        case .floorArea: return .quantity(unit: "㎡")
        case .registeredCapital: return .quantity(unit: "万元")
        case VillageFields.population: return .integer
        case .insuranceStatus: return .boolean
        default: return .text
        }
    }
}
