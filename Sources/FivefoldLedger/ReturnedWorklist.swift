// A returned worklist is whatever the field office's spreadsheet saved: the CSV we sent, re-saved
// as GBK or UTF-8 with or without a BOM, delimited by `,` or (in locales with a decimal comma) `;`,
// or by tab; or the `.xlsx` worklist, filled in and saved again, perhaps with its sheets
// reordered or its items split over several sheets. Columns may have been added or moved. This
// type hides all of that behind one header found by name and rows of cell texts, per item sheet.

import Foundation
import FivefoldModel
import FivefoldIO

/// One returned worklist file read as a table: the header row (the one holding 问题编号) and
/// the rows below it, each with the line (CSV) or row number (XLSX) it came from.
struct ReturnedWorklist {
    /// The header cells, trimmed.
    let header: [String]
    /// Where the header was found (for XLSX: the sheet's name), for messages.
    let origin: String
    private let rows: RowSource

    private enum RowSource {
        case csv(CSVReader)
        case xlsx(XLSXReturnedSheet)
    }

    /// The delimiters tried, in order, for a CSV.
    static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    /// Opens `path` (CSV in any encoding and delimiter, or XLSX): one table for a CSV, one per
    /// item sheet (a header holding `keyColumn`) for a workbook, in tab order.
    ///
    /// - Throws: `PipelineError` when the file cannot be read, or no header holds `keyColumn`.
    static func open(path: String, displayName name: String, keyColumn: String) throws -> [ReturnedWorklist] {
        let ext = (path as NSString).pathExtension.lowercased()
        if ["xls", "ods", "et", "numbers"].contains(ext) {
            throw PipelineError(
                file: name, keyPath: "",
                message: "cannot read .\(ext) files: save the worklist as .xlsx (Excel 2007 or later) or as CSV, and import that")
        }
        if ext == "xlsx" {
            return try XLSXReturnedSheet.open(path: path, displayName: name, keyColumn: keyColumn).map {
                ReturnedWorklist(header: $0.header, origin: $0.sheetName, rows: .xlsx($0))
            }
        }
        var first: CSVReader?
        for delimiter in delimiters {
            // A title line typed above the header (郎岱镇核实清单（已核实）) moves it down.
            for headerRow in 1...XLSXReturnedSheet.headerSearchRows {
                let reader: CSVReader
                do {
                    var format = CSVFormat(delimiter: delimiter)
                    // A spreadsheet may drop a row's trailing empty cells: read by name, no harm.
                    format.ragged = .pad
                    format.headerRow = headerRow
                    reader = try CSVReader(path: path, displayName: name, format: format)
                } catch {
                    guard headerRow == 1 else { break }
                    throw PipelineError(file: name, keyPath: "", message: "cannot read the returned worklist: \(error)")
                }
                let header = reader.header.map(Self.cleanHeader)
                if header.contains(keyColumn) { return [ReturnedWorklist(header: header, origin: "", rows: .csv(reader))] }
                if first == nil { first = reader }
            }
        }
        return [ReturnedWorklist(header: first!.header.map(Self.cleanHeader), origin: "", rows: .csv(first!))]
    }

    private init(header: [String], origin: String, rows: RowSource) {
        self.header = header
        self.origin = origin
        self.rows = rows
    }

    /// A header cell without surrounding spaces or a BOM.
    static func cleanHeader(_ text: String) -> String {
        var s = Substring(text)
        if s.hasPrefix("\u{FEFF}") { s = s.dropFirst() }
        return String(s.strippingSpreadsheetSpaces())
    }

    /// Calls `body` with each row's line and cell texts (a missing cell is ""), and `unreadable`
    /// with the line and reason of each row that cannot be read.
    func forEachRow(_ body: (Int, (Int) -> String) throws -> Void, unreadable: (Int, String) -> Void) throws {
        switch rows {
        case .csv(let reader):
            _ = try reader.read({ row in
                try body(row.location.line) { row.string(at: $0) }
            }, quarantine: { bad in
                unreadable(bad.location.line, bad.reason)
            })
        case .xlsx(let sheet):
            try sheet.forEachRow { line, cells in
                try body(line) { $0 < cells.count ? cells[$0] : "" }
            }
        }
    }
}
