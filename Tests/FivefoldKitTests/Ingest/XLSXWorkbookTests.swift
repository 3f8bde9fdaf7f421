import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// The reader on workbooks saved by LibreOffice (fixtures/xlsx, made by
/// scripts/make-xlsx-fixtures.sh from households.csv and two-sheets.fods).
final class XLSXWorkbookTests: XCTestCase {
    func households() throws -> (XLSXWorkbook, [XLSXRow]) {
        let workbook = try XLSXWorkbook(path: XLSXFixtures.path("households.xlsx"), displayName: "households.xlsx")
        XCTAssertEqual(workbook.sheets, [XLSXSheetInfo(name: "households", index: 0, partPath: "xl/worksheets/sheet1.xml")])
        return (workbook, try readAllRows(workbook, workbook.sheets[0]))
    }

    func testXLSXWorkbook_LibreOfficeCSVImportTypesAndGaps() throws {
        let (workbook, rows) = try households()
        XCTAssertFalse(workbook.uses1904Dates)
        // The CSV's blank line 4 is an absent row: the caller sees the gap in the numbers.
        XCTAssertEqual(rows.map(\.number), [1, 2, 3, 5])
        XCTAssertEqual(rows[0].cells.map(\.displayText), ["户编号", "户编号文本", "身份证号", "身份证号文本", "户主姓名", "出生日期", "出生日期文本", "家庭人口", "人均纯收入", "行政区划代码", "备注"])
        // Row 2: 备注 (K) is empty, so the row ends at J.
        XCTAssertEqual(rows[1].cells, [
            .number("5202031012020000"), .text("5202031012020002"),
            .number("5.20203197709083E+017"), .text("520203197709082888"),
            .text("龙秀英"), .date("1977-09-08"), .text("1977-09-08"),
            .number("4"), .number("3520.5"), .number("520203101202"),
        ])
        // Row 3: 家庭人口 (H) is empty in the middle; an ID ending in X stays text even in a Standard column.
        XCTAssertEqual(rows[2].cells, [
            .number("5202031012020010"), .text("5202031012020011"),
            .text("52020319800101123X"), .text("52020319800101123X"),
            .text("张晓明"), .date("1980-01-01"), .text("1980/1/1"),
            .empty, .number("12000"), .number("520203101202"), .text("低保户"),
        ])
        XCTAssertEqual(rows[2][7], .empty)
        XCTAssertEqual(rows[2][40], .empty)
        // Row 5: the leading zero is lost in the number column; 1965年12月31日 is a rich-text shared string (runs joined).
        XCTAssertEqual(rows[3].cells, [
            .number("123456789"), .text("0123456789"),
            .number("5.2020319651231E+017"), .text("520203196512310017"),
            .text("王 芳"), .date("1965-12-31"), .text("1965年12月31日"),
            .number("3"), .empty, .number("520203101202"),
        ])
    }

    func testXLSXWorkbook_RoundedIDsAreNeverExactDigits() throws {
        let (_, rows) = try households()
        // LibreOffice rounded 5202031012020002 to 15 significant digits and stored 16 digits.
        XCTAssertNil(rows[1][0].exactIntegerDigits)
        XCTAssertEqual(rows[1][0].displayText, "5202031012020000")
        XCTAssertNil(rows[1][2].exactIntegerDigits)
        XCTAssertEqual(rows[1][2].displayText, "5.20203197709083E+017")
        // Text cells are not numbers: the caller uses their text.
        XCTAssertNil(rows[1][1].exactIntegerDigits)
        XCTAssertEqual(rows[1][1].displayText, "5202031012020002")
        XCTAssertEqual(rows[1][9].exactIntegerDigits, "520203101202")
        XCTAssertEqual(rows[3][0].exactIntegerDigits, "123456789")
        XCTAssertEqual(rows[1][8].displayText, "3520.5")
        XCTAssertNil(rows[1][8].exactIntegerDigits)
    }

    func testXLSXWorkbook_SheetsInWorkbookOrderWithChineseName() throws {
        let workbook = try XLSXWorkbook(path: XLSXFixtures.path("two-sheets.xlsx"))
        XCTAssertEqual(workbook.sheets.map(\.name), ["说明", "Data"])
        XCTAssertEqual(workbook.sheets.map(\.index), [0, 1])
        let notes = try workbook.sheet(named: "说明")
        XCTAssertEqual(try readAllRows(workbook, notes).map(\.cells), [
            [.text("建档立卡贫困户家庭基本信息表")], [.text("核实结果：已整改或未整改")],
        ])
        XCTAssertEqual(try workbook.sheet(at: 1).name, "Data")
    }

    func testXLSXWorkbook_DatesTimesFormulasAndErrors() throws {
        let workbook = try XLSXWorkbook(path: XLSXFixtures.path("two-sheets.xlsx"))
        let rows = try readAllRows(workbook, try workbook.sheet(named: "Data"))
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[1].cells, [
            .date("2021-01-05"),
            .date("2021-01-05 14:30:15"),
            // Serial 61 with the custom format yyyy\年m\月d\日: past Excel's phantom 1900-02-29.
            .date("1900-03-01"),
            // Custom format 0" days": the d and y are quoted text, so this is a number.
            .number("45"),
            // LibreOffice saves a boolean as the number 1 in a General cell.
            .number("1"),
            .text("户45"),
            .error("#DIV/0!"),
            .number("0.1"),
        ])
    }

    /// 出生年月 typed into cells a spreadsheet stores as dates (the 1st of the month) and shows as
    /// yyyy-mm or yyyy年m月 (LibreOffice 7.4, from birth-months.fods): read as the cell shows it,
    /// 1966-08. Before, 1966-08-01: a day never typed, which disagreed with the archive's
    /// 1966-08-12 for every member. A month format over another day hides a real day: kept.
    func testXLSXWorkbook_YearAndMonthFormatsGiveTheMonth() throws {
        let workbook = try XLSXWorkbook(path: XLSXFixtures.path("birth-months.xlsx"))
        let rows = try readAllRows(workbook, try workbook.sheet(named: "出生年月"))
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(Array(rows[1].cells.dropFirst(2)), [.date("1966-08"), .date("1966-08"), .date("1966-08-12")])
        XCTAssertEqual(Array(rows[2].cells.dropFirst(2)), [.date("1968-02-03"), .date("1968-02"), .date("1968-02-03")])
        XCTAssertEqual(FieldNormalizer(vocabulary: Vocabulary()).normalize(rows[1][2].displayText, kind: .dateOrMonth).normalized, "1966-08")
    }

    func testXLSXWorkbook_MissingSheetNamesTheSheetsThereAre() throws {
        let workbook = try XLSXWorkbook(path: XLSXFixtures.path("two-sheets.xlsx"), displayName: "two-sheets.xlsx")
        XCTAssertThrowsError(try workbook.sheet(named: "户表")) { error in
            XCTAssertEqual("\(error)", "two-sheets.xlsx: no sheet named 户表; the sheets are 0: 说明, 1: Data")
        }
        XCTAssertThrowsError(try workbook.sheet(at: 2)) { error in
            XCTAssertEqual("\(error)", "two-sheets.xlsx: no sheet at index 2 (0-based); the workbook has 2: 0: 说明, 1: Data")
        }
    }

    func testXLSXWorkbook_BodyReturningFalseStopsReading() throws {
        let (workbook, _) = try households()
        var seen: [Int] = []
        try workbook.readRows(of: workbook.sheets[0]) { row in
            seen.append(row.number)
            return seen.count < 2
        }
        XCTAssertEqual(seen, [1, 2])
        // The workbook can read the sheet again afterwards.
        XCTAssertEqual(try readAllRows(workbook, workbook.sheets[0]).count, 4)
    }

    /// A merged range's reference, either corner first; anything else is no range.
    func testXLSXMergedRange_ParsesReferences() {
        XCTAssertEqual(XLSXMergedRange("T2:T4"), XLSXMergedRange(firstRow: 2, lastRow: 4, firstColumn: 19, lastColumn: 19))
        XCTAssertEqual(XLSXMergedRange("B5:A2")?.reference, "A2:B5")
        XCTAssertEqual(XLSXMergedRange("A1:V1")?.spansRows, false)
        XCTAssertEqual(XLSXMergedRange("aa10:ab12")?.reference, "AA10:AB12")
        for bad in ["", "A1", "A1:", ":B2", "A:B", "A1:B2:C3", "1:2", "A1:XFE2"] {
            XCTAssertNil(XLSXMergedRange(bad), bad)
        }
    }

    /// A range spanning rows gives its top cell to the empty cells of its first column below,
    /// in rows delivered in order; a cell that holds a value, a range across columns only, an
    /// empty top and rows outside every range are left alone.
    func testXLSXMergeFill_FillsDownTheFirstColumnOfRowRanges() {
        var fill = XLSXMergeFill(["B2:B4", "D3:E3", "A6:A7", "C2:D3"].compactMap { XLSXMergedRange($0) })
        func row(_ number: Int, _ cells: [XLSXCell]) -> [XLSXCell] {
            var row = XLSXRow(number: number, cells: cells)
            fill.fill(&row)
            return row.cells
        }
        XCTAssertEqual(row(2, [.text("k2"), .text("李明辉"), .number("7")]), [.text("k2"), .text("李明辉"), .number("7")])
        XCTAssertEqual(row(3, [.text("k3"), .empty, .empty, .text("note")]), [.text("k3"), .text("李明辉"), .number("7"), .text("note")])
        XCTAssertEqual(row(4, [.text("k4")]), [.text("k4"), .text("李明辉")])
        XCTAssertEqual(row(5, [.text("k5")]), [.text("k5")])
        XCTAssertEqual(row(6, [.empty, .text("x")]), [.empty, .text("x")], "an empty top fills nothing")
        XCTAssertEqual(row(7, [.empty, .text("y")]), [.empty, .text("y")])
        var many = XLSXMergeFill((0..<1000).map { XLSXMergedRange(firstRow: 2 * $0 + 2, lastRow: 2 * $0 + 3, firstColumn: 0, lastColumn: 0) })
        for n in 2...2001 {
            var r = XLSXRow(number: n, cells: n % 2 == 0 ? [.text("v\(n)")] : [.empty, .text("z")])
            many.fill(&r)
            let top = n % 2 == 0 ? n : n - 1
            XCTAssertEqual(r.cells[0], .text("v\(top)"), "row \(n)")
        }
    }
}
