import XCTest
@testable import FivefoldModel
@testable import FivefoldPipeline

/// The text tests behind `SpreadsheetIDGuard`, and its column verdicts on rows given here.
/// LibreOffice's real output: `SpreadsheetResaveTests`.
final class SpreadsheetIDGuardTests: XCTestCase {
    func testScientificNotation() {
        for text in ["5.20203196608121E+017", "5.20203E+17", " 5.2E17 ", "1e5", "-1.5E-3"] {
            XCTAssertTrue(SpreadsheetIDGuard.isScientific(text), text)
        }
        for text in ["520203196608121230", "52020319660812123X", "E+017", "5.2E", "5.2E+", "5E+17x", "", "王德明", "5202031002010001E"] {
            XCTAssertFalse(SpreadsheetIDGuard.isScientific(text), text)
        }
    }

    func testZeroTail() {
        XCTAssertEqual(SpreadsheetIDGuard.zeroTail("5202031002010000"), true)
        XCTAssertEqual(SpreadsheetIDGuard.zeroTail("5202031002010010"), true, "16th digit 0: may be rounded")
        XCTAssertEqual(SpreadsheetIDGuard.zeroTail("5202031002010001"), false)
        XCTAssertEqual(SpreadsheetIDGuard.zeroTail("520203196608121000"), true)
        XCTAssertEqual(SpreadsheetIDGuard.zeroTail("520203196608121230"), false)
        XCTAssertEqual(SpreadsheetIDGuard.zeroTail(" 5202031002010000 "), true)
        XCTAssertNil(SpreadsheetIDGuard.zeroTail("520203100201000"), "15 digits are exact")
        XCTAssertNil(SpreadsheetIDGuard.zeroTail("52020319660812123X"))
        XCTAssertNil(SpreadsheetIDGuard.zeroTail("5202031002 010000"))
        XCTAssertEqual(SpreadsheetIDGuard.zeroTail("0005202031002010000"), true, "leading zeros are not significant")
        XCTAssertEqual(SpreadsheetIDGuard.zeroTail("0005202031002010001"), false)
    }

    func guardOf(_ rows: [[String]]) -> SpreadsheetIDGuard {
        var g = SpreadsheetIDGuard(columns: [(.householdID, 0), (.name, 1), (.idNumber, 2)], header: ["户编号", "姓名", "身份证号"])
        for (n, row) in rows.enumerated() {
            _ = g.problem([(.householdID, row[0]), (.name, row[1]), (.idNumber, row[2])], line: n + 2)
        }
        return g
    }

    func testAGenuineColumnIsNeverRounded() {
        // Households 10, 20, … end in 0; one that does not clears the column.
        var rows = (1...30).map { ["52020310020100\(String(format: "%02d", $0 * 10 % 100))", "某", "520203196608121230"] }
        rows[5][0] = "5202031002010003"
        let g = guardOf(rows)
        XCTAssertNil(g.roundedColumn(file: "m.csv"))
        XCTAssertNil(g.warning(file: "m.csv"))
    }

    func testTwentyZeroTailedIDsMakeARoundedColumn_ThreeAfterScientificNotation() {
        let rounded = ["5202031002010000", "某", "52020319660812123X"]
        XCTAssertNil(guardOf(Array(repeating: rounded, count: 19)).roundedColumn(file: "m.csv"))
        let twenty = guardOf(Array(repeating: rounded, count: 20)).roundedColumn(file: "m.csv")
        XCTAssertEqual(twenty?.hasPrefix("m.csv: column 户编号: all 20 IDs of 16 or more digits end in zeros"), true, twenty ?? "nil")
        let withEvidence = guardOf([["5202031002010000", "某", "5.20203196608121E+017"]] + Array(repeating: rounded, count: 2))
        XCTAssertNotNil(withEvidence.roundedColumn(file: "m.csv"))
        XCTAssertEqual(withEvidence.scientificRows, 1)
    }

    /// IDs in scientific notation make a file unusable in more than half its rows, from 10 rows.
    func testMostRowsInScientificNotation_MakeTheFileUnusable() {
        let exact = ["5202031002010001", "某", "52020319660812123X"], scientific = ["5202031002010001", "某", "5.20203196608121E+017"]
        XCTAssertNil(guardOf(Array(repeating: scientific, count: 9)).unusable(file: "m.csv", rows: 9), "fewer than 10 rows")
        XCTAssertNil(guardOf(Array(repeating: scientific, count: 10) + Array(repeating: exact, count: 10)).unusable(file: "m.csv", rows: 20), "half")
        let most = guardOf(Array(repeating: scientific, count: 11) + Array(repeating: exact, count: 10)).unusable(file: "m.csv", rows: 21)
        XCTAssertEqual(most?.hasPrefix("m.csv: 11 of 21 rows have an ID a spreadsheet stored as a number"), true, most ?? "nil")
    }

    func testOnlyIDFieldsAreGuarded() {
        XCTAssertTrue(SpreadsheetIDGuard.isIDField(.householdID))
        XCTAssertTrue(SpreadsheetIDGuard.isIDField(.idNumber))
        XCTAssertFalse(SpreadsheetIDGuard.isIDField(.name))
        var g = SpreadsheetIDGuard(columns: [(.householdID, 0), (.name, 1)], header: ["户编号", "姓名"])
        XCTAssertNil(g.problem([(.householdID, "5202031002010001"), (.name, "1E+5")], line: 2), "a name in E notation is not an ID")
    }
}
