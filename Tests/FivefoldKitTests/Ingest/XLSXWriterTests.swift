import Foundation
import XCTest
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

final class XLSXWriterTests: XCTestCase {
    let dir = TempDir()

    func write(_ sheets: [XLSXOutputSheet], name: String = "out.xlsx") throws -> String {
        let path = dir.path(name)
        try XLSXWriter(sheets: sheets).write(to: path)
        return path
    }

    func testXLSXWriter_RoundTripThroughTheReaderKeepsTypes() throws {
        var sheet = try XLSXOutputSheet(name: "表", columns: [
            XLSXColumn("id", kind: .text), XLSXColumn("value"), XLSXColumn("note", wrap: true),
        ])
        try sheet.append(["5202031012020002", .number("3520.5"), " 前后空格 "])
        try sheet.append(["0123456789", "12", "a\u{1}b\u{FFFE}c\r\nd\t_x0041_ 😀"])
        try sheet.append([.number("42"), .number("abc"), "=1+1"])
        try sheet.append([])
        try sheet.append(["", .number("1.5E+3")])
        let path = try write([sheet])
        let workbook = try XLSXWorkbook(path: path)
        XCTAssertEqual(try readAllRows(workbook, workbook.sheets[0]), [
            XLSXRow(number: 1, cells: [.text("id"), .text("value"), .text("note")]),
            XLSXRow(number: 2, cells: [.text("5202031012020002"), .number("3520.5"), .text(" 前后空格 ")]),
            // Characters XML 1.0 forbids are dropped; CR, LF, tab and a literal _x0041_ survive.
            XLSXRow(number: 3, cells: [.text("0123456789"), .text("12"), .text("abc\r\nd\t_x0041_ 😀")]),
            // A text column writes even a number as a string; a non-decimal "number" becomes a string; no formulas.
            XLSXRow(number: 4, cells: [.text("42"), .text("abc"), .text("=1+1")]),
            XLSXRow(number: 5, cells: []),
            XLSXRow(number: 6, cells: [.empty, .number("1.5E+3")]),
        ])
        XCTAssertFalse(try xmlPart(path, "xl/worksheets/sheet1.xml").xmlString.contains("<f>"))
    }

    func testXLSXWriter_HeaderFrozenBoldFilteredAndColumnStyles() throws {
        let sheet = try XLSXOutputSheet(name: "清单", columns: [
            XLSXColumn("户编号", width: 20, kind: .text), XLSXColumn("核实结果", kind: .text, editable: true),
            XLSXColumn("说明", wrap: true),
        ], protected: true)
        let path = try write([sheet])
        let xml = try xmlPart(path, "xl/worksheets/sheet1.xml")
        XCTAssertEqual(try xml.attributes(of: "pane"), [["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"]])
        XCTAssertEqual(try xml.attributes(of: "autoFilter"), [["ref": "A1:C1"]])
        let protection = try XCTUnwrap(try xml.attributes(of: "sheetProtection").first)
        XCTAssertEqual(protection["sheet"], "1")
        for allowed in ["sort", "autoFilter", "formatColumns", "formatRows"] { XCTAssertEqual(protection[allowed], "0", allowed) }
        let cols = try xml.attributes(of: "col")
        XCTAssertEqual(cols.map { $0["width"] }, ["20.0", "12.0", "10.0"])
        // Cell formats: the column styles point at text (49), unlocked + filled, and wrapping formats; the header is bold.
        let styles = try xmlPart(path, "xl/styles.xml")
        let formats = try styles.nodes(forXPath: "//*[local-name()='cellXfs']/*[local-name()='xf']").compactMap { $0 as? XMLElement }
        func format(_ i: Int) -> XMLElement { formats[i] }
        let idColumn = format(Int(cols[0]["style"]!)!), verify = format(Int(cols[1]["style"]!)!), note = format(Int(cols[2]["style"]!)!)
        XCTAssertEqual(idColumn.attr("numFmtId"), "49")
        XCTAssertEqual(verify.attr("numFmtId"), "49")
        XCTAssertEqual(verify.attr("fillId"), "2")
        XCTAssertEqual(try verify.nodes(forXPath: "*[local-name()='protection']/@locked").first?.stringValue, "0")
        XCTAssertEqual(try idColumn.nodes(forXPath: "*[local-name()='protection']/@locked").first?.stringValue, "1")
        XCTAssertEqual(try note.nodes(forXPath: "*[local-name()='alignment']/@wrapText").first?.stringValue, "1")
        let headerCell = try XCTUnwrap(try xml.attributes(of: "c").first)
        let header = format(Int(headerCell["s"]!)!)
        let fonts = try styles.nodes(forXPath: "//*[local-name()='fonts']/*[local-name()='font']")
        let headerFont = fonts[Int(header.attr("fontId")!)!]
        XCTAssertEqual(try headerFont.nodes(forXPath: "*[local-name()='b']").count, 1)
        // Unprotected sheets carry no protection element.
        let open = try write([try XLSXOutputSheet(name: "open", columns: [XLSXColumn("a")])], name: "open.xlsx")
        XCTAssertEqual(try xmlPart(open, "xl/worksheets/sheet1.xml").attributes(of: "sheetProtection"), [])
    }

    func testXLSXWriter_ValidationListsMergeAndFallBack() throws {
        var sheet = try XLSXOutputSheet(name: "清单", columns: [XLSXColumn("结果", kind: .text, editable: true), XLSXColumn("是否")])
        let codes = ["已整改", "情况属实"]
        try sheet.append([XLSXOutputCell("", allowedValues: codes), XLSXOutputCell("", allowedValues: ["是", "否"])])
        try sheet.append([XLSXOutputCell("已整改", allowedValues: codes), XLSXOutputCell("", allowedValues: ["是", "否"])])
        try sheet.append([XLSXOutputCell("", allowedValues: ["a,b", "c"])])
        try sheet.append([XLSXOutputCell("", allowedValues: codes)])
        try sheet.append([XLSXOutputCell("", allowedValues: ["say \"hi\""])])
        try sheet.append([XLSXOutputCell("", allowedValues: (0..<60).map { "选项\($0)" })])
        XCTAssertEqual(sheet.droppedValidations, 3)
        let path = try write([sheet])
        let xml = try xmlPart(path, "xl/worksheets/sheet1.xml")
        let validations = try xml.elements("dataValidation")
        XCTAssertEqual(validations.map { $0.attr("sqref") }, ["A2:A3 A5", "B2:B3"])
        XCTAssertEqual(validations.map { $0.stringValue }, ["\"已整改,情况属实\"", "\"是,否\""])
        XCTAssertTrue(validations.allSatisfy { $0.attr("type") == "list" })
    }

    func testXLSXWriter_ReplacesAtomicallyAndLeavesNoPartialFile() throws {
        let path = dir.write("out.xlsx", "old contents")
        let sheet = try XLSXOutputSheet(name: "a", columns: [XLSXColumn("x")])
        try XLSXWriter(sheets: [sheet]).write(to: path)
        XCTAssertEqual(try XLSXWorkbook(path: path).sheets.map(\.name), ["a"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.url.path), ["out.xlsx"])
        XCTAssertThrowsError(try XLSXWriter(sheets: [sheet]).write(to: dir.path("missing/out.xlsx"))) { error in
            XCTAssertTrue(error is XLSXError, "\(error)")
        }
        XCTAssertThrowsError(try XLSXWriter(sheets: []).write(to: dir.path("none.xlsx")))
        XCTAssertThrowsError(try XLSXWriter(sheets: [sheet, try XLSXOutputSheet(name: "A", columns: [XLSXColumn("y")])]).write(to: dir.path("dup.xlsx"))) { error in
            XCTAssertEqual((error as? XLSXError)?.message, "two sheets are named A (sheet names ignore case)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.url.path), ["out.xlsx"])
    }

    func testXLSXOutputSheet_RefusesBadNamesAndTooWideRows() throws {
        for name in ["", "a/b", "[x]", "'quoted'", String(repeating: "表", count: 32)] {
            XCTAssertThrowsError(try XLSXOutputSheet(name: name, columns: [XLSXColumn("a")]), name)
        }
        XCTAssertNoThrow(try XLSXOutputSheet(name: String(repeating: "表", count: 31), columns: [XLSXColumn("a")]))
        var sheet = try XLSXOutputSheet(name: "s", columns: [XLSXColumn("a")])
        XCTAssertThrowsError(try sheet.append(["1", "2"])) { error in
            XCTAssertEqual("\(error)", "sheet s: row 2 has 2 cells but the sheet has 1 columns")
        }
    }

    func testXLSXWriter_LibreOfficeKeptValidationProtectionAndText() throws {
        // worklist-libreoffice.xlsx: LibreOffice opened the writer's worklist.xlsx and saved it.
        let path = XLSXFixtures.path("worklist-libreoffice.xlsx")
        let workbook = try XLSXWorkbook(path: path)
        XCTAssertEqual(workbook.sheets.map(\.name), ["核实清单", "说明"])
        let rows = try readAllRows(workbook, workbook.sheets[0])
        for (i, row) in XLSXWriterLibreOfficeTests.rows.enumerated() {
            XCTAssertEqual(Array(rows[i + 1].cells.prefix(5)), [.text(row.issue), .text(row.household), .text(row.person), .text(row.name), .text(row.note)])
        }
        let xml = try xmlPart(path, workbook.sheets[0].partPath)
        let validation = try XCTUnwrap(try xml.elements("dataValidation").first)
        XCTAssertEqual(validation.attr("sqref"), "G2:G4")
        XCTAssertEqual(try validation.nodes(forXPath: "*[local-name()='formula1']").first?.stringValue, "\"已整改,情况属实,情况不实\"")
        let protection = try XCTUnwrap(try xml.attributes(of: "sheetProtection").first)
        XCTAssertEqual(protection["sheet"], "true")
        XCTAssertEqual(protection["sort"], "false")
        XCTAssertEqual(protection["autoFilter"], "false")
        XCTAssertEqual(try xml.attributes(of: "autoFilter").first?["ref"], "A1:H4")
    }
}
