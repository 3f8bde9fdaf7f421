// One sheet of a workbook being written: rows are turned into SpreadsheetML as they are
// appended (a byte buffer, no cell objects kept), so a sheet costs about its XML size in memory.
// Strings are written inline (`t="inlineStr"`): no shared-string table to collect, and Excel,
// LibreOffice and WPS read them. Nothing is ever written as a formula: a text starting with `=`,
// `+`, `-` or `@` is an ordinary string cell, which a spreadsheet shows as text and never
// evaluates (formula injection is a CSV problem; in XLSX only an `<f>` element is a formula).

/// A sheet for ``XLSXWriter``: a header row from the columns, then the appended rows.
public struct XLSXOutputSheet: Sendable {
    /// The tab name.
    public let name: String
    /// The columns, left to right; their titles make the header row.
    public let columns: [XLSXColumn]
    /// Whether the sheet is protected (without a password): only editable columns can be typed
    /// into; sorting, filtering and formatting columns and rows stay allowed. (Excel refuses to
    /// sort a protected sheet whose sorted range has locked cells; LibreOffice sorts.)
    public var isProtected: Bool
    /// Data rows appended so far (the header not counted).
    public private(set) var rowCount = 0
    /// Cells whose allowed-values list could not be written as a validation (see
    /// ``XLSXOutputCell/allowedValues``).
    public private(set) var droppedValidations = 0

    var sheetData: [UInt8] = []
    var validations = XLSXValidationLists()
    private let letters: [String]

    /// The most rows a sheet can have, header included.
    static let maximumRows = 1_048_576

    /// Creates a sheet with a header row of the columns' titles.
    /// - Throws: ``XLSXError`` for a name a spreadsheet refuses (empty, over 31 characters,
    ///   one of `: \ / ? * [ ]`, or a leading or trailing apostrophe) or too many columns.
    public init(name: String, columns: [XLSXColumn], protected: Bool = false) throws {
        if let problem = XLSXOutputSheet.nameProblem(name) {
            throw XLSXError(file: "sheet \(name)", message: "not a valid sheet name: \(problem)")
        }
        guard !columns.isEmpty, columns.count <= XLSXCellReference.maximumColumns else {
            throw XLSXError(file: "sheet \(name)", message: "a sheet needs 1 to \(XLSXCellReference.maximumColumns) columns, not \(columns.count)")
        }
        self.name = name
        self.columns = columns
        self.isProtected = protected
        letters = columns.indices.map(XLSXCellReference.letters)
    }

    /// Appends a row; `cells[i]` goes to column `i`, missing trailing cells are empty.
    /// - Throws: ``XLSXError`` when the row has more cells than the sheet has columns, or the
    ///   sheet is full (1,048,576 rows).
    public mutating func append(_ cells: [XLSXOutputCell]) throws {
        guard cells.count <= columns.count else {
            throw XLSXError(file: "sheet \(name)", message: "row \(rowCount + 2) has \(cells.count) cells but the sheet has \(columns.count) columns")
        }
        guard rowCount + 1 < XLSXOutputSheet.maximumRows else {
            throw XLSXError(file: "sheet \(name)", message: "a sheet holds at most \(XLSXOutputSheet.maximumRows) rows")
        }
        rowCount += 1
        let row = rowCount + 1
        var xml = "<row r=\"\(row)\">"
        for (i, column) in columns.enumerated() {
            let cell = i < cells.count ? cells[i] : .empty
            xml += cellXML(cell, column: column, reference: letters[i] + String(row))
            if let values = cell.allowedValues {
                if let formula = XLSXValidationLists.formula(values) {
                    validations.add(formula: formula, column: i, row: row)
                } else {
                    droppedValidations += 1
                }
            }
        }
        sheetData.append(contentsOf: (xml + "</row>").utf8)
    }

    /// The header row: the titles as bold text.
    var headerXML: String {
        var xml = "<row r=\"1\">"
        for (i, column) in columns.enumerated() {
            xml += XLSXOutputSheet.stringCell(column.title, reference: letters[i] + "1", style: XLSXOutputSheet.headerStyle)
        }
        return xml + "</row>"
    }

    private func cellXML(_ cell: XLSXOutputCell, column: XLSXColumn, reference: String) -> String {
        let style = XLSXOutputSheet.style(of: column)
        if cell.text.isEmpty {
            // Column styles cover blank cells; editable and validated ones are written so that
            // every program shows them unlocked and highlighted.
            return column.editable || cell.allowedValues != nil ? "<c r=\"\(reference)\" s=\"\(style)\"/>" : ""
        }
        if cell.isNumber, column.kind == .general, XLSXCell.decimalDigits(cell.text) != nil, Double(cell.text)?.isFinite == true {
            return "<c r=\"\(reference)\" s=\"\(style)\"><v>\(cell.text.trimmingCharacters(in: .whitespaces))</v></c>"
        }
        return XLSXOutputSheet.stringCell(cell.text, reference: reference, style: style)
    }

    static func stringCell(_ text: String, reference: String, style: Int) -> String {
        let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true ? " xml:space=\"preserve\"" : ""
        return "<c r=\"\(reference)\" s=\"\(style)\" t=\"inlineStr\"><is><t\(preserve)>\(XLSXStringEscape.xmlEscaped(text))</t></is></c>"
    }

    /// The cell format index of a column's cells (see `XLSXWriter+Parts.swift`): 1 + text +
    /// 2 × editable + 4 × wrap.
    static func style(of column: XLSXColumn) -> Int {
        1 + (column.kind == .text ? 1 : 0) + (column.editable ? 2 : 0) + (column.wrap ? 4 : 0)
    }

    /// The header cells' format index: bold text.
    static let headerStyle = 9

    /// Why `name` cannot be a sheet name, or nil.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.utf16.count > 31 { return "it is longer than 31 characters" }
        if let bad = name.first(where: { ":\\/?*[]".contains($0) }) { return "it contains \(bad)" }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "it starts or ends with an apostrophe" }
        return nil
    }
}
