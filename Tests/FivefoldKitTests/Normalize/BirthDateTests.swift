import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Birth dates given as year and month alone (出生年月): which forms are read, that only the
/// birth date reads them, and what a month value tells (agreement, ages).
final class BirthDateTests: XCTestCase {
    private let normalizer = ShippedVocabulary.normalizer

    func testParseMonth_TheFormsCountySystemsExport() {
        let forms = ["1966-08", "1966-8", "1966/8", "1966/08", "1966.8", "1966.08", "1966年8月", "1966年08月", "1966 年 8 月",
                     "１９６６－０８", "１９６６年８月"]
        for form in forms {
            let folded = TextNormalizer.fold(form)
            XCTAssertEqual(DateParser.parseMonth(folded).map { "\($0.year)-\($0.month)" }, "1966-8", form)
            XCTAssertNil(DateParser.parse(form), "\(form) is no full date")
        }
    }

    /// `196608` is refused: a yyMMdd date (`200312`, 2020-03-12) or a yyyyMMdd cut short is
    /// also six digits. A month out of 1–12, a month without 月, anything after the month, and
    /// mixed separators are refused too.
    func testParseMonth_RefusedForms() {
        for text in ["196608", "200312", "1966-13", "1966-00", "1966年8", "1966年13月", "1966-08-", "1966-8月", "1966/08/", "66-08",
                     "1966-08-12", "1966年8月12日", "1966年8月份", "19660812", "1966", "1966-"] {
            XCTAssertNil(DateParser.parseMonth(TextNormalizer.fold(text)), text)
        }
    }

    func testNormalize_BirthDateTakesAMonthAlone_OtherDatesRefuseIt() {
        for form in ["1966-08", "1966/8", "1966.8", "1966年8月", "１９６６年８月"] {
            XCTAssertEqual(normalizer.normalize(form, kind: .dateOrMonth).normalized, "1966-08", form)
            XCTAssertEqual(normalizer.normalize(form, kind: .date).problem, "不是有效日期: \(TextNormalizer.fold(form))", "\(form): an exit, visit or signed date needs its day")
        }
        XCTAssertEqual(FieldCatalog.spec(.birthDate, level: .member)?.kind, .dateOrMonth)
        XCTAssertEqual(FieldCatalog.spec(.visitDate, level: .household)?.kind, .date)
        XCTAssertEqual(FieldCatalog.spec(.inspectionDate, level: .household)?.kind, .date)
    }

    /// Full dates keep exactly their form; an impossible day is still refused (the sample's
    /// 2016年2月30日 is not read as the month 2016-02); `196608` is refused.
    func testNormalize_FullDatesUnchanged_ImpossibleDayAndSixDigitsRefused() {
        for (raw, iso) in [("1966-08-12", "1966-08-12"), ("1966年8月12日", "1966-08-12"), ("19660812", "1966-08-12"), ("24331", "1966-08-12"), ("1966/8/12 0:00", "1966-08-12")] {
            XCTAssertEqual(normalizer.normalize(raw, kind: .dateOrMonth).normalized, iso, raw)
        }
        XCTAssertEqual(normalizer.normalize("2016年2月30日", kind: .dateOrMonth).problem, "不是有效日期: 2016年2月30日")
        XCTAssertEqual(normalizer.normalize("196608", kind: .dateOrMonth).problem, "不是有效日期: 196608")
        XCTAssertTrue(normalizer.normalize("0000-00-00", kind: .dateOrMonth).isBlank, "the date placeholder is blank for a birth date too")
    }

    func testBirthDate_AgreementAndAges() throws {
        let month = try XCTUnwrap(BirthDate(normalized: "1966-08"))
        XCTAssertTrue(month.isMonthOnly)
        XCTAssertEqual(month.iso, "1966-08")
        XCTAssertTrue(month.agrees(with: BirthDate(normalized: "1966-08-12")!))
        XCTAssertTrue(month.agrees(with: BirthDate(normalized: "1966-08-31")!))
        XCTAssertTrue(month.agrees(with: BirthDate(normalized: "1966-08")!))
        XCTAssertFalse(month.agrees(with: BirthDate(normalized: "1966-09-01")!))
        XCTAssertFalse(month.agrees(with: BirthDate(normalized: "1967-08")!))
        XCTAssertFalse(BirthDate(normalized: "1966-08-12")!.agrees(with: BirthDate(normalized: "1966-08-13")!))
        XCTAssertNil(BirthDate(normalized: "1966-13"))
        // Two ages only when the date falls in the birth month before its last day.
        XCTAssertEqual(month.ages(at: CivilDate(year: 2020, month: 8, day: 15)!), 53...54)
        XCTAssertEqual(month.ages(at: CivilDate(year: 2020, month: 8, day: 1)!), 53...54)
        XCTAssertEqual(month.ages(at: CivilDate(year: 2020, month: 8, day: 31)!), 54...54)
        XCTAssertEqual(month.ages(at: CivilDate(year: 2020, month: 7, day: 31)!), 53...53)
        XCTAssertEqual(month.ages(at: CivilDate(year: 2020, month: 9, day: 1)!), 54...54)
        XCTAssertEqual(BirthDate(normalized: "2000-02")!.latest, CivilDate(year: 2000, month: 2, day: 29)!)
    }
}
