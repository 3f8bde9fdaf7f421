import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class XLSXCellTests: XCTestCase {
    func testDisplayText_NumbersWithoutTrailingZeroOrExponentUpTo15Digits() {
        XCTAssertEqual(XLSXCell.number("42.0").displayText, "42")
        XCTAssertEqual(XLSXCell.number("-3.0").displayText, "-3")
        XCTAssertEqual(XLSXCell.number("1.23E+5").displayText, "123000")
        XCTAssertEqual(XLSXCell.number("5.20203101202E+11").displayText, "520203101202")
        XCTAssertEqual(XLSXCell.number("999999999999999").displayText, "999999999999999")
        // 16 digits and more, and fractions, stay as stored.
        XCTAssertEqual(XLSXCell.number("5202031012020000").displayText, "5202031012020000")
        XCTAssertEqual(XLSXCell.number("5.20203197709083E+017").displayText, "5.20203197709083E+017")
        XCTAssertEqual(XLSXCell.number("0.1").displayText, "0.1")
        XCTAssertEqual(XLSXCell.number("0x10").displayText, "0x10")
        XCTAssertEqual(XLSXCell.bool(true).displayText, "TRUE")
        XCTAssertEqual(XLSXCell.bool(false).displayText, "FALSE")
        XCTAssertEqual(XLSXCell.date("2021-01-05").displayText, "2021-01-05")
        XCTAssertEqual(XLSXCell.error("#N/A").displayText, "#N/A")
        XCTAssertEqual(XLSXCell.empty.displayText, "")
    }

    func testExactIntegerDigits_OnlyWhenCertainlyExact() {
        let cases: [(String, String?)] = [
            ("520203101202", "520203101202"),
            ("123456789012345", "123456789012345"),
            ("1.23E+2", "123"),
            ("42.0", "42"),
            ("0", "0"),
            (".0", "0"),
            // 16 digits: a spreadsheet keeps 15 significant digits, so even a trailing 0 may be rounding.
            ("5202031012020000", nil),
            ("1234567890123456", nil),
            ("5.20203197709083E+017", nil),
            ("1E+15", nil),
            ("12.5", nil),
            ("-5", nil),
            ("1E-2", nil),
            ("abc", nil),
            ("", nil),
        ]
        for (stored, expected) in cases {
            XCTAssertEqual(XLSXCell.number(stored).exactIntegerDigits, expected, stored)
        }
        XCTAssertNil(XLSXCell.text("520203101202").exactIntegerDigits)
        XCTAssertNil(XLSXCell.date("2021-01-05").exactIntegerDigits)
    }

    func testSerialDate_1900SystemWithPhantomLeapDay() {
        XCTAssertEqual(XLSXSerialDate.text(serial: 1, uses1904: false), "1900-01-01")
        XCTAssertEqual(XLSXSerialDate.text(serial: 59, uses1904: false), "1900-02-28")
        XCTAssertEqual(XLSXSerialDate.text(serial: 60, uses1904: false), "1900-02-29")
        XCTAssertEqual(XLSXSerialDate.text(serial: 61, uses1904: false), "1900-03-01")
        XCTAssertEqual(XLSXSerialDate.text(serial: 44201, uses1904: false), "2021-01-05")
        XCTAssertEqual(XLSXSerialDate.text(serial: 44201.6043402778, uses1904: false), "2021-01-05 14:30:15")
        XCTAssertEqual(XLSXSerialDate.text(serial: 2_958_465, uses1904: false), "9999-12-31")
        XCTAssertNil(XLSXSerialDate.text(serial: -1, uses1904: false))
        XCTAssertNil(XLSXSerialDate.text(serial: 3_000_000, uses1904: false))
    }

    func testSerialDate_1904System() {
        XCTAssertEqual(XLSXSerialDate.text(serial: 0, uses1904: true), "1904-01-01")
        XCTAssertEqual(XLSXSerialDate.text(serial: 42739, uses1904: true), "2021-01-05")
        XCTAssertEqual(XLSXSerialDate.text(serial: 42739.5, uses1904: true), "2021-01-05 12:00:00")
    }

    func testSerialDate_ISOCells() {
        XCTAssertEqual(XLSXSerialDate.text(iso: "2021-01-05"), "2021-01-05")
        XCTAssertEqual(XLSXSerialDate.text(iso: "2021-01-05T00:00:00"), "2021-01-05")
        XCTAssertEqual(XLSXSerialDate.text(iso: "2021-01-05T14:30:15.000"), "2021-01-05 14:30:15")
        XCTAssertNil(XLSXSerialDate.text(iso: "2021/1/5"))
    }

    func testNumberFormat_DateTokensOutsideQuotesAndBrackets() {
        for code in [#"yyyy\-mm\-dd"#, #"yyyy"年"m"月"d"日""#, "h:mm", "[h]:mm:ss", "[$-804]yyyy/m/d", "mmm-yy", "[Red]d/m"] {
            XCTAssertTrue(XLSXNumberFormat.isDate(code: code), code)
        }
        for code in ["General", "0.00", "@", #"0" days""#, "[Red]0.00", #"#,##0.00_);[Red](#,##0.00)"#, "0.00E+00", #"0\d"#, "[DBNum1]0"] {
            XCTAssertFalse(XLSXNumberFormat.isDate(code: code), code)
        }
        XCTAssertTrue([14, 22, 31, 45, 47, 57].allSatisfy(XLSXNumberFormat.isBuiltInDate))
        // Year and month alone (出生年月): LibreOffice writes yyyy\-mm and yyyy\年m\月.
        for code in [#"yyyy\-mm"#, #"yyyy\年m\月"#, #"yyyy"年"m"月""#, "yyyy.mm", "mmm-yy", "[$-804]yyyy/m"] {
            XCTAssertTrue(XLSXNumberFormat.isMonthOnly(code: code), code)
        }
        for code in [#"yyyy\-mm\-dd"#, "yyyy-mm-dd hh:mm", "h:mm", "[mm]:ss", "yyyy", "mm", #"yyyy"年"m"月"d"日""#, "General", #"0"年""#] {
            XCTAssertFalse(XLSXNumberFormat.isMonthOnly(code: code), code)
        }
        XCTAssertTrue([17, 27, 36, 50, 52, 57].allSatisfy(XLSXNumberFormat.isBuiltInMonth))
        XCTAssertFalse([14, 22, 28, 31, 58].contains(where: XLSXNumberFormat.isBuiltInMonth))
        XCTAssertFalse([0, 1, 2, 13, 23, 37, 44, 48, 49, 59, 164].contains(where: XLSXNumberFormat.isBuiltInDate))
    }

    func testCellReference_ColumnsAndRows() {
        XCTAssertEqual(XLSXCellReference.parse("A1")?.column, 0)
        XCTAssertEqual(XLSXCellReference.parse("AB12")?.column, 27)
        XCTAssertEqual(XLSXCellReference.parse("AB12")?.row, 12)
        XCTAssertEqual(XLSXCellReference.parse("XFD1048576")?.column, 16383)
        XCTAssertNil(XLSXCellReference.parse("XFE1"))
        XCTAssertNil(XLSXCellReference.parse("12"))
        XCTAssertNil(XLSXCellReference.parse("A1B"))
        XCTAssertEqual(XLSXCellReference.letters(0), "A")
        XCTAssertEqual(XLSXCellReference.letters(27), "AB")
        XCTAssertEqual(XLSXCellReference.letters(16383), "XFD")
    }

    func testStringEscape_DecodeAndEscape() {
        XCTAssertEqual(XLSXStringEscape.decode("a_x000D_b_x005F_x0041_"), "a\rb_x0041_")
        XCTAssertEqual(XLSXStringEscape.decode("_x00_ _xZZZZ_"), "_x00_ _xZZZZ_")
        XCTAssertEqual(XLSXStringEscape.xmlEscaped("a<b & \"c\">\u{1}\u{B}_x0041_\r\t户"), "a&lt;b &amp; &quot;c&quot;&gt;_x005F_x0041_&#13;\t户")
        XCTAssertEqual(XLSXStringEscape.decode(XLSXStringEscape.xmlEscaped("_x0041_")), "_x0041_")
    }
}
