import XCTest
@testable import FivefoldIO

/// UTF-16 text is recognised by its byte-order mark or by NULs beside ASCII, and nothing else is.
final class CSVReaderUTF16Tests: XCTestCase {
    func form(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { CSVReader.utf16Form($0) }
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
}
