// Chinese spreadsheets merge cells (合并单元格) as a matter of course: one 核实人 and 核实日期
// for a whole village's rows, one 帮扶责任人 over the households he helps, one 户编号 over a
// family's member rows. A merged range keeps its value in its top-left cell only; the other
// cells of the range are empty in the file, though a person sees the value across them.

/// A merged cell range of a worksheet (`<mergeCell ref="H2:H9"/>`), 0-based columns and
/// 1-based rows, both ends included.
public struct XLSXMergedRange: Sendable, Hashable {
    public var firstRow: Int
    public var lastRow: Int
    public var firstColumn: Int
    public var lastColumn: Int

    /// Creates a range from its corners.
    public init(firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.lastRow = lastRow
        self.firstColumn = firstColumn
        self.lastColumn = lastColumn
    }

    /// The range `reference` names (`A2:A5`), or nil when it is no range of two cell references.
    public init?(_ reference: String) {
        let corners = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard corners.count == 2,
            let from = XLSXCellReference.parse(String(corners[0])), let fromRow = from.row,
            let to = XLSXCellReference.parse(String(corners[1])), let toRow = to.row
        else { return nil }
        self.init(
            firstRow: min(fromRow, toRow), lastRow: max(fromRow, toRow),
            firstColumn: min(from.column, to.column), lastColumn: max(from.column, to.column))
    }

    /// Whether the range spans more than one row.
    public var spansRows: Bool { lastRow > firstRow }

    /// The range as a spreadsheet writes it (`A2:A5`).
    public var reference: String {
        XLSXCellReference.letters(firstColumn) + String(firstRow) + ":" + XLSXCellReference.letters(lastColumn) + String(lastRow)
    }
}
