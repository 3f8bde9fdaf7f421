// The worksheet part around the rows. Element order matters (Excel refuses a sheet whose
// children are out of the schema's sequence): sheetViews, cols, sheetData, sheetProtection,
// autoFilter, dataValidations, pageMargins.

extension XLSXOutputSheet {
    /// The last cell of the header-and-rows block, e.g. `E41`.
    var lastCell: String { XLSXCellReference.letters(columns.count - 1) + String(rowCount + 1) }

    /// The complete worksheet part; `selected` marks the tab that is active on opening.
    func worksheetXML(selected: Bool) -> [UInt8] {
        var head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        head += #"<worksheet xmlns="\#(XLSXWriter.mainNamespace)" xmlns:r="\#(XLSXWriter.relationshipNamespace)">"#
        head += "<dimension ref=\"A1:\(lastCell)\"/>"
        // The header row stays in view: a frozen pane below row 1.
        head += "<sheetViews><sheetView \(selected ? "tabSelected=\"1\" " : "")workbookViewId=\"0\">"
        head += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        head += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        head += #"<sheetFormatPr defaultRowHeight="15"/><cols>"#
        for (i, column) in columns.enumerated() {
            head += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(column.effectiveWidth)\" customWidth=\"1\" style=\"\(XLSXOutputSheet.style(of: column))\"/>"
        }
        head += "</cols><sheetData>" + headerXML
        var tail = "</sheetData>"
        if isProtected {
            // 0 = not protected against: sorting, filtering and formatting columns/rows stay allowed.
            tail += #"<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" sort="0" autoFilter="0"/>"#
        }
        tail += "<autoFilter ref=\"A1:\(lastCell)\"/>"
        tail += validations.xml
        tail += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#
        return Array(head.utf8) + sheetData + Array(tail.utf8)
    }
}
