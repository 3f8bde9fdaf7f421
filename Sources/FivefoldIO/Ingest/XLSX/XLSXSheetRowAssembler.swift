// Turns the element events of a worksheet part into rows of typed cells. A cell is
// `<c r="B2" s="3" t="s"><v>7</v></c>`: `r` gives its column, `t` its type (shared string,
// string, inline string, boolean, error, ISO date, or number when absent), `s` its cell format,
// which decides whether a number is a date. Formulas (`<f>`) are ignored: the cached result in
// `<v>` is the value.

/// Builds ``XLSXRow``s from a worksheet's events.
final class XLSXSheetRowAssembler: XLSXXMLHandler {
    private let sharedStrings: [String]
    private let isDateStyle: [Bool]
    private let isMonthStyle: [Bool]
    private let uses1904: Bool
    /// Rows completed since the caller last took them.
    var completed: [XLSXRow] = []
    private(set) var contentError: String?

    private var rowNumber = 0
    private var cells: [XLSXCell] = []
    private var column = -1
    private var cellType: String?
    private var cellStyle = 0
    private var hasValue = false
    private var inCell = false
    private var inValue = false
    private var inInline = false
    private var inInlineText = false
    private var phoneticDepth = 0
    private var buffer: [UInt8] = []

    init(sharedStrings: [String], isDateStyle: [Bool], isMonthStyle: [Bool] = [], uses1904: Bool) {
        self.sharedStrings = sharedStrings
        self.isDateStyle = isDateStyle
        self.isMonthStyle = isMonthStyle
        self.uses1904 = uses1904
    }

    let elementNames = ["row", "c", "v", "is", "t", "rPh"]
    let attributeNames = ["r", "t", "s"]
    var wantsText: Bool { inValue || inInlineText }

    func start(_ element: Int, attributes: XLSXXMLAttributes) {
        // After a problem the parser still finishes its current chunk: ignore the rest, so the
        // row with the problem is never delivered.
        guard contentError == nil else { return }
        switch element {
        case 0: startRow(attributes)
        case 1: startCell(attributes)
        case 2 where inCell:
            inValue = true
            hasValue = true
            buffer.removeAll(keepingCapacity: true)
        case 3 where inCell:
            inInline = true
            hasValue = true
            buffer.removeAll(keepingCapacity: true)
        case 4: inInlineText = inInline && phoneticDepth == 0
        case 5: phoneticDepth += 1
        default: break
        }
    }

    func end(_ element: Int) {
        guard contentError == nil else { return }
        switch element {
        case 0:
            while cells.last == .empty { cells.removeLast() }
            completed.append(XLSXRow(number: rowNumber, cells: cells))
        case 1: endCell()
        case 2: inValue = false
        case 3: inInline = false
        case 4: inInlineText = false
        case 5: phoneticDepth -= 1
        default: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }

    private func startRow(_ attributes: XLSXXMLAttributes) {
        if let r = attributes.value(0) {
            guard let number = Int(r), number > 0 else { return fail("row number r=\"\(r)\" is not a positive integer") }
            rowNumber = number
        } else {
            rowNumber += 1
        }
        cells = []
        column = -1
    }

    private func startCell(_ attributes: XLSXXMLAttributes) {
        if let r = attributes.value(0) {
            guard let reference = XLSXCellReference.parse(r) else { return fail("cell reference r=\"\(r)\" is not a column letter and row number up to XFD") }
            column = reference.column
        } else {
            column += 1
            guard column < XLSXCellReference.maximumColumns else { return fail("row \(rowNumber) has more than \(XLSXCellReference.maximumColumns) cells") }
        }
        cellType = attributes.value(1)
        cellStyle = attributes.value(2).flatMap { Int($0) } ?? 0
        hasValue = false
        inCell = true
    }

    private func endCell() {
        inCell = false
        let value = hasValue ? cellValue() : .empty
        if column >= cells.count { cells += [XLSXCell](repeating: .empty, count: column - cells.count + 1) }
        cells[column] = value
    }

    /// The value of the cell just closed, from its type, style and collected text.
    private func cellValue() -> XLSXCell {
        let raw = String(decoding: buffer, as: UTF8.self)
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty && cellType != "str" && cellType != "inlineStr" { return .empty }
        switch cellType {
        case "s":
            guard let index = Int(trimmed), sharedStrings.indices.contains(index) else {
                fail("cell \(reference) refers to shared string \(trimmed), but the workbook has \(sharedStrings.count)")
                return .empty
            }
            return .text(sharedStrings[index])
        case "str", "inlineStr": return .text(XLSXStringEscape.decode(raw))
        case "b": return .bool(trimmed == "1" || trimmed.lowercased() == "true")
        case "e": return .error(trimmed)
        case "d": return XLSXSerialDate.text(iso: trimmed).map(XLSXCell.date) ?? .text(raw)
        default:
            if cellStyle < isDateStyle.count, isDateStyle[cellStyle], let serial = Double(trimmed),
               let date = XLSXSerialDate.text(serial: serial, uses1904: uses1904) {
                // A year-and-month format over the 1st at midnight is a month typed without its
                // day (出生年月 1966-08): as the cell shows it, `yyyy-MM`. Any other day is a
                // date the format only hides.
                if cellStyle < isMonthStyle.count, isMonthStyle[cellStyle], date.utf8.count == 10, date.hasSuffix("-01") {
                    return .date(String(date.prefix(7)))
                }
                return .date(date)
            }
            return .number(trimmed)
        }
    }

    private var reference: String { XLSXCellReference.letters(max(column, 0)) + String(rowNumber) }

    private func fail(_ message: String) {
        if contentError == nil { contentError = message }
    }
}
