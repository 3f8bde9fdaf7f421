/// One `<row>` of a worksheet as ``XLSXWorkbook/readRows(of:_:)`` delivers it.
///
/// Rows absent from the XML (empty rows) are not delivered: callers see the gap in ``number``.
public struct XLSXRow: Sendable, Equatable {
    /// The 1-based row number from the row's `r` attribute (the previous row's plus one when
    /// the attribute is missing).
    public var number: Int
    /// The cells by 0-based column (A = 0) taken from each cell's `r` reference; columns without
    /// a cell in between are ``XLSXCell/empty``. The array ends at the last cell that holds a
    /// value, so a row whose cells are all empty (formatted blanks) has no cells.
    public var cells: [XLSXCell]

    /// Creates a row.
    public init(number: Int, cells: [XLSXCell]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in 0-based `column`, ``XLSXCell/empty`` beyond the end.
    public subscript(column: Int) -> XLSXCell { column < cells.count ? cells[column] : .empty }
}
