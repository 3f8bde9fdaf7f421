/// Gives every row a merged range spans the value of the range's top cell, as a person reads
/// the sheet: one 帮扶责任人 typed once and merged down over the households he helps stands for
/// each of them, though the file holds it in the top cell only.
///
/// Only ranges that span rows are filled, and only in their first column: a range merged across
/// columns (a note spread over the row) gives no value to the columns it covers. Rows must come
/// in increasing order, as ``XLSXWorkbook/readRows(of:_:)`` delivers them; only the ranges that
/// cover the current row are looked at, so a sheet with many ranges costs no more per row.
public struct XLSXMergeFill {
    /// The ranges spanning rows, by first row; `next` is the first not yet reached.
    private let ranges: [XLSXMergedRange]
    private var next = 0
    /// The ranges covering the rows read lately, with their top cell's value once read.
    private var active: [(range: XLSXMergedRange, top: XLSXCell?)] = []

    /// A fill for `ranges` (``XLSXWorkbook/mergedRanges(of:)``); ranges within one row are dropped.
    public init(_ ranges: [XLSXMergedRange]) {
        self.ranges = ranges.filter(\.spansRows).sorted { $0.firstRow < $1.firstRow }
    }

    /// Whether no range spans rows (nothing will ever be filled).
    public var isEmpty: Bool { ranges.isEmpty }

    /// Fills `row`'s empty cells that lie below the top of a range covering it.
    public mutating func fill(_ row: inout XLSXRow) {
        if ranges.isEmpty { return }
        active.removeAll { $0.range.lastRow < row.number }
        while next < ranges.count, ranges[next].firstRow <= row.number {
            if ranges[next].lastRow >= row.number { active.append((ranges[next], nil)) }
            next += 1
        }
        for i in active.indices {
            let column = active[i].range.firstColumn
            if row.number == active[i].range.firstRow {
                active[i].top = row[column]
            } else if let top = active[i].top, !top.isEmpty, row[column].isEmpty {
                if column >= row.cells.count { row.cells += Array(repeating: .empty, count: column - row.cells.count + 1) }
                row.cells[column] = top
            }
        }
    }
}
