import Foundation
import FivefoldModel
import FivefoldIO

// XLSX tables (legacy county records, wall cards typed in Excel): one sheet read as a CSV table
// would be — header row, mapped columns, field counts, quarantine, row accounting with the sheet
// row number as the line. Two things differ because a spreadsheet stored typed cells:
// - ID fields (户编号, 身份证号, 户主身份证号) that the spreadsheet made numbers keep only 15
//   significant digits: they are turned back into digits only when certainly exact, otherwise
//   the row is quarantined (a rounded ID silently linked to the wrong person is worse than none);
// - date cells become ISO dates (`XLSXCell.date`), whatever format the sheet displays, except
//   the 1st of a month shown as year and month alone (出生年月 typed 1966-08), which is read as
//   `yyyy-MM`: a birth date at month precision, and no date for fields that need the day;
// - a cell merged down over several rows below the header (合并单元格: one 帮扶责任人 typed once
//   for the households he helps) holds its value in its top cell only: every row of the range
//   reads it (`XLSXMergeFill`), as a person reads the sheet. SpreadsheetML lists the ranges
//   after the rows, so they cost one more pass over the sheet part, without building cells.

extension TableScanner {
    /// The header of an XLSX table as read, and the columns of its mapped fields.
    struct XLSXHeader {
        var sheet: String
        var names: [String]
        var skipped: Int
    }

    /// Opens the table's workbook and finds its sheet (`sheet:` by name, else 0-based index).
    static func openSheet(_ table: TableConfig, path: String) throws -> (XLSXWorkbook, XLSXSheetInfo) {
        do {
            let workbook = try XLSXWorkbook(path: path, displayName: table.file)
            guard let wanted = table.sheet else {
                return (workbook, try workbook.sheet(at: 0))
            }
            if let named = workbook.sheets.first(where: { $0.name == wanted }) { return (workbook, named) }
            if let index = Int(wanted) { return (workbook, try workbook.sheet(at: index)) }
            return (workbook, try workbook.sheet(named: wanted))
        } catch let error as XLSXError {
            throw PipelineError(file: table.file, keyPath: "", message: error.message + (error.part.map { " (\($0))" } ?? ""))
        }
    }

    /// Reads an XLSX table: rows above `headerRow` are skipped (non-empty ones counted), the
    /// first non-empty row from there is the header, handed to `header` for the columns to read;
    /// every later non-empty row goes to `row`, which returns false to stop, with the cells of a
    /// range merged down below the header filled from its top cell. A sheet that breaks off
    /// (malformed XML) ends the table: the rows before are kept, the error is returned.
    ///
    /// When the pipeline names no sheet and `sameHeader` is given, it is called after the read
    /// with the other sheets whose header row is the one read (`sameHeaderSheets`).
    static func readXLSX(
        _ table: TableConfig, path: String, header: (XLSXHeader) throws -> Void, row: (XLSXRow) throws -> Bool,
        sameHeader: (([String]) -> Void)? = nil
    ) throws -> String? {
        let (workbook, sheet) = try openSheet(table, path: path)
        var found: XLSXHeader?
        var skipped = 0
        do {
            // A sheet too broken to list its ranges is reported by the read itself.
            let merged = (try? workbook.mergedRanges(of: sheet)) ?? []
            var fill = XLSXMergeFill([])
            try workbook.readRows(of: sheet) { r in
                guard r.cells.contains(where: { !$0.isEmpty }) else { return true }
                guard found != nil else {
                    if r.number < table.headerRow {
                        skipped += 1
                        return true
                    }
                    let h = XLSXHeader(sheet: sheet.name, names: r.cells.map { $0.displayText.trimmingWhitespace() }, skipped: skipped)
                    found = h
                    fill = XLSXMergeFill(merged.filter { $0.firstRow > r.number })
                    try header(h)
                    return true
                }
                if fill.isEmpty { return try row(r) }
                var filled = r
                fill.fill(&filled)
                return try row(filled)
            }
        } catch let error as XLSXError {
            guard found != nil else { throw PipelineError(file: table.file, keyPath: "", message: "\(error)") }
            return "\(error)"
        }
        guard let found else {
            throw PipelineError(file: table.file, keyPath: "", message: "sheet \(sheet.name) has no header row (no non-empty row at or after row \(table.headerRow))")
        }
        if let sameHeader, table.sheet == nil {
            sameHeader(try sameHeaderSheets(workbook, besides: sheet, header: found.names, headerRow: table.headerRow))
        }
        return nil
    }

    /// The other sheets of `workbook` whose header row (the first non-empty row at or after
    /// `headerRow`) holds exactly `header`: a workbook split into one sheet per village or
    /// township, of which a table without `sheet:` reads only the first.
    static func sameHeaderSheets(_ workbook: XLSXWorkbook, besides read: XLSXSheetInfo, header: [String], headerRow: Int) throws -> [String] {
        var names: [String] = []
        for sheet in workbook.sheets where sheet.partPath != read.partPath {
            var cells: [String]?
            try workbook.readRows(of: sheet) { r in
                guard r.number >= headerRow, r.cells.contains(where: { !$0.isEmpty }) else { return r.number < headerRow + 50 }
                cells = r.cells.map { $0.displayText.trimmingWhitespace() }
                return false
            }
            if cells == header { names.append(sheet.name) }
        }
        return names
    }

    /// The text of one cell for `field`, or why the row must be quarantined.
    static func cellText(_ cell: XLSXCell, field: FieldID, header: String) -> Result<String, RowProblem> {
        let kind = FieldCatalog.spec(field, level: .household)?.kind ?? ExtraFieldKinds.kind(field, level: .member)
        switch cell {
        case .number(let stored) where SpreadsheetIDGuard.isIDField(field):
            guard let digits = cell.exactIntegerDigits else {
                return .failure(RowProblem(reason: "\(header) stored as a number by a spreadsheet: digits beyond the 15th are lost (\(stored))"))
            }
            return .success(digits)
        case .date(let text) where kind == .date || kind == .dateOrMonth:
            return .success(String(text.prefix { $0 != " " }))
        default:
            return .success(cell.displayText)
        }
    }

    struct RowProblem: Error {
        var reason: String
    }

    func scanXLSX(
        _ table: TableConfig, path: String, stats: inout InputStats, rowLimit: Int? = nil,
        quarantine: (QuarantinedRow) -> Void, accept: (RawRecord) throws -> String?
    ) throws {
        var columns = ColumnMap([], memberSeparators: table.memberSeparators)
        var headerNames: [String] = []
        var sheetName = ""
        var s = stats
        var sameHeader: [String] = []
        // One location, moved to each row (no look-up of the file's name per row).
        let here = SourceLocation(file: table.file, line: 0)
        let fatal = try Self.readXLSX(table, path: path, header: { header in
            columns = try ColumnMap(table, header: header.names)
            s.absentFields = Self.absentOptional(table, header: header.names)
            headerNames = header.names
            sheetName = header.sheet
            s.skipped = header.skipped
        }, row: { row in
            if let rowLimit, s.read >= rowLimit { return false }
            s.read += 1
            try Self.scanXLSXRow(row, table: table, at: here.at(line: row.number), columns: &columns, headerNames: headerNames, stats: &s,
                                 quarantine: quarantine, accept: accept)
            return true
        }, sameHeader: { sameHeader = $0 })
        if !sameHeader.isEmpty {
            s.warnings.append(
                "\(table.file): sheet\(sameHeader.count == 1 ? "" : "s") \(sameHeader.joined(separator: ", ")) \(sameHeader.count == 1 ? "has" : "have") the header of sheet \(sheetName), "
                    + "the one read (the first: the pipeline names no sheet); \(sameHeader.count == 1 ? "its" : "their") rows are not read, and the households in them are "
                    + "reported missing from this source. Put every sheet's rows into one sheet, or name the sheet to read with `sheet:`")
        }
        s.encoding = "xlsx, sheet \(sheetName)"
        s.fatal = fatal
        if s.read > s.quarantined {
            if rowLimit == nil, let blank = columns.blankKey(table) { throw blank }
            s.warnings += columns.blankColumnWarnings(file: table.file, header: headerNames)
            if let warning = columns.decimalKeys.warning(file: table.file, unit: "row") { s.warnings.append(warning) }
            if let warning = columns.textMarkers.warning(file: table.file) { s.warnings.append(warning) }
            s.warnings += columns.birthMonths.warnings(file: table.file)
            columns.note(&s)
        }
        stats = s
    }

    /// Maps one sheet row and hands it to `accept`, or quarantines it when it has more cells
    /// than the header or a mapped cell cannot be read (`cellText`).
    private static func scanXLSXRow(
        _ row: XLSXRow, table: TableConfig, at location: SourceLocation, columns: inout ColumnMap, headerNames: [String],
        stats: inout InputStats, quarantine: (QuarantinedRow) -> Void, accept: (RawRecord) throws -> String?
    ) throws {
        let raw = row.cells.map(\.displayText).joined(separator: ",")
        switch xlsxFields(row, columns: columns.columns, headerNames: headerNames) {
        case .failure(let problem):
            quarantine(QuarantinedRow(location: location, reason: problem.reason, raw: raw))
            stats.quarantined += 1
        case .success(var fields):
            columns.finish(&fields)
            let record = RawRecord(location: location, fields: fields, members: [], codes: columns.codes)
            try route(record, raw: { raw }, stats: &stats, quarantine: quarantine, accept: accept)
        }
    }

    /// The text of a sheet row's mapped cells, or why the row must be quarantined.
    static func xlsxFields(_ row: XLSXRow, columns: [(FieldID, Int)], headerNames: [String]) -> Result<[(FieldID, String)], RowProblem> {
        if row.cells.count > headerNames.count {
            return .failure(RowProblem(reason: "expected \(headerNames.count) fields, found \(row.cells.count)"))
        }
        var fields: [(FieldID, String)] = []
        for (field, column) in columns {
            switch cellText(row[column], field: field, header: headerNames[column]) {
            case .success(let text): fields.append((field, text))
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(fields)
    }
}
