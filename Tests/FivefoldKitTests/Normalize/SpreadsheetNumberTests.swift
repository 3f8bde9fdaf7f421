import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Spreadsheet renderings of long digit strings (issue 14): which cell texts are consistent
/// with which 户编号 or all-digit 问题编号, and what the spreadsheet did.
final class SpreadsheetNumberTests: XCTestCase {
    let household = "5202031012020002"

    private func changes(_ cell: String, _ original: String) -> Set<SpreadsheetNumber.Change>? {
        SpreadsheetNumber(cell)?.changes(from: original)
    }

    func testChanges_EachRenderingOfA16DigitHousehold() {
        XCTAssertEqual(changes("5202031012020002", household), [])
        XCTAssertEqual(changes("5202031012020000", household), [.rounded])
        XCTAssertEqual(changes("5.20203E+15", household), [.scientific])
        XCTAssertEqual(changes("5.202031012020E+15", household), [.scientific])
        XCTAssertEqual(changes("5,20203E+15", household), [.scientific], "a comma as decimal separator")
        XCTAssertEqual(changes("5.20203e15", household), [.scientific])
        XCTAssertEqual(changes("5202031012020002.0", household), [.decimalSuffix])
        XCTAssertEqual(changes("5202031012020000.0", household), [.decimalSuffix, .rounded])
        XCTAssertEqual(changes("'5202031012020002", household), [.apostrophe])
        XCTAssertEqual(changes(" 5202031012020000 ", household), [.spaces, .rounded])
        XCTAssertEqual(changes("\u{3000}'5202031012020002", household), [.spaces, .apostrophe])
    }

    func testChanges_RoundingUpAndCarry() {
        XCTAssertEqual(changes("5202031012020010", "5202031012020006"), [.rounded])
        XCTAssertEqual(changes("5202031012020000", "5202031012020005"), [.rounded], "a tie either way")
        XCTAssertEqual(changes("5202031012020010", "5202031012020005"), [.rounded])
        XCTAssertEqual(changes("1000000000000000", "9999999999999999"), nil, "a carry into a 17th digit changes the length")
        XCTAssertEqual(changes("1.0E+16", "9999999999999999"), nil)
        XCTAssertEqual(changes("1234567890123460", "1234567890123456"), [.rounded])
        XCTAssertEqual(changes("1.23457E+15", "1234567890123456"), [.scientific])
    }

    func testChanges_LeadingZeroLost() {
        XCTAssertEqual(changes("123456789012345", "0123456789012345"), [.leadingZeroLost])
        XCTAssertEqual(changes("1.23457E+14", "0123456789012345"), [.scientific, .leadingZeroLost])
        XCTAssertEqual(changes("0123456789012345", "0123456789012345"), [])
    }

    func testChanges_InconsistentRenderingsAreRefused() {
        XCTAssertNil(changes("5202031012020003", household), "all 16 digits shown: must be equal")
        XCTAssertNil(changes("5202031012030000", household), "the 15th digit differs")
        XCTAssertNil(changes("5.20204E+15", household))
        XCTAssertNil(changes("5.20203E+14", household), "wrong magnitude")
        XCTAssertNil(changes("520203101202000", household), "a digit short")
        XCTAssertNil(changes("5202031012020000", "520203101202000X"), "not a digit string")
    }

    func testInit_TextThatIsNoNumber() {
        for text in ["", "  ", "F0123456789abcdef", "5202031012020002.5", "-5202031012020002", "5.2E+", "1.5E-3", "abc", "'"] {
            XCTAssertNil(SpreadsheetNumber(text), text)
        }
        XCTAssertEqual(SpreadsheetNumber("5.20203E+15")?.significant, 6)
        XCTAssertEqual(SpreadsheetNumber("5202031012020000")?.digits, "5202031012020000")
        XCTAssertEqual(SpreadsheetNumber("5202031012020000")?.significant, 15)
        XCTAssertEqual(SpreadsheetNumber("5202031012020002")?.looksConverted, false)
        XCTAssertEqual(SpreadsheetNumber("5202031012020000")?.looksConverted, true)
        XCTAssertEqual(SpreadsheetNumber("5.20203E+15")?.looksConverted, true)
        XCTAssertEqual(SpreadsheetNumber("123456")?.looksConverted, false)
    }
}
