import Foundation
import XCTest
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Paths of the committed XLSX fixtures (made by scripts/make-xlsx-fixtures.sh).
enum XLSXFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/xlsx")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// Every row of `sheet`, read through the streaming reader.
func readAllRows(_ workbook: XLSXWorkbook, _ sheet: XLSXSheetInfo) throws -> [XLSXRow] {
    var rows: [XLSXRow] = []
    try workbook.readRows(of: sheet) { rows.append($0); return true }
    return rows
}

/// Hand-made SpreadsheetML packages, for what no spreadsheet program writes.
enum XLSXHandMade {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A package with one sheet whose `<sheetData>` content is `rows`, plus `extra` parts.
    static func oneSheet(rows: String, prolog: String = "", workbookPr: String = "", styles: String? = nil,
                         sharedStrings: [String]? = nil) -> [String: String] {
        var parts = workbook(sheets: [("Sheet1", "worksheets/sheet1.xml")], workbookPr: workbookPr, styles: styles != nil, sharedStrings: sharedStrings != nil)
        parts["xl/worksheets/sheet1.xml"] = #"<?xml version="1.0" encoding="UTF-8"?>"# + prolog
            + #"<worksheet xmlns="\#(main)"><sheetData>\#(rows)</sheetData></worksheet>"#
        if let styles { parts["xl/styles.xml"] = #"<styleSheet xmlns="\#(main)">\#(styles)</styleSheet>"# }
        if let sharedStrings {
            parts["xl/sharedStrings.xml"] = #"<sst xmlns="\#(main)">"# + sharedStrings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        }
        return parts
    }

    /// The package and workbook parts for `sheets` (name, target relative to `xl/`).
    static func workbook(sheets: [(String, String)], workbookPr: String = "", styles: Bool = false, sharedStrings: Bool = false) -> [String: String] {
        var rels = sheets.enumerated().map { i, s in
            #"<Relationship Id="rId\#(i + 1)" Type="\#(rel)/worksheet" Target="\#(s.1)"/>"#
        }
        if styles { rels.append(#"<Relationship Id="rIdS" Type="\#(rel)/styles" Target="styles.xml"/>"#) }
        if sharedStrings { rels.append(#"<Relationship Id="rIdT" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/>"#) }
        let sheetList = sheets.enumerated().map { i, s in #"<sheet name="\#(s.0)" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"# }
        return [
            "_rels/.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            "xl/workbook.xml": #"<workbook xmlns="\#(main)" xmlns:r="\#(rel)">\#(workbookPr)<sheets>\#(sheetList.joined())</sheets></workbook>"#,
            "xl/_rels/workbook.xml.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels.joined())</Relationships>"#,
        ]
    }

    /// Writes `parts` as a deflated ZIP named `name` in `dir` and returns its path.
    static func write(_ parts: [String: String], to dir: TempDir, name: String = "book.xlsx") throws -> String {
        let path = dir.path(name)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (part, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: part, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return path
    }
}

/// A part of a package parsed as an XML document, for checking what the writer (or
/// LibreOffice) put in it.
func xmlPart(_ path: String, _ part: String) throws -> XMLDocument {
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    guard let entry = archive[part] else { throw XLSXError(file: path, message: "no part \(part)") }
    var data = Data()
    _ = try archive.extract(entry) { data.append($0) }
    return try XMLDocument(data: data)
}

extension XMLDocument {
    /// The elements with local name `name`, anywhere.
    func elements(_ name: String) throws -> [XMLElement] {
        try nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
    }

    /// The attributes of the elements named `name`, as dictionaries.
    func attributes(of name: String) throws -> [[String: String]] {
        try elements(name).map { element in
            Dictionary(uniqueKeysWithValues: (element.attributes ?? []).map { ($0.localName ?? $0.name ?? "", $0.stringValue ?? "") })
        }
    }
}

extension XMLElement {
    /// The value of the attribute with local name `name` (FoundationXML's `attribute(forName:)`
    /// misses attributes of elements in a default namespace).
    func attr(_ name: String) -> String? {
        (attributes ?? []).first { ($0.localName ?? $0.name) == name }?.stringValue
    }
}
