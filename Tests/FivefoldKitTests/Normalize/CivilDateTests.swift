import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class CivilDateTests: XCTestCase {
    func testInit_RejectsImpossibleDays() {
        XCTAssertNil(CivilDate(year: 2016, month: 2, day: 30))
        XCTAssertNil(CivilDate(year: 2015, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 1900, month: 2, day: 29))  // century, not a leap year
        XCTAssertNotNil(CivilDate(year: 2000, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 2016, month: 13, day: 1))
        XCTAssertNil(CivilDate(year: 2016, month: 4, day: 31))
        XCTAssertNil(CivilDate(year: 2016, month: 0, day: 1))
        XCTAssertNil(CivilDate(year: 0, month: 1, day: 1))
        XCTAssertNil(CivilDate(year: 10_000, month: 1, day: 1))
    }

    func testISO_IsZeroPadded() {
        XCTAssertEqual(CivilDate(year: 2016, month: 3, day: 5)?.iso, "2016-03-05")
        XCTAssertEqual(CivilDate(year: 987, month: 12, day: 31)?.iso, "0987-12-31")
        XCTAssertEqual(CivilDate(year: 2016, month: 3, day: 5)?.description, "2016-03-05")
    }

    func testComparable() {
        let a = CivilDate(year: 2016, month: 3, day: 5)!
        let b = CivilDate(year: 2016, month: 12, day: 1)!
        let c = CivilDate(year: 2017, month: 1, day: 1)!
        XCTAssertLessThan(a, b)
        XCTAssertLessThan(b, c)
        XCTAssertEqual([c, a, b].sorted(), [a, b, c])
    }

    func testAge_CountsFullYears() {
        let birth = CivilDate(year: 2010, month: 6, day: 15)!
        XCTAssertEqual(birth.age(at: CivilDate(year: 2020, month: 6, day: 14)!), 9)
        XCTAssertEqual(birth.age(at: CivilDate(year: 2020, month: 6, day: 15)!), 10)
        XCTAssertEqual(birth.age(at: CivilDate(year: 2020, month: 12, day: 31)!), 10)
        XCTAssertEqual(birth.age(at: birth), 0)
        XCTAssertEqual(birth.age(at: CivilDate(year: 2009, month: 1, day: 1)!), -2)
    }

    func testAge_LeapDayBirthdayCountsFromFirstOfMarch() {
        let birth = CivilDate(year: 2004, month: 2, day: 29)!
        XCTAssertEqual(birth.age(at: CivilDate(year: 2021, month: 2, day: 28)!), 16)
        XCTAssertEqual(birth.age(at: CivilDate(year: 2021, month: 3, day: 1)!), 17)
        XCTAssertEqual(birth.age(at: CivilDate(year: 2024, month: 2, day: 29)!), 20)
    }

    func testDaysSinceEpoch_RoundTrips() {
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch, 0)
        XCTAssertEqual(CivilDate(year: 2000, month: 3, day: 1)!.daysSinceEpoch, 11_017)
        XCTAssertEqual(CivilDate(year: 1969, month: 12, day: 31)!.daysSinceEpoch, -1)
        // 0001-01-01 is day -719162 and 9999-12-31 day 2932896; beyond them values clamp.
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {
            XCTAssertEqual(CivilDate(daysSinceEpoch: days).daysSinceEpoch, days)
        }
        XCTAssertEqual(CivilDate(daysSinceEpoch: -719_162).iso, "0001-01-01")
        XCTAssertEqual(CivilDate(daysSinceEpoch: 2_932_896).iso, "9999-12-31")
        XCTAssertEqual(CivilDate(daysSinceEpoch: -10_000_000).iso, "0001-01-01")
        XCTAssertEqual(CivilDate(daysSinceEpoch: Int.max).iso, "9999-12-31")
        let d = CivilDate(year: 2016, month: 2, day: 28)!
        XCTAssertEqual(d.adding(days: 1).iso, "2016-02-29")
        XCTAssertEqual(d.adding(days: 2).iso, "2016-03-01")
        XCTAssertEqual(d.adding(days: -59).iso, "2015-12-31")
    }
}
