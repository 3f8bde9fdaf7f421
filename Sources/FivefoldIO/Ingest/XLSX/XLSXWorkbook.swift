// Reads .xlsx workbooks (Office Open XML SpreadsheetML, as Excel, LibreOffice and WPS save them)
// as tables of typed cells. Opening a workbook reads the small parts whole: the relationships,
// `xl/workbook.xml` (sheet names and order, date system), the shared strings and the styles.
// A sheet is then streamed row by row (`XLSXWorkbook+Rows.swift`), never held in memory.
//
// Merged cells are not unmerged while streaming (only the top-left cell has the value): the
// ranges come after the rows in the sheet part, so `mergedRanges(of:)` lists them in a pass of
// their own and `XLSXMergeFill` fills the rows a range spans. Not supported, by design: formulas
// are not evaluated (the cached value is read), hidden sheets and rows are read like the others,
// encrypted workbooks (OLE files) are refused with a message saying so.

import Foundation

/// An .xlsx workbook opened for reading.
///
/// Not safe to use from several threads at once, nor from inside a ``readRows(of:_:)`` body
/// (one ZIP file handle, read sequentially).
public final class XLSXWorkbook {
    /// The file as the caller named it, for messages.
    public let displayName: String
    /// The sheets in workbook (tab) order.
    public let sheets: [XLSXSheetInfo]
    /// Whether dates count from 1904-01-01 (`date1904`) instead of the 1900 system.
    public let uses1904Dates: Bool

    let package: XLSXPackage
    let sharedStrings: [String]
    let isDateStyle: [Bool]
    let isMonthStyle: [Bool]

    /// Opens the workbook at `path` and reads its sheet list, shared strings and styles.
    ///
    /// - Parameter displayName: the name for messages; defaults to `path`.
    /// - Throws: ``XLSXError`` when the file is not a ZIP package, has no workbook part, or one
    ///   of the parts read here is malformed.
    public init(path: String, displayName: String? = nil) throws {
        let name = displayName ?? path
        self.displayName = name
        package = try XLSXPackage(path: path, displayName: name)
        let root = XLSXRelationships(source: "")
        if package.contains("_rels/.rels") { try package.parse("_rels/.rels", handler: root) }
        let workbookPath = root.target(typeSuffix: "officeDocument") ?? "xl/workbook.xml"
        guard package.contains(workbookPath) else {
            // Often a ZIP archive of the export itself (households.csv zipped for mailing).
            let files = package.entryPaths.filter { !$0.hasSuffix("/") }
            var message = "not an .xlsx workbook: the package has no \(workbookPath)"
            if !files.isEmpty, !files.contains(where: { $0.hasPrefix("xl/") || $0 == "[Content_Types].xml" }) {
                message += "; it is a ZIP archive of \(files.prefix(5).joined(separator: ", "))\(files.count > 5 ? ", …" : ""): unzip it and name the file inside"
            }
            throw XLSXError(file: name, message: message)
        }
        let workbook = XLSXWorkbookPart()
        try package.parse(workbookPath, handler: workbook)
        let relationships = XLSXRelationships(source: workbookPath)
        let relsPath = XLSXRelationships.relsPath(of: workbookPath)
        if package.contains(relsPath) { try package.parse(relsPath, handler: relationships) }
        sheets = try workbook.sheets.enumerated().map { index, sheet in
            guard let id = sheet.relationshipID, let target = relationships.target(id: id) else {
                throw XLSXError(file: name, part: relsPath, message: "sheet \(sheet.name) has no worksheet relationship")
            }
            return XLSXSheetInfo(name: sheet.name, index: index, partPath: target)
        }
        uses1904Dates = workbook.uses1904Dates
        let strings = XLSXSharedStrings()
        if let part = relationships.target(typeSuffix: "sharedStrings"), package.contains(part) {
            try package.parse(part, handler: strings)
        }
        sharedStrings = strings.strings
        let styles = XLSXStyles()
        if let part = relationships.target(typeSuffix: "styles"), package.contains(part) {
            try package.parse(part, handler: styles)
        }
        isDateStyle = styles.isDateStyle
        isMonthStyle = styles.isMonthStyle
    }

    /// The sheet named `name` (exactly, as on its tab).
    /// - Throws: ``XLSXError`` naming the sheets there are when none has that name.
    public func sheet(named name: String) throws -> XLSXSheetInfo {
        if let sheet = sheets.first(where: { $0.name == name }) { return sheet }
        throw XLSXError(file: displayName, message: "no sheet named \(name); the sheets are \(sheetList)")
    }

    /// The sheet at 0-based `index` in tab order.
    /// - Throws: ``XLSXError`` when there are not that many sheets.
    public func sheet(at index: Int) throws -> XLSXSheetInfo {
        if sheets.indices.contains(index) { return sheets[index] }
        throw XLSXError(file: displayName, message: "no sheet at index \(index) (0-based); the workbook has \(sheets.count): \(sheetList)")
    }

    private var sheetList: String { sheets.isEmpty ? "(none)" : sheets.map { "\($0.index): \($0.name)" }.joined(separator: ", ") }
}
