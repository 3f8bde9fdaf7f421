// Streaming a sheet: the worksheet entry is inflated in 64 KiB chunks into a libxml2 push
// parser; the rows completed by each chunk are handed to the caller before the next chunk is
// read, so memory stays at one chunk plus its rows whatever the sheet's size.

extension XLSXWorkbook {
    /// Reads the rows of `sheet` in document order, passing each to `body`, which returns
    /// false to stop reading (the rest of the sheet is then not inflated).
    ///
    /// Rows absent from the XML (empty rows) are not delivered. When the sheet XML is malformed,
    /// the rows before the error are delivered and then the error is thrown.
    /// - Throws: ``XLSXError`` naming the part, line and column of malformed XML, a missing part
    ///   or a cell that refers to a shared string that does not exist; what `body` throws.
    public func readRows(of sheet: XLSXSheetInfo, _ body: (XLSXRow) throws -> Bool) throws {
        let assembler = XLSXSheetRowAssembler(sharedStrings: sharedStrings, isDateStyle: isDateStyle, isMonthStyle: isMonthStyle, uses1904: uses1904Dates)
        do {
            try package.parse(sheet.partPath, handler: assembler) {
                let rows = assembler.completed
                assembler.completed.removeAll(keepingCapacity: true)
                for row in rows where try !body(row) { throw StopReading() }
            }
        } catch is StopReading {
            return
        }
    }

    /// The merged cell ranges of `sheet`. SpreadsheetML lists them after the rows, so this reads
    /// the whole sheet part once more (without building its cells): for small sheets, such as a
    /// returned worklist, whose reader must know the ranges before the rows.
    /// - Throws: ``XLSXError`` when the part is missing or malformed.
    public func mergedRanges(of sheet: XLSXSheetInfo) throws -> [XLSXMergedRange] {
        let handler = XLSXMergeCellHandler()
        try package.parse(sheet.partPath, handler: handler)
        return handler.ranges
    }

    /// Thrown out of the ZIP extraction when the caller has read enough.
    private struct StopReading: Error {}
}
