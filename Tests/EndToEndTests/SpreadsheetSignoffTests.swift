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

/// Issue 14: worklists that went through a spreadsheet come back importable. The returned files
/// in `fixtures/signoff/` were really produced by LibreOffice headless from the worklists of a run
/// on `SignoffFixture.dataset()` (`scripts/make-signoff-fixtures.sh`); these tests run that dataset
/// again, so their ledger knows exactly the ids in those files.
final class SpreadsheetSignoffTests: XCTestCase {
    /// The committed sent worklists are byte for byte what this build writes for the dataset;
    /// otherwise the LibreOffice files are stale and the script must be run again.
    func assertFixturesMatch(_ ws: NightlyWorkspace, file: StaticString = #filePath, line: UInt = #line) throws {
        for town in ["岩脚镇", "郎岱镇"] {
            for ext in ["csv", "xlsx"] {
                let sent = try Data(contentsOf: URL(fileURLWithPath: SignoffFixture.path("sent/\(town).\(ext)")))
                let now = try Data(contentsOf: URL(fileURLWithPath: ws.out + "/worklists/\(town).\(ext)"))
                XCTAssertEqual(sent, now, "fixtures/signoff/sent/\(town).\(ext) is stale: run scripts/make-signoff-fixtures.sh and commit fixtures/signoff/", file: file, line: line)
            }
        }
    }

    /// `fivefold signoff FILE` against the workspace's ledger.
    func signoff(_ ws: NightlyWorkspace, _ file: String) throws -> FivefoldProcess.Outcome {
        try FivefoldProcess.run(["signoff", file, "--ledger", ws.ledger, "--pipeline", ws.pipeline])
    }

    /// (a) + (c): the CSV worklist filled in, opened by LibreOffice, saved as XLSX and saved back
    /// as CSV in GBK. LibreOffice rounded every 户编号 to 15 significant digits
    /// (5202031012010005 → 5202031012010010); every row is imported, with one warning line.
    func testRoundTripThroughLibreOffice_GBKWithRoundedHouseholds_ImportedWholeWithOneWarning() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let returned = SignoffFixture.path("returned/roundtrip-岩脚镇.csv")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: returned))
        XCTAssertNil(String(data: bytes, encoding: .utf8), "LibreOffice saved it in GBK")
        XCTAssertNotNil(bytes.range(of: Data(",5202031012010010,".utf8)), "the 户编号 5202031012010005 came back rounded")

        let outcome = try signoff(ws, returned)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "3 signed results imported, 0 already in the ledger, 0 rows refused, 0 rows not yet verified → \(ws.ledger)\n")
        XCTAssertEqual(outcome.stderr, """
            fivefold: \(returned): 警告: 户编号: 电子表格改动了 3 行的户编号（3 行被四舍五入为15位有效数字，如 5202031012010010），已按各行问题编号核对一致后接受。下次请用 .xlsx 核实清单，或把这些列设为文本格式

            """)
        let again = try signoff(ws, returned)
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stdout.hasPrefix("0 signed results imported, 3 already in the ledger"), again.stdout)

        // The next run corrects the system from the signed values, citing the signers.
        let grain = try XCTUnwrap(ws.findingID("unify.mismatch", household: SignoffFixture.dataset()[4].id, field: "grain_kg"))
        try ws.run(SignoffFixture.dataset())
        let fix = try XCTUnwrap(CSVTable(path: ws.out + "/corrections.csv").rows.first { $0["finding_id"] == grain })
        XCTAssertEqual(fix["new_value"], "1500")
        XCTAssertEqual(fix["evidence"], "signoff=1500 (核实人 王五 2021-01-07)")
    }

    /// The same round trip saved by LibreOffice as `;`-delimited UTF-8 (as in locales with a
    /// decimal comma): found by its header, imported whole, one warning.
    func testRoundTripThroughLibreOffice_SemicolonDelimited_ImportedWhole() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let returned = SignoffFixture.path("returned/roundtrip-郎岱镇.csv")
        XCTAssertTrue(try String(contentsOfFile: returned, encoding: .utf8).hasPrefix("问题编号;乡镇;"))
        let (importer, _) = try SignoffFixture.importer(ws)
        var batch = SignoffBatch()
        try importer.read(file: returned, displayName: "郎岱镇.csv", into: &batch)
        XCTAssertEqual(batch.problems, [])
        XCTAssertEqual(batch.results.count, 3)
        XCTAssertEqual(batch.results.map(\.signedOn), ["2021-01-05", "2021-01-06", "2021-01-07"])
        XCTAssertEqual(Set(batch.results.map(\.value)), ["属实", "周海燕", "未脱贫"])
        XCTAssertEqual(batch.warnings.count, 1)
        XCTAssertTrue(batch.warnings[0].hasPrefix("郎岱镇.csv: 警告: 户编号: 电子表格改动了 3 行的户编号（3 行被四舍五入为15位有效数字"), batch.warnings[0])
    }

    /// The XLSX LibreOffice saved in that round trip (户编号 as rounded number cells, a date cell
    /// for 2021-01-06): read through the XLSX reader, imported whole, one warning.
    func testLibreOfficeXLSXWithNumberCells_ImportedWholeWithOneWarning() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let (importer, ledger) = try SignoffFixture.importer(ws)
        var batch = SignoffBatch()
        try importer.read(file: SignoffFixture.path("returned/roundtrip-岩脚镇.xlsx"), displayName: "岩脚镇.xlsx", into: &batch)
        XCTAssertEqual(batch.problems, [])
        XCTAssertEqual(batch.results.map(\.value), ["周海燕", "2", "1500"])
        XCTAssertEqual(batch.results.map(\.signedOn), ["2021-01-05", "2021-01-06", "2021-01-07"])
        XCTAssertEqual(batch.results.map(\.sourceLine), [2, 3, 4], "spreadsheet row numbers")
        XCTAssertEqual(batch.warnings, [
            "岩脚镇.xlsx: 警告: 户编号: 电子表格改动了 3 行的户编号（3 行被四舍五入为15位有效数字，如 5202031012010010），已按各行问题编号核对一致后接受。下次请用 .xlsx 核实清单，或把这些列设为文本格式",
        ])
        XCTAssertEqual(try ledger.store(batch.results).inserted, 3)
    }

    /// (b): our `.xlsx` worklist filled in LibreOffice (UNO) and saved by it, with a sheet added
    /// in front and a column inserted; 核实日期 as date cells and as a bare serial number. The id
    /// columns were text, so nothing was rounded: imported whole, no warning.
    func testOurXLSXFilledInLibreOffice_ImportedWhole() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let returned = SignoffFixture.path("returned/filled-郎岱镇.xlsx")
        let workbook = try XLSXWorkbook(path: returned)
        XCTAssertEqual(workbook.sheets.map(\.name), ["填写说明", "郎岱镇"], "the item sheet is no longer the first")
        let outcome = try signoff(ws, returned)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "", "text-typed ids come back exact")
        XCTAssertEqual(outcome.stdout, "3 signed results imported, 0 already in the ledger, 0 rows refused, 0 rows not yet verified → \(ws.ledger)\n")
        let stored = try Ledger(path: ws.ledger, create: false).signedResults()
        XCTAssertEqual(stored.map(\.value), ["属实", "周海燕", "未脱贫"])
        XCTAssertEqual(stored.map(\.signedOn), ["2021-01-05", "2021-01-06", "2021-01-07"])
        XCTAssertEqual(stored.map(\.signer), ["张三", "李四", "王五"])
        let sent = try CSVTable(path: SignoffFixture.path("sent/郎岱镇.csv"))
        XCTAssertEqual(stored.map(\.findingID), sent.rows.map { $0["问题编号"]! })
    }

    /// (d): LibreOffice opens our `.xlsx` worklist and saves it as CSV: every cell, the id
    /// columns above all (问题编号, 户编号, masked 成员, phone), is exactly the CSV we wrote.
    func testOurXLSXThroughLibreOffice_IDColumnsExact() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        for town in ["岩脚镇", "郎岱镇"] {
            let ours = try CSVTable(path: ws.out + "/worklists/\(town).csv")
            let libreOffice = try CSVTable(path: SignoffFixture.path("libreoffice/\(town).csv"))
            XCTAssertEqual(libreOffice.header, ours.header)
            XCTAssertEqual(libreOffice.rows.count, ours.rows.count)
            for (theirs, mine) in zip(libreOffice.rows, ours.rows) {
                for column in ["问题编号", "户编号", "成员", "责任人电话"] {
                    XCTAssertEqual(theirs[column], mine[column], "\(town) \(column)")
                }
                XCTAssertEqual(theirs, mine, town)
            }
            XCTAssertTrue(ours.rows.contains { $0["户编号"]!.count == 16 && $0["户编号"]!.last != "0" }, "a 户编号 a number would have rounded")
        }
    }

    /// Regression: cells that end in a line break (Alt+Enter in Excel, or text pasted from a
    /// chat message), saved as Excel saves a CSV: the cell quoted, the break inside it. 属实 with
    /// a break was refused as no 属实 ("\"属实\n\" is not a valid 脱贫状态", "this item is not about
    /// one field"); the break is no part of what was written, like a space.
    func testCellsEndingInALineBreak_ReadWithoutIt() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let sent = try String(contentsOfFile: SignoffFixture.path("sent/郎岱镇.csv"), encoding: .utf8)
        var lines = sent.components(separatedBy: "\r\n")
        XCTAssertTrue(lines[0].hasSuffix(",核实结果,核实人,核实日期"))
        for i in 1...3 {
            XCTAssertTrue(lines[i].hasSuffix(",,,"), lines[i])
            lines[i] = String(lines[i].dropLast(3)) + ",\"属实\n\",\"张三\n\",\"2021/1/5\n\""
        }
        let returned = ws.out + "-returned.csv"
        try lines.joined(separator: "\r\n").write(toFile: returned, atomically: true, encoding: .utf8)
        let outcome = try signoff(ws, returned)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "")
        XCTAssertEqual(outcome.stdout, "3 signed results imported, 0 already in the ledger, 0 rows refused, 0 rows not yet verified → \(ws.ledger)\n")
        let stored = try Ledger(path: ws.ledger, create: false).signedResults()
        XCTAssertEqual(stored.map(\.kind), [.confirmed, .confirmed, .confirmed])
        XCTAssertEqual(Set(stored.map(\.signedOn)), ["2021-01-05"])
    }

    /// Regression: a verdict written in full on an item about a name (情况属实，已落实 for the
    /// item 帮扶责任人缺失, 已核实 …) was imported as the verified name, and the next run corrected
    /// the system's 帮扶责任人 to 情况属实,已落实 citing the signer, with exit 0. A code-list, number
    /// or date field refused such text already; a name or free-text field now does too.
    func testVerdictWrittenForANameItem_RefusedNotTakenAsTheName() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let sent = try String(contentsOfFile: SignoffFixture.path("sent/郎岱镇.csv"), encoding: .utf8)
        var lines = sent.components(separatedBy: "\r\n")
        XCTAssertTrue(lines[2].hasPrefix("F181e773071e8fa33,") && lines[2].contains(",帮扶责任人缺失或有误,警告,帮扶责任人,"), lines[2])
        for i in 1...3 {
            lines[i] = String(lines[i].dropLast(3)) + (i == 2 ? ",\"情况属实，已落实\",张三,2021/1/5" : ",属实,张三,2021/1/5")
        }
        let returned = ws.out + "-returned.csv"
        try lines.joined(separator: "\r\n").write(toFile: returned, atomically: true, encoding: .utf8)
        let outcome = try signoff(ws, returned)
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stderr, "fivefold: \(returned):3: 核实结果: \"情况属实，已落实\" is not a 帮扶责任人: it reads as a verdict (属实); write the verified 帮扶责任人, or 属实 / 不属实 alone\n")
        XCTAssertTrue(outcome.stdout.hasPrefix("2 signed results imported, 0 already in the ledger, 1 rows refused"), outcome.stdout)
        XCTAssertNil(SignoffImporter.notAValue("王小平", kind: .personName))
        XCTAssertNil(SignoffImporter.notAValue("买买提·艾力", kind: .personName))
        XCTAssertNil(SignoffImporter.notAValue("青菜塘村", kind: .text))
        XCTAssertNotNil(SignoffImporter.notAValue("已核实", kind: .personName))
        XCTAssertNotNil(SignoffImporter.notAValue("张三，李四", kind: .personName))
        XCTAssertNotNil(SignoffImporter.notAValue("王小平2", kind: .personName))
        XCTAssertNil(SignoffImporter.notAValue("情况属实", kind: .enumeration("status")), "a code list refuses it by itself")
    }

    /// A title line typed above the header (郎岱镇核实清单（已核实）, written by Excel with empty
    /// cells to the table's width), as in the .xlsx worklist, where the header was already looked
    /// for in the first rows: the CSV was refused as "not a returned worklist: no column 问题编号…"
    /// at line 1. Its header is looked for in the first 10 lines too; refusals name the file's lines.
    func testCSVWithATitleLineAboveTheHeader_Imported() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let sent = try String(contentsOfFile: SignoffFixture.path("sent/郎岱镇.csv"), encoding: .utf8)
        var lines = sent.components(separatedBy: "\r\n")
        let width = lines[0].components(separatedBy: ",").count
        for i in 1...3 {
            lines[i] = String(lines[i].dropLast(3)) + (i == 3 ? ",属实,,2021/1/5" : ",属实,张三,2021/1/5")
        }
        XCTAssertTrue(lines[0].hasPrefix("问题编号,"), "the BOM is not part of the text read")
        lines.insert("\u{FEFF}郎岱镇核实清单（已核实）" + String(repeating: ",", count: width - 1), at: 0)
        let returned = ws.out + "-returned.csv"
        try lines.joined(separator: "\r\n").write(toFile: returned, atomically: true, encoding: .utf8)
        let outcome = try signoff(ws, returned)
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stderr, "fivefold: \(returned):5: 核实人: missing: the person who verified must sign\n")
        XCTAssertTrue(outcome.stdout.hasPrefix("2 signed results imported, 0 already in the ledger, 1 rows refused, 0 rows not yet verified"), outcome.stdout)
        XCTAssertEqual(try Ledger(path: ws.ledger, create: false).signedResults().map(\.sourceLine), [3, 4])
    }

    /// One item signed twice in one file on one date with different results (a row copied and
    /// edited, or, now that every item sheet of a workbook is read, a sheet kept as a copy before
    /// its values were changed): import order picked one in silence. Both rows are refused,
    /// naming each other; a later date is a later visit and wins as before.
    func testOneItemSignedTwiceOnOneDateDifferently_BothRefused() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let sent = try String(contentsOfFile: SignoffFixture.path("sent/郎岱镇.csv"), encoding: .utf8)
        var lines = sent.components(separatedBy: "\r\n")
        let item = String(lines[1].dropLast(3))
        lines[1] = item + ",属实,张三,2021/1/5"
        lines[2] = String(lines[2].dropLast(3)) + ",属实,张三,2021/1/5"
        lines[3] = String(lines[3].dropLast(3)) + ",不属实,李四,2021/1/5"
        lines.insert(String(lines[3].dropLast("不属实,李四,2021/1/5".count)) + "属实,李四,2021/1/5", at: 4)
        lines.insert(item + ",不属实,张三,2021/1/6", at: 5)
        let returned = ws.out + "-returned.csv"
        try lines.joined(separator: "\r\n").write(toFile: returned, atomically: true, encoding: .utf8)
        let id = String(lines[3].prefix(17))
        let outcome = try signoff(ws, returned)
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stderr, """
            fivefold: \(returned):4: 核实结果: \(id) is signed more than once on 2021-01-05 with different results (不属实 at \(returned):4, 属实 at \(returned):5): keep the one meant and import the file again
            fivefold: \(returned):5: 核实结果: \(id) is signed more than once on 2021-01-05 with different results (不属实 at \(returned):4, 属实 at \(returned):5): keep the one meant and import the file again

            """)
        XCTAssertTrue(outcome.stdout.hasPrefix("3 signed results imported, 0 already in the ledger, 2 rows refused"), outcome.stdout)
        XCTAssertFalse(try Ledger(path: ws.ledger, create: false).signedResults().contains { $0.findingID == id })
    }

    /// Regression: a field office split the .xlsx worklist into one sheet per village (made in
    /// LibreOffice, `scripts/signoff-fixtures/split_merge_uno.py`). Only the first sheet holding
    /// 问题编号 was read: 1 of 3 signed rows imported, exit 0, nothing said of the other sheet.
    /// Every item sheet is read now, each named in messages as `file[sheet]`.
    func testOurXLSXSplitIntoOneSheetPerVillage_EverySheetImported() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let returned = SignoffFixture.path("returned/split-郎岱镇.xlsx")
        XCTAssertEqual(try XLSXWorkbook(path: returned).sheets.map(\.name), ["郎岱镇", "青菜塘村"])
        let outcome = try signoff(ws, returned)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "")
        XCTAssertEqual(outcome.stdout, "3 signed results imported, 0 already in the ledger, 0 rows refused, 0 rows not yet verified → \(ws.ledger)\n")
        let stored = try Ledger(path: ws.ledger, create: false).signedResults()
        let sent = try CSVTable(path: SignoffFixture.path("sent/郎岱镇.csv"))
        XCTAssertEqual(Set(stored.map(\.findingID)), Set(sent.rows.map { $0["问题编号"]! }))
        XCTAssertEqual(Set(stored.map(\.sourceFile)), ["\(returned)[郎岱镇]", "\(returned)[青菜塘村]"])
    }

    /// Regression: 核实人 and 核实日期 typed once and merged down over every item row, and one 属实
    /// merged over a village's two rows (合并单元格, made in LibreOffice). Only a range's top cell
    /// holds the value in the file: the rows below were refused for a missing signer and date,
    /// and the last, with all three cells empty, was counted as not yet verified. A merged
    /// range that spans rows now gives its value to every row of it.
    func testOurXLSXWithMergedSignerDateAndResult_ImportedWhole() throws {
        let ws = try SignoffFixture.run()
        try assertFixturesMatch(ws)
        let returned = SignoffFixture.path("returned/merged-郎岱镇.xlsx")
        let workbook = try XLSXWorkbook(path: returned)
        XCTAssertEqual(try workbook.mergedRanges(of: workbook.sheet(at: 0)).map(\.reference), ["T2:T4", "U2:U4", "S3:S4"])
        let outcome = try signoff(ws, returned)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "")
        XCTAssertEqual(outcome.stdout, "3 signed results imported, 0 already in the ledger, 0 rows refused, 0 rows not yet verified → \(ws.ledger)\n")
        let stored = try Ledger(path: ws.ledger, create: false).signedResults()
        XCTAssertEqual(stored.map(\.value), ["属实", "属实", "属实"])
        XCTAssertEqual(stored.map(\.signer), ["张三", "张三", "张三"])
        XCTAssertEqual(stored.map(\.signedOn), ["2021-01-06", "2021-01-06", "2021-01-06"])
        XCTAssertEqual(stored.map(\.sourceLine), [2, 3, 4])
    }
}
