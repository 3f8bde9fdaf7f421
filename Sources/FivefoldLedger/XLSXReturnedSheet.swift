import FivefoldModel
import FivefoldIO

// The sheets of a returned `.xlsx` worklist that hold the items: every sheet whose header row
// holds 问题编号, wherever the sheets were moved and whatever sheets were added. A field office
// often splits a township's worklist into one sheet per village or per team, so every such sheet
// is read, not only the first. Cells are read as a person sees them (`XLSXCell.displayText`):
// a text cell as is, a number as stored (a rounded 户编号 stays recognisable), a date as
// `yyyy-MM-dd`; a cell inside a merged range that spans rows (one 核实人 and 核实日期 merged
// over a village's rows) reads the value of the range's top cell.

/// A returned `.xlsx` worklist's item sheet, read as cell texts.
struct XLSXReturnedSheet {
    let header: [String]
    let sheetName: String
    private let workbook: XLSXWorkbook
    private let sheet: XLSXSheetInfo
    private let headerRow: Int

    /// Rows looked at for the header in each sheet.
    static let headerSearchRows = 10

    /// Opens the workbook and finds every sheet whose header holds `keyColumn`, in tab order.
    ///
    /// - Throws: `PipelineError` when the file is no readable XLSX or no sheet has that header.
    static func open(path: String, displayName name: String, keyColumn: String) throws -> [XLSXReturnedSheet] {
        do {
            let workbook = try XLSXWorkbook(path: path, displayName: name)
            var found: [XLSXReturnedSheet] = []
            for sheet in workbook.sheets {
                if let (row, header) = try findHeader(in: sheet, of: workbook, keyColumn: keyColumn) {
                    found.append(XLSXReturnedSheet(header: header, sheetName: sheet.name, workbook: workbook, sheet: sheet, headerRow: row))
                }
            }
            guard found.isEmpty else { return found }
            let names = workbook.sheets.map(\.name).joined(separator: ", ")
            throw PipelineError(
                file: name, keyPath: "",
                message: "not a returned worklist: no sheet has a header with \(keyColumn) (sheets: \(names))")
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(file: name, keyPath: "", message: "cannot read the returned worklist: \(error)")
        }
    }

    private init(header: [String], sheetName: String, workbook: XLSXWorkbook, sheet: XLSXSheetInfo, headerRow: Int) {
        self.header = header
        self.sheetName = sheetName
        self.workbook = workbook
        self.sheet = sheet
        self.headerRow = headerRow
    }

    /// The row number and cleaned header of `sheet`, when one of its first rows holds `keyColumn`.
    static func findHeader(in sheet: XLSXSheetInfo, of workbook: XLSXWorkbook, keyColumn: String) throws -> (Int, [String])? {
        var found: (Int, [String])?
        var seen = 0
        try workbook.readRows(of: sheet) { row in
            let cells = row.cells.map { ReturnedWorklist.cleanHeader($0.displayText) }
            if cells.contains(keyColumn) {
                found = (row.number, cells)
                return false
            }
            seen += 1
            return seen < headerSearchRows
        }
        return found
    }

    /// Calls `body` with the row number and cell texts of every row below the header, the
    /// cells of a merged range that spans rows filled with the range's top value.
    func forEachRow(_ body: (Int, [String]) throws -> Void) throws {
        do {
            var merged = XLSXMergeFill(try workbook.mergedRanges(of: sheet))
            try workbook.readRows(of: sheet) { row in
                guard row.number > headerRow, !row.cells.allSatisfy(\.isEmpty) else { return true }
                var row = row
                merged.fill(&row)
                try body(row.number, row.cells.map(\.displayText))
                return true
            }
        } catch let error as XLSXError {
            throw PipelineError(file: workbook.displayName, keyPath: "", message: "cannot read the returned worklist: \(error)")
        }
    }
}
