import XCTest
@testable import FivefoldModel

final class HouseholdKeyDecimalTests: XCTestCase {
    func testDecimalZerosAfterDigitsAreDropped() {
        // pandas 3.1 writes a 户编号 column holding one empty cell as float64: 5202031002010001.0.
        XCTAssertEqual(HouseholdKey.withoutDecimalZeros("5202031002010001.0"), "5202031002010001")
        XCTAssertEqual(HouseholdKey.withoutDecimalZeros("5202031002010001.00"), "5202031002010001")
        XCTAssertEqual(HouseholdKey.withoutDecimalZeros(" 0012.0 "), " 0012 ", "white space is the normaliser's business")
        XCTAssertEqual(HouseholdKey.withoutDecimalZeros("7.0\t"), "7\t")
    }

    func testAnythingElseIsLeftAlone() {
        for key in ["5202031002010001", "5202031002010001.5", "5202031002010001.", ".0", "A-12.0", "12.0A", "12,0", "", "5.20203E+15",
                    "户12.0", "12.01", "１２.0"] {
            XCTAssertNil(HouseholdKey.withoutDecimalZeros(key), key)
        }
    }
}
