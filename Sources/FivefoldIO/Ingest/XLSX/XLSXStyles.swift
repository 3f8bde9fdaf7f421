// Only one thing in `xl/styles.xml` matters to a reader: which cell formats (`<cellXfs><xf>`,
// referred to by a cell's `s` index) show numbers as dates. `<cellStyleXfs>` holds named styles'
// formats, not cells', and is ignored.

/// Reads which cell formats of a workbook are date formats.
final class XLSXStyles: XLSXXMLHandler {
    /// Custom number formats by id.
    private var formats: [Int: String] = [:]
    private var inCellFormats = false
    /// For each cell format index: whether its number format is a date or time format.
    private(set) var isDateStyle: [Bool] = []
    /// For each cell format index: whether it shows a year and month without the day.
    private(set) var isMonthStyle: [Bool] = []
    private var formatIDs: [Int] = []

    let elementNames = ["numFmt", "cellXfs", "xf"]
    let attributeNames = ["numFmtId", "formatCode"]
    let wantsText = false
    let contentError: String? = nil

    func start(_ element: Int, attributes: XLSXXMLAttributes) {
        switch element {
        case 0:
            if let id = attributes.value(0).flatMap({ Int($0) }), let code = attributes.value(1) { formats[id] = code }
        case 1: inCellFormats = true
        case 2 where inCellFormats: formatIDs.append(attributes.value(0).flatMap { Int($0) } ?? 0)
        default: break
        }
    }

    func end(_ element: Int) {
        guard element == 1 else { return }
        inCellFormats = false
        // numFmts precede cellXfs in the schema, but decide once both are known.
        isDateStyle = formatIDs.map { id in formats[id].map(XLSXNumberFormat.isDate(code:)) ?? XLSXNumberFormat.isBuiltInDate(id) }
        isMonthStyle = formatIDs.map { id in formats[id].map(XLSXNumberFormat.isMonthOnly(code:)) ?? XLSXNumberFormat.isBuiltInMonth(id) }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
