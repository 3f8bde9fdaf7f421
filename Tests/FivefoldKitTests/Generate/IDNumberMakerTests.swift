import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class IDNumberMakerTests: XCTestCase {
    func testCheckCharacter_KnownNumbers() {
        // The GB 11643 example number and two ordinary ones.
        XCTAssertTrue(IDNumberMaker.isValid("11010519491231002X"))
        XCTAssertTrue(IDNumberMaker.isValid("440524188001010014"))
        XCTAssertFalse(IDNumberMaker.isValid("110105194912310021"))
        let made = IDNumberMaker.make(prefix: "110105", birth: SyntheticDate(year: 1949, month: 12, day: 31), sequence: 2)
        XCTAssertEqual(made, "11010519491231002X")
        XCTAssertEqual(IDNumber.parse(made).isChecksumValid, true, "the pipeline's parser agrees")
    }

    func testWrongCheck_IsWrongButWellFormed() {
        let id = "11010519491231002X"
        let bad = IDNumberMaker.withWrongCheck(id)
        XCTAssertNotEqual(bad, id)
        XCTAssertEqual(bad.prefix(17), id.prefix(17))
        XCTAssertFalse(IDNumberMaker.isValid(bad))
    }

    func testFifteenDigit_UpgradesBackToTheSameNumber() {
        let id = IDNumberMaker.make(prefix: "520203", birth: SyntheticDate(year: 1966, month: 8, day: 12), sequence: 31)
        let old = IDNumberMaker.fifteenDigit(id)!
        XCTAssertEqual(old.count, 15)
        XCTAssertEqual(IDNumber.parse(old).normalized, id)
        XCTAssertNil(IDNumberMaker.fifteenDigit(IDNumberMaker.make(prefix: "520203", birth: SyntheticDate(year: 2006, month: 1, day: 2), sequence: 31)))
    }

    /// Regression guard for the uniqueness construction: household slots are a bijection and a
    /// digit change keeps the month/day invariant, so no two slots ever produce the same number.
    func testHouseholdSlots_AreDistinctAndDigitChangesStayInvariant() {
        var seen = Set<String>()
        for local in 0..<(2 * IDNumberMaker.householdsPerPrefix) {
            let slot = IDNumberMaker.householdSlot(local: local)
            XCTAssertTrue(seen.insert("\(slot.prefixIndex)-\(slot.day)-\(slot.block)").inserted, "slot \(local) repeats")
        }
        let (month, day) = IDNumberMaker.memberMonthDay(baseDay: 123, digit: 3)
        let id = IDNumberMaker.make(prefix: "520203", birth: SyntheticDate(year: 1980, month: month, day: day), sequence: 453)
        let moved = IDNumberMaker.withSequenceDigit(id, from: 3, to: 8)
        let expected = IDNumberMaker.memberMonthDay(baseDay: 123, digit: 8)
        XCTAssertEqual(moved.birth, SyntheticDate(year: 1980, month: expected.month, day: expected.day))
        XCTAssertTrue(IDNumberMaker.isValid(moved.id))
        XCTAssertEqual(IDNumberMaker.sex(of: moved.id), "女")
    }
}
