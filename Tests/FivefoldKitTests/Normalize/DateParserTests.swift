import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class DateParserTests: XCTestCase {
    private func iso(_ text: String) -> String? { DateParser.parse(text)?.iso }

    func testParse_EveryFormOfTheSameDay() {
        let forms = [
            "2016-03-05", "2016-3-5", "2016/3/5", "2016/03/05", "2016.3.5", "2016.03.05",
            "2016年3月5日", "2016年03月05日", "2016年03月05号", "2016年3月5", "2016 年 3 月 5 日",
            "20160305", "２０１６－０３－０５", "２０１６年３月５日", "２０１６０３０５",
            "42434", "42434.0", "42434.5", "  2016-03-05\t", "2016-03-05 00:00:00", "2016-03-05T08:30",
            "2016/3/5 0:00",
        ]
        for form in forms {
            XCTAssertEqual(iso(form), "2016-03-05", form)
        }
    }

    /// The forms a returned worklist's 核实日期 takes after Excel, WPS or LibreOffice saved it
    /// (issue 14: dates in any form a spreadsheet writes back).
    func testParse_SignoffDatesAsSpreadsheetsWriteThemBack() {
        let forms = [
            "44201", "44201.0", "44201.333", "2021/1/5", "2021/01/05 00:00", "2021-01-05 00:00:00",
            "2021年1月5日", "2021年1月5日 0:00:00", "2021.1.5", "2021-01-05T00:00:00", " 2021-1-5 ",
        ]
        for form in forms {
            XCTAssertEqual(iso(form), "2021-01-05", form)
        }
        XCTAssertNil(iso("2021年1月5日 上午"), "text after the day is not a time")
    }

    func testParse_RejectsImpossibleCalendarDays() {
        for text in ["2016年2月30日", "2015-02-29", "20150229", "2016-13-01", "2016/4/31", "2016-00-10",
            "2016-01-00", "19000229"]
        {
            XCTAssertNil(DateParser.parse(text), text)
        }
        XCTAssertEqual(iso("2016-02-29"), "2016-02-29")
        XCTAssertEqual(iso("20000229"), "2000-02-29")
    }

    func testParse_RejectsOtherText() {
        for text in ["", "  ", "2016", "2016-03", "16/3/5", "3/5/2016", "2016-03-05-", "2016-3/5", "2016年3月",
            "2016年3月5日下午", "2016-03-05 abc", "abc", "2016--03-05", "201603051", "0000-00-00",
            "2016年3月5日5日", String(repeating: "1", count: 500), String(repeating: "1-", count: 300)]
        {
            XCTAssertNil(DateParser.parse(text), text)
        }
    }

    func testParse_SerialNumbers() {
        XCTAssertEqual(iso("42434"), "2016-03-05")
        XCTAssertEqual(iso("43831"), "2020-01-01")
        XCTAssertEqual(iso("20000"), "1954-10-03")
        XCTAssertEqual(iso("60000"), "2064-04-08")
        // Elderly members' birth dates as a spreadsheet saves them (refused before 2026-12-07).
        XCTAssertEqual(iso("16238"), "1944-06-15")
        XCTAssertEqual(iso("12690"), "1934-09-28")
        XCTAssertEqual(iso("10000"), "1927-05-18")
        XCTAssertNil(DateParser.parse("9999"))  // four digits: a year, not a serial
        XCTAssertNil(DateParser.parse("1966"))
        XCTAssertNil(DateParser.parse("60001"))
        XCTAssertNil(DateParser.parse("3500"))
        XCTAssertNil(DateParser.parse("42434.5.1"))
    }

    func testSpreadsheetSerial_RoundTrips() {
        let date = CivilDate(year: 2016, month: 3, day: 5)!
        XCTAssertEqual(DateParser.spreadsheetSerial(of: date), 42434)
        XCTAssertEqual(DateParser.date(fromSpreadsheetSerial: 42434), date)
        XCTAssertNil(DateParser.date(fromSpreadsheetSerial: 100))
    }
}
