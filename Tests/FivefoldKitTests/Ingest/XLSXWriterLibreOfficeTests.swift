import Foundation
import TestSupport
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// The writer against LibreOffice: scripts/make-xlsx-fixtures.sh writes `worklist.xlsx` with
/// the workbook below (through this test, FIVEFOLD_XLSX_FIXTURES=write) and has LibreOffice
/// convert it to `worklist.csv` (first sheet) and re-save it as `worklist-libreoffice.xlsx`.
final class XLSXWriterLibreOfficeTests: XCTestCase {
    let dir = TempDir()

    /// The IDs a spreadsheet would damage if they were numbers: a 16-digit 户编号, an 18-digit
    /// 身份证号 ending in X, all-digit 问题编号 (one with a leading 0, one of 19 digits).
    static let rows: [(issue: String, household: String, person: String, name: String, note: String)] = [
        ("0123456789", "5202031012020002", "52020319800101123X", "张晓明", "=HYPERLINK(\"http://example.invalid\",\"点击\")"),
        ("F3a9c01d2e4b5f60", "5202031012020011", "520203197709082888", "龙秀英", "+86 13800000000 系统与档案的身份证号不一致，请核实"),
        ("1234567890123456789", "5202031012020029", "520203196512310017", "王 芳", "-5 元; @提及 & <b>标签</b> \"引号\""),
    ]

    static func worklist() throws -> XLSXWriter {
        var sheet = try XLSXOutputSheet(name: "核实清单", columns: [
            XLSXColumn("问题编号", width: 22, kind: .text),
            XLSXColumn("户编号", width: 20, kind: .text),
            XLSXColumn("身份证号", width: 22, kind: .text),
            XLSXColumn("户主姓名"),
            XLSXColumn("说明", width: 40, wrap: true),
            XLSXColumn("家庭人口"),
            XLSXColumn("核实结果", kind: .text, editable: true),
            XLSXColumn("核实说明", width: 30, editable: true, wrap: true),
        ], protected: true)
        let codes = ["已整改", "情况属实", "情况不实"]
        for (i, row) in rows.enumerated() {
            try sheet.append([
                XLSXOutputCell(row.issue), XLSXOutputCell(row.household), XLSXOutputCell(row.person),
                XLSXOutputCell(row.name), XLSXOutputCell(row.note), .number(String(4 - i)),
                XLSXOutputCell("", allowedValues: codes), .empty,
            ])
        }
        var notes = try XLSXOutputSheet(name: "说明", columns: [XLSXColumn("填表说明", width: 60, wrap: true)])
        try notes.append(["核实结果只能从下拉列表中选择；只有黄色的列可以填写。"])
        return XLSXWriter(sheets: [sheet, notes])
    }

    static func allRows(_ path: String) throws -> [[XLSXRow]] {
        let workbook = try XLSXWorkbook(path: path)
        return try workbook.sheets.map { try readAllRows(workbook, $0) }
    }

    func testXLSXWriter_StillWritesTheCommittedWorkbook() throws {
        let fresh = dir.path("worklist.xlsx")
        try Self.worklist().write(to: fresh)
        if ProcessInfo.processInfo.environment["FIVEFOLD_XLSX_FIXTURES"] == "write" {
            try? FileManager.default.removeItem(atPath: XLSXFixtures.path("worklist.xlsx"))
            try FileManager.default.copyItem(atPath: fresh, toPath: XLSXFixtures.path("worklist.xlsx"))
        }
        let committed = try Self.allRows(XLSXFixtures.path("worklist.xlsx"))
        XCTAssertEqual(try Self.allRows(fresh), committed)
        XCTAssertEqual(try XLSXWorkbook(path: fresh).sheets.map(\.name), ["核实清单", "说明"])
        // Every ID is a text cell in the writer's own output.
        for (i, row) in Self.rows.enumerated() {
            XCTAssertEqual(Array(committed[0][i + 1].cells.prefix(3)), [.text(row.issue), .text(row.household), .text(row.person)])
        }
    }

    func testXLSXWriter_LibreOfficeCSVHoldsEveryIDExactly() throws {
        try checkCSV(XLSXFixtures.path("worklist.csv"))
    }

    /// Converts a fresh workbook with the local LibreOffice (opt-in: FIVEFOLD_XLSX_LIVE=1, since
    /// starting soffice takes seconds).
    func testXLSXWriter_LiveLibreOfficeConversion() throws {
        guard ProcessInfo.processInfo.environment["FIVEFOLD_XLSX_LIVE"] == "1" else { throw XCTSkip("set FIVEFOLD_XLSX_LIVE=1 to convert with soffice") }
        let book = dir.path("live.xlsx")
        try Self.worklist().write(to: book)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["soffice", "-env:UserInstallation=file://\(dir.path("profile"))", "--headless",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir.url.path, book]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try checkCSV(dir.path("live.csv"))
    }

    func checkCSV(_ path: String) throws {
        let table = try CSVTable(path: path)
        XCTAssertEqual(table.header, ["问题编号", "户编号", "身份证号", "户主姓名", "说明", "家庭人口", "核实结果", "核实说明"])
        XCTAssertEqual(table.rows.count, Self.rows.count)
        for (got, want) in zip(table.rows, Self.rows) {
            XCTAssertEqual(got["问题编号"], want.issue)
            XCTAssertEqual(got["户编号"], want.household)
            XCTAssertEqual(got["身份证号"], want.person)
            XCTAssertEqual(got["户主姓名"], want.name)
            // Written as a string, never as a formula: LibreOffice shows the text itself.
            XCTAssertEqual(got["说明"], want.note)
        }
        XCTAssertEqual(table.rows.map { $0["家庭人口"] }, ["4", "3", "2"])
    }
}
