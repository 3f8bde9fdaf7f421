import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// The reader on hand-made packages: what LibreOffice does not write (inline strings, the 1904
/// date system, t="b"/"d" cells, omitted references), and broken or hostile input.
final class XLSXEdgeCaseTests: XCTestCase {
    let dir = TempDir()

    func open(_ parts: [String: String]) throws -> XLSXWorkbook {
        try XLSXWorkbook(path: XLSXHandMade.write(parts, to: dir), displayName: "book.xlsx")
    }

    func rows(_ parts: [String: String]) throws -> [XLSXRow] {
        let workbook = try open(parts)
        return try readAllRows(workbook, workbook.sheets[0])
    }

    func testXLSXWorkbook_InlineStringsRichRunsWithoutPhoneticGuide() throws {
        let got = try rows(XLSXHandMade.oneSheet(rows: """
            <row r="1"><c r="A1" t="inlineStr"><is><t>内联 文本 </t></is></c>\
            <c r="C1" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r><rPh sb="0" eb="1"><t>fu</t></rPh></is></c>\
            <c r="D1" t="inlineStr"><is><t>a_x000D_b &amp; &lt;c&gt;</t></is></c></row>
            """))
        XCTAssertEqual(got, [XLSXRow(number: 1, cells: [.text("内联 文本 "), .empty, .text("富文本"), .text("a\rb & <c>")])])
    }

    func testXLSXWorkbook_1904DateSystem() throws {
        let workbook = try open(XLSXHandMade.oneSheet(
            rows: #"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>42739.5</v></c><c r="C1"><v>42739</v></c></row>"#,
            workbookPr: #"<workbookPr date1904="1"/>"#,
            styles: #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#))
        XCTAssertTrue(workbook.uses1904Dates)
        XCTAssertEqual(try readAllRows(workbook, workbook.sheets[0])[0].cells,
                       [.date("1904-01-01"), .date("2021-01-05 12:00:00"), .number("42739")])
    }

    func testXLSXWorkbook_TypedCellsAndOmittedReferences() throws {
        let got = try rows(XLSXHandMade.oneSheet(rows: """
            <row><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c><c t="d"><v>2021-01-05T00:00:00</v></c></row>\
            <row><c r="B2" t="s"><v>1</v></c><c t="str"><f>A1</f><v>公式</v></c><c r="E2" s="0"/></row>\
            <row r="9" spans="1:3" ht="20" customHeight="1"/>
            """, sharedStrings: ["零", "一"]))
        XCTAssertEqual(got, [
            XLSXRow(number: 1, cells: [.bool(true), .bool(false), .error("#N/A"), .date("2021-01-05")]),
            XLSXRow(number: 2, cells: [.empty, .text("一"), .text("公式")]),
            XLSXRow(number: 9, cells: []),
        ])
    }

    func testXLSXWorkbook_PartsFoundThroughRelationshipsNotNames() throws {
        // Tab order B, A; B's part is sheet2.xml with an absolute target, A's is sheet1.xml.
        var parts = XLSXHandMade.workbook(sheets: [("B", "/xl/worksheets/sheet2.xml"), ("A", "worksheets/../worksheets/sheet1.xml")])
        for (name, part) in [("A", "sheet1"), ("B", "sheet2")] {
            parts["xl/worksheets/\(part).xml"] = #"<worksheet xmlns="\#(XLSXHandMade.main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\#(name)</t></is></c></row></sheetData></worksheet>"#
        }
        let workbook = try open(parts)
        XCTAssertEqual(workbook.sheets, [
            XLSXSheetInfo(name: "B", index: 0, partPath: "xl/worksheets/sheet2.xml"),
            XLSXSheetInfo(name: "A", index: 1, partPath: "xl/worksheets/sheet1.xml"),
        ])
        XCTAssertEqual(try readAllRows(workbook, workbook.sheets[0])[0].cells, [.text("B")])
        XCTAssertEqual(try readAllRows(workbook, try workbook.sheet(named: "A"))[0].cells, [.text("A")])
    }

    func testXLSXWorkbook_MalformedSheetDeliversRowsBeforeTheErrorThenNamesThePlace() throws {
        let workbook = try open(XLSXHandMade.oneSheet(rows: "\n<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\n<row r=\"2\"><c r=\"A2\"><v>2</v></row>\n"))
        var seen: [XLSXRow] = []
        XCTAssertThrowsError(try workbook.readRows(of: workbook.sheets[0]) { seen.append($0); return true }) { error in
            let error = error as! XLSXError
            XCTAssertEqual(error.file, "book.xlsx")
            XCTAssertEqual(error.part, "xl/worksheets/sheet1.xml")
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.message.contains("mismatch"), error.message)
            XCTAssertTrue("\(error)".hasPrefix("book.xlsx: xl/worksheets/sheet1.xml:3:"), "\(error)")
        }
        XCTAssertEqual(seen, [XLSXRow(number: 1, cells: [.number("1")])])
    }

    func testXLSXWorkbook_DoctypeEntityIsNotExpanded() throws {
        let prolog = #"<!DOCTYPE worksheet [<!ENTITY boom "EXPANDED"><!ENTITY file SYSTEM "file:///etc/hostname">]>"#
        let workbook = try open(XLSXHandMade.oneSheet(
            rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>&boom;&file;</t></is></c></row>"#,
            prolog: prolog))
        var seen: [XLSXRow] = []
        XCTAssertThrowsError(try workbook.readRows(of: workbook.sheets[0]) { seen.append($0); return true }) { error in
            XCTAssertTrue("\(error)".contains("Entity 'boom' not defined"), "\(error)")
        }
        XCTAssertEqual(seen, [XLSXRow(number: 1, cells: [.text("ok")])])
    }

    func testXLSXWorkbook_SharedStringIndexOutOfRangeNamesTheCell() throws {
        let workbook = try open(XLSXHandMade.oneSheet(
            rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>5</v></c></row><row r="3"/>"#,
            sharedStrings: ["零"]))
        var seen: [XLSXRow] = []
        XCTAssertThrowsError(try workbook.readRows(of: workbook.sheets[0]) { seen.append($0); return true }) { error in
            XCTAssertEqual((error as? XLSXError)?.message, "cell B2 refers to shared string 5, but the workbook has 1")
            XCTAssertEqual((error as? XLSXError)?.part, "xl/worksheets/sheet1.xml")
        }
        // The rows before the problem are delivered; the row with it, and the rest, are not.
        XCTAssertEqual(seen, [XLSXRow(number: 1, cells: [.text("零")])])
    }

    func testXLSXWorkbook_NotAZipOrNoWorkbookIsAClearError() throws {
        let text = dir.write("table.xlsx", "户编号,姓名\n1,张三\n")
        XCTAssertThrowsError(try XLSXWorkbook(path: text, displayName: "table.xlsx")) { error in
            XCTAssertEqual("\(error)", "table.xlsx: not an .xlsx workbook: the file is not a ZIP package")
        }
        let ole = dir.write("old.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512))
        XCTAssertThrowsError(try XLSXWorkbook(path: ole, displayName: "old.xlsx")) { error in
            XCTAssertTrue("\(error)".contains("an .xls (Excel 97-2003) or a password-protected workbook"), "\(error)")
        }
        // A web system's "export to Excel": an HTML table named .xls, and an Excel 2003 XML sheet.
        let html = dir.write("export.xls", "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=\"utf-8\"></head><body><table><tr><td>户编号</td></tr></table></body></html>")
        XCTAssertThrowsError(try XLSXWorkbook(path: html, displayName: "export.xls")) { error in
            XCTAssertEqual("\(error)", "export.xls: not an .xlsx workbook but an HTML page (what many web systems' \"export to Excel\" writes): open it in a spreadsheet and save it as .xlsx or CSV UTF-8")
        }
        let xml2003 = dir.write("sheet.xls", "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet ss:Name=\"Sheet1\"/></Workbook>")
        XCTAssertThrowsError(try XLSXWorkbook(path: xml2003, displayName: "sheet.xls")) { error in
            XCTAssertTrue("\(error)".contains("an Excel 2003 XML spreadsheet"), "\(error)")
        }
        XCTAssertThrowsError(try XLSXWorkbook(path: dir.path("missing.xlsx"), displayName: "missing.xlsx")) { error in
            XCTAssertEqual("\(error)", "missing.xlsx: no such file")
        }
        let zip = try XLSXHandMade.write(["[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>"], to: dir, name: "doc.xlsx")
        XCTAssertThrowsError(try XLSXWorkbook(path: zip, displayName: "doc.xlsx")) { error in
            XCTAssertEqual("\(error)", "doc.xlsx: not an .xlsx workbook: the package has no xl/workbook.xml")
        }
        // The export zipped for mailing (a ZIP is read as a workbook): the files inside are named.
        let mailed = try XLSXHandMade.write(["households.csv": "户编号,姓名\n1,张三\n"], to: dir, name: "households.zip")
        XCTAssertThrowsError(try XLSXWorkbook(path: mailed, displayName: "households.zip")) { error in
            XCTAssertEqual("\(error)", "households.zip: not an .xlsx workbook: the package has no xl/workbook.xml; it is a ZIP archive of households.csv: unzip it and name the file inside")
        }
    }

    func testXLSXWorkbook_CellReferenceBeyondXFDIsAnError() throws {
        let workbook = try open(XLSXHandMade.oneSheet(rows: #"<row r="1"><c r="ZZZZ1"><v>1</v></c></row>"#))
        XCTAssertThrowsError(try readAllRows(workbook, workbook.sheets[0])) { error in
            XCTAssertTrue("\(error)".contains("cell reference r=\"ZZZZ1\""), "\(error)")
        }
    }

    func testXLSXWorkbook_SharedStringsWithRunsPhoneticGuidesAndEscapes() throws {
        var parts = XLSXHandMade.oneSheet(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#, sharedStrings: [])
        parts["xl/sharedStrings.xml"] = #"<sst xmlns="\#(XLSXHandMade.main)" count="3" uniqueCount="3">"#
            + #"<si><t>张晓明</t><rPh sb="0" eb="3"><t>zhang xiao ming</t></rPh><phoneticPr fontId="1"/></si>"#
            + #"<si><r><t xml:space="preserve">第一行_x000D_</t></r><r><rPr><b/></rPr><t>"#
            + "\n第二行</t></r></si>"
            + "<si><t/></si></sst>"
        XCTAssertEqual(try rows(parts), [XLSXRow(number: 1, cells: [.text("张晓明"), .text("第一行\r\n第二行"), .text("")])])
    }

    func testXLSXWorkbook_StreamsAcrossChunksAndStopsInTheMiddle() throws {
        // About 4 × 64 KiB of sheet XML, so rows cross the inflate chunks.
        let count = 3000
        let xml = (1...count).map { i in
            #"<row r="\#(i)"><c r="A\#(i)" t="inlineStr"><is><t>户\#(i) 说明文字说明文字</t></is></c><c r="C\#(i)"><v>\#(i)</v></c></row>"#
        }.joined()
        XCTAssertGreaterThan(xml.utf8.count, 4 * XLSXPackage.chunkSize)
        let workbook = try open(XLSXHandMade.oneSheet(rows: xml))
        let all = try readAllRows(workbook, workbook.sheets[0])
        XCTAssertEqual(all.map(\.number), Array(1...count))
        XCTAssertEqual(all[2499].cells, [.text("户2500 说明文字说明文字"), .empty, .number("2500")])
        var seen = 0
        try workbook.readRows(of: workbook.sheets[0]) { _ in
            seen += 1
            return seen < 1700
        }
        XCTAssertEqual(seen, 1700)
    }
}
