/// What `xl/workbook.xml` says: the sheets in tab order and the date system.
final class XLSXWorkbookPart: XLSXXMLHandler {
    /// Each sheet's name and relationship id, in workbook order.
    private(set) var sheets: [(name: String, relationshipID: String?)] = []
    /// `<workbookPr date1904="1"/>`.
    private(set) var uses1904Dates = false

    let elementNames = ["sheet", "workbookPr"]
    let attributeNames = ["name", "id", "date1904"]
    let wantsText = false
    let contentError: String? = nil

    func start(_ element: Int, attributes: XLSXXMLAttributes) {
        switch element {
        case 0: sheets.append((attributes.value(0) ?? "", attributes.value(1)))
        case 1: uses1904Dates = ["1", "true"].contains(attributes.value(2)?.lowercased() ?? "")
        default: break
        }
    }

    func end(_ element: Int) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
