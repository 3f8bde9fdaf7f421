import XCTest
@testable import FivefoldPipeline

/// `Partitioner.notAHouseholdKey`: totals rows and keys without digits are no household's.
final class HouseholdKeyTests: XCTestCase {
    func testTotalsAndNotesAreNotHouseholds() {
        XCTAssertNil(Partitioner.notAHouseholdKey("5202031002010001", required: true))
        XCTAssertNil(Partitioner.notAHouseholdKey("", required: true), "blank is judged by require_key")
        XCTAssertNil(Partitioner.notAHouseholdKey("HH-0001", required: true), "a legacy key with digits")
        XCTAssertNil(Partitioner.notAHouseholdKey("５２０２", required: true), "full-width digits")
        XCTAssertEqual(Partitioner.notAHouseholdKey("合计", required: false), "a totals row (户编号 合计), not a household: 合计 rows are left out")
        XCTAssertNotNil(Partitioner.notAHouseholdKey("小计：12户", required: false))
        XCTAssertEqual(Partitioner.notAHouseholdKey("备注", required: true), "户编号 \"备注\" has no digits: not a household (a note or totals row?)")
        XCTAssertNil(Partitioner.notAHouseholdKey("备注", required: false), "where require_key is false (the interview) only totals markers are refused")
        XCTAssertNotNil(Partitioner.notAHouseholdKey("一组", required: true), "Chinese numerals are not digits")
    }
}
