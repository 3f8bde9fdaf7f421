import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// XLSX sheets as tables (issue 13), on workbooks saved by LibreOffice (fixtures/tables): a wall
/// card sheet with a title row, and a deaths registry whose ID column the spreadsheet made numbers.
final class XLSXTableTests: XCTestCase {
    static let fixtures = SampleRunTests.repo.appendingPathComponent("fixtures/tables").path

    func workspace() throws -> NightlyWorkspace {
        let ws = try NightlyWorkspace()
        try NightlyDataset.standard().write(to: ws.input)
        for name in ["wall-cards.xlsx", "deaths.xlsx"] {
            try FileManager.default.copyItem(atPath: Self.fixtures + "/" + name, toPath: ws.input + "/" + name)
        }
        let text = try String(contentsOfFile: ws.pipeline, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "  verification:\n", with: """
              wall:
                households:
                  file: wall-cards.xlsx
                  header_row: 2
                  fields: {household_id: 户编号, head_name: 户主姓名, size: 家庭人口数, member_names: 家庭成员, cadre_name: 帮扶责任人}
              verification:

            """).replacingOccurrences(of: "villages: {", with: """
            registries:
              deaths: {file: deaths.xlsx, format: xlsx, sheet: "0", fields: {id_number: 身份证号, name: 姓名, death_date: 死亡日期}}
            villages: {
            """)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: ws.pipeline))
        return ws
    }

    func testXLSX_SheetsReadAsTablesWithExactIDsAndDates() throws {
        let ws = try workspace()
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q", "--no-ledger"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.out + "/summary.json"))) as! [String: Any]
        let inputs = Dictionary(uniqueKeysWithValues: (summary["inputs"] as! [[String: Any]]).map { ($0["file"] as! String, $0) })
        let wall = try XCTUnwrap(inputs["wall-cards.xlsx"])
        XCTAssertEqual([wall["read"], wall["accepted"], wall["quarantined"], wall["skipped"]].map { $0 as? Int }, [6, 6, 0, 1])
        XCTAssertEqual(wall["encoding"] as? String, "xlsx, sheet wall-cards")
        let deaths = try XCTUnwrap(inputs["deaths.xlsx"])
        XCTAssertEqual([deaths["read"], deaths["accepted"], deaths["quarantined"]].map { $0 as? Int }, [3, 1, 2])

        // The 18-digit ID the spreadsheet rounded is refused, with its sheet row; so is a row with
        // a value beyond the header's columns.
        let quarantine = try CSVTable(path: ws.out + "/quarantine/deaths.csv")
        XCTAssertEqual(quarantine.rows.map { $0["file"]! }, ["deaths.xlsx", "deaths.xlsx"])
        XCTAssertEqual(quarantine.rows.map { $0["line"]! }, ["3", "4"])
        XCTAssertEqual(quarantine.rows.map { $0["reason"]! }, [
            "身份证号 stored as a number by a spreadsheet: digits beyond the 15th are lost (5.20203196705041E+017)",
            "expected 3 fields, found 4",
        ])
        XCTAssertEqual(quarantine.rows[1]["raw"], "5.20203196503061E+017,赵志华,2020-06-01,重复登记", "cells as the sheet shows them")

        let findings = try ws.findings().rows
        // The exact 15-digit number is 吴春梅's old ID: upgraded, it finds her; the date cell is a date.
        let deceased = findings.filter { $0["rule"] == "registry.deceased" }
        XCTAssertEqual(deceased.map { $0["member_id"]! }, ["520203196705020220"])
        XCTAssertTrue(deceased[0]["values"]!.contains("2020-03-01"), deceased[0]["values"]!)
        // The wall's names, joined by spaces, 、 and ，, are all read; its planted size is compared.
        XCTAssertFalse(findings.contains { $0["field"] == "member_names" }, "\(findings)")
        let size = findings.filter { $0["rule"] == "unify.mismatch" && $0["field"] == "size" }
        XCTAssertEqual(size.map { $0["household_id"]! }, ["5202031002020003"])
        XCTAssertTrue(size[0]["values"]!.contains("wall=3"), size[0]["values"]!)
    }

    func testXLSX_CheckReportsTheSheetAndItsRoundedIDs() throws {
        let ws = try workspace()
        let check = try FivefoldProcess.run(["check", ws.pipeline])
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stdout.contains("wall-cards.xlsx: xlsx, sheet wall-cards, header on row 2 (1 title rows skipped), 5 columns, 5 of 5 fields mapped; all 6 rows read, 0 would be quarantined"), check.stdout)
        XCTAssertTrue(check.stderr.contains("fivefold: deaths.xlsx: 1 of all 3 rows would be quarantined: 身份证号 stored as a number by a spreadsheet: digits beyond the 15th are lost (row 3; first: 5.20203196705041E+017)\n"
            + "fivefold: deaths.xlsx: 1 of all 3 rows would be quarantined: expected 3 fields, found 4 (row 4)\n"), check.stderr)
    }

    func testXLSX_SystemTableIsCorrectedIntoACSVBesideTheOthers() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[3].inspectedGrade = "C"
        try data.write(to: ws.input)
        // The system's household table as a workbook written by the test (IDs as text, sizes as numbers).
        let csv = try CSVTable(path: ws.input + "/system/households.csv")
        var sheet = try XLSXOutputSheet(name: "户", columns: csv.header.map { XLSXColumn($0) })
        for row in csv.rows {
            try sheet.append(csv.header.map { $0 == "家庭人口数" ? .number(row[$0]!) : XLSXOutputCell(row[$0]!) })
        }
        try XLSXWriter(sheets: [sheet]).write(to: ws.input + "/system/households.xlsx")
        try FileManager.default.removeItem(atPath: ws.input + "/system/households.csv")
        let text = try String(contentsOfFile: ws.pipeline, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "file: system/households.csv", with: "file: system/households.xlsx").utf8)
            .write(to: URL(fileURLWithPath: ws.pipeline))
        try ws.runBinary()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ws.out + "/corrected").sorted(), ["households.csv", "members.csv"])
        let corrected = try CSVTable(path: ws.out + "/corrected/households.csv")
        XCTAssertTrue(corrected.hasBOM)
        XCTAssertEqual(corrected.header, csv.header)
        XCTAssertEqual(corrected.rows.count, 6)
        for (before, after) in zip(csv.rows, corrected.rows) {
            var expected = before
            if before["户编号"] == data[3].id { expected["住房安全等级"] = "C" }
            XCTAssertEqual(after, expected)
        }
    }
}
