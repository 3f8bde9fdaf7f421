import XCTest
@testable import FivefoldIO

/// UTF-16 text is recognised by its byte-order mark or by NULs beside ASCII, and nothing else is.
final class CSVReaderUTF16Tests: XCTestCase {
    func form(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { TextEncoding.utf16Form($0) }
    }

    func testUTF16Forms() {
        XCTAssertEqual(form([0xFF, 0xFE, 0x37, 0x62]), "UTF-16LE")
        XCTAssertEqual(form([0xFE, 0xFF, 0x62, 0x37]), "UTF-16BE")
        XCTAssertEqual(form(Array("id,".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })), "UTF-16LE")
        XCTAssertEqual(form(Array("id,".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })), "UTF-16BE")
        XCTAssertNil(form(Array("户编号,".utf8)))
        XCTAssertNil(form([0xEF, 0xBB, 0xBF, 0xE6]))
        XCTAssertNil(form(Array("id,n".utf8)))
        XCTAssertNil(form([0xFF]))
    }

    func testMarkupIsNamedNotReadAsCSV() throws {
        // A web system's "export to Excel": an HTML table (here under a .csv name, with a BOM).
        let dir = TempDir()
        let html = dir.write("members.csv", [0xEF, 0xBB, 0xBF] + Array("\n <html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body><table><tr><td>户编号</td></tr></table></body></html>\n".utf8))
        XCTAssertThrowsError(try CSVReader(path: html, displayName: "members.csv", format: CSVFormat())) { error in
            XCTAssertEqual("\(error)", "members.csv: the file is an HTML page, not CSV (what many web systems' \"export to Excel\" writes): open it in a spreadsheet and save it as CSV UTF-8 or .xlsx")
        }
        let xml = dir.write("archive.csv", "<?xml version=\"1.0\"?>\n<档案/>\n")
        XCTAssertThrowsError(try CSVReader(path: xml, displayName: "archive.csv", format: CSVFormat())) { error in
            XCTAssertTrue("\(error)".contains("the file is XML, not CSV: set format: xml"), "\(error)")
        }
        func markup(_ text: String) -> String? { Array(text.utf8).withUnsafeBufferPointer { CSVReader.markupForm($0) } }
        XCTAssertNil(markup("户编号,姓名\n"))
        XCTAssertNil(markup("<户编号>,姓名\n"), "a header cell in angle brackets is still a header")
        XCTAssertNil(markup(""))
    }

    /// Regression: a workbook given as a CSV table. The wall cards saved by LibreOffice as Excel
    /// 97-2003 (fixtures/resaved/xls/cards.xls, `soffice --convert-to xls`) stopped at "header is
    /// not valid GB18030 (field 1)", an .xlsx at "malformed header: stray quote in unquoted field
    /// 2": both now say what the file is and what to do.
    func testWorkbooksAreNamedNotReadAsCSV() throws {
        let xls = XLSXFixtures.directory.deletingLastPathComponent().appendingPathComponent("resaved/xls/cards.xls").path
        XCTAssertThrowsError(try CSVReader(path: xls, displayName: "wall/cards.csv", format: CSVFormat())) { error in
            XCTAssertEqual("\(error)", "wall/cards.csv: the file is an Excel 97-2003 workbook (.xls), a WPS .et or a password-protected workbook (an OLE file), not CSV: open it in a spreadsheet and save it as .xlsx (without a password) or as CSV UTF-8")
        }
        XCTAssertThrowsError(try CSVReader(path: XLSXFixtures.path("households.xlsx"), displayName: "system/households.csv", format: CSVFormat())) { error in
            XCTAssertEqual("\(error)", "system/households.csv: the file is a ZIP package (an .xlsx workbook, or a ZIP archive), not CSV: for a workbook set format: xlsx, else unzip it")
        }
        func binary(_ bytes: [UInt8]) -> String? { bytes.withUnsafeBufferPointer { CSVReader.binaryForm($0) } }
        XCTAssertNil(binary(Array("PK,户编号\n".utf8)), "a header starting PK is text")
        XCTAssertNil(binary([0xD0, 0xCF]))
    }
}
