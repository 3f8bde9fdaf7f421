import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldPipeline

/// Input tables that went through a spreadsheet before they reached us. The files in
/// `fixtures/resaved/` are tables of `fixtures/sample` really opened and saved again by
/// LibreOffice headless (`scripts/make-resave-fixtures.sh`): 18-digit 身份证号 come back as
/// `5.20203196608121E+017`, 16-digit 户编号 rounded to 15 significant digits. Before the guard
/// a run on them exited 0 with a worklist of false duplicates and mismatches.
final class SpreadsheetResaveTests: XCTestCase {
    static let resaved = SampleRunTests.repo.appendingPathComponent("fixtures/resaved").path

    /// A copy of the sample with `files` replaced by their LibreOffice-saved versions.
    func sample(replacing files: [String]) throws -> String {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-resaved-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        for file in files {
            try fm.removeItem(atPath: input + "/" + file)
            try fm.copyItem(atPath: Self.resaved + "/" + file, toPath: input + "/" + file)
        }
        addTeardownBlock { try? fm.removeItem(atPath: input) }
        return input
    }

    /// A copy of the sample with `file` replaced by the fixture `fixture` (under `fixtures/resaved`).
    /// With `holding`, the fixture must still hold that text as LibreOffice saved it: a fixture
    /// made again that no longer shows the case fails here.
    func sample(placing fixture: String, at file: String, holding text: String? = nil,
                file testFile: StaticString = #filePath, line: UInt = #line) throws -> String {
        if let text {
            let saved = try String(contentsOfFile: Self.resaved + "/" + fixture, encoding: .utf8)
            XCTAssertTrue(saved.contains(text), "as LibreOffice saved it", file: testFile, line: line)
        }
        let input = try sample(replacing: [])
        try FileManager.default.removeItem(atPath: input + "/" + file)
        try FileManager.default.copyItem(atPath: Self.resaved + "/" + fixture, toPath: input + "/" + file)
        return input
    }

    func run(_ input: String) throws -> (FivefoldProcess.Outcome, out: String) {
        let out = input + "-out"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        return (try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", input, "--out", out, "--as-of", SampleRunTests.asOf, "-q", "--no-ledger"]), out)
    }

    func testFixturesAreWhatLibreOfficeWrote() throws {
        let households = try String(contentsOfFile: Self.resaved + "/system/households.csv", encoding: .utf8)
        XCTAssertTrue(households.contains("5202031002010000,520203100201,六枝特区,郎岱镇,青菜塘村,王德明,5.20203196608121E+017,"), "line 2 as LibreOffice saved it")
        let wall = try Data(contentsOf: URL(fileURLWithPath: Self.resaved + "/wall/cards.csv"))
        XCTAssertNil(String(data: wall, encoding: .utf8), "the wall cards stay GBK")
    }

    /// Regression: 帮扶责任人 filled again by VLOOKUP from a roster that lacks two households, the
    /// households saved as CSV by LibreOffice (`scripts/resave-fixtures/vlookup_uno.py`): their
    /// cells hold the text #N/A. It was read as a cadre's name, so the household without a cadre
    /// (5202031012020002, planted household.no_cadre) had one, and the run exited 0 with 58
    /// findings, the planted one missing. A spreadsheet's error value is now refused like any
    /// unreadable value: a value.invalid saying what it is, and the household has no cadre.
    func testCadreFilledByVLOOKUP_ErrorValueIsNoName() throws {
        let input = try sample(
            placing: "vlookup/households.csv", at: "system/households.csv",
            holding: "5202031012020002,520203101202,六枝特区,岩脚镇,大坪村,黎明山,520203197706064297,3,未脱贫,一般贫困户,2016,,缺技术,3500,B,60,1000,是,产业务工型,#N/A,,")
        let (outcome, out) = try run(input)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let findings = try CSVTable(path: out + "/findings.csv").rows
        let plain = try CSVTable(path: SampleRunTests.run.out + "/findings.csv").rows
        XCTAssertEqual(Set(plain.map { $0["finding_id"]! }).subtracting(findings.map { $0["finding_id"]! }), [], "every finding of the sample is still found")
        let noCadre = findings.filter { $0["household_id"] == "5202031012020002" && $0["field"] == "cadre_name" }
        XCTAssertEqual(noCadre.map { $0["rule"]! }.sorted(), ["household.no_cadre", "value.invalid"])
        let invalid = try XCTUnwrap(noCadre.first { $0["rule"] == "value.invalid" })
        XCTAssertEqual(invalid["values"], "system=#N/A")
        XCTAssertEqual(invalid["message"], "系统中帮扶责任人“#N/A”无效：电子表格公式的错误值（公式未取到值，如 VLOOKUP 未找到匹配），不是数据: #N/A")
        // The other household off the roster: its cadre is settled again from the other sources.
        XCTAssertTrue(findings.contains { $0["household_id"] == "5202031002010003" && $0["rule"] == "value.invalid" && $0["field"] == "cadre_name" })
        let corrections = try CSVTable(path: out + "/corrections.csv").rows
        XCTAssertTrue(corrections.contains { $0["household_id"] == "5202031002010003" && $0["field"] == "cadre_name" && $0["old_value"] == "#N/A" && $0["new_value"] == "李明辉" })
    }

    /// Regression: the system's members as a report-style sheet, each family's 户编号 typed once
    /// and merged over its rows, saved as CSV by LibreOffice (`scripts/resave-fixtures/merge_keys_uno.py`):
    /// only a family's first row has its 户编号. 110 of 158 member rows went to quarantine and the
    /// run exited 0 with 308 findings (every such member missing from the system, every size
    /// wrong) and no warning; the counts were in summary.json only. The loss is now a warning
    /// that names the file, the share, the first reason and the merged-cells cause.
    func testMembersWithTheKeyInEachFamilysFirstRowOnly_WarnsOfTheQuarantinedShare() throws {
        let input = try sample(placing: "merged/members.csv", at: "system/members.csv", holding: "\n,520203196802031968,刘桂芬,配偶,")
        let (outcome, out) = try run(input)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let warning = "system/members.csv: 110 of 158 rows (69 %) could not be read and are in quarantine/system.csv (first: line 3, missing 户编号 (household_id)); they take no part in the run, so what they hold is reported missing from the system source. Rows without a 户编号 among rows with one: if the table was saved from a sheet with the 户编号 merged over each family's rows (合并单元格), only a family's first row kept it; fill it into every row and export the table again"
        XCTAssertEqual(outcome.stderr, "fivefold: warning: \(warning)\n")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["warnings"] as? [String], [warning])
        XCTAssertTrue(try String(contentsOfFile: out + "/report.html", encoding: .utf8).contains("运行警告"))
    }

    /// The system's households saved by LibreOffice: the run stops (exit 2), names the rounded
    /// column and the scientific notation, and writes nothing.
    func testSystemHouseholdsResaved_RunStopsNamingTheRoundedColumn() throws {
        let input = try sample(replacing: ["system/households.csv"])
        let (outcome, out) = try run(input)
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "fivefold: system/households.csv: column 户编号: all 48 IDs of 16 or more digits end in zeros from the 16th digit on, as a spreadsheet leaves them when it stores IDs as numbers (15 significant digits), and 户主身份证号 at line 2 is in scientific notation (5.20203196608121E+017): the 户编号 values are rounded and households merged. Export the file again from the source system, or open it with the ID columns typed as text. Nothing was written\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// Regression: the system's households opened and saved as CSV by LibreOffice 7.4, no XLSX
    /// between (`direct/`): the 16-digit 户编号 stays exact, so no column looks rounded, but 44 of
    /// the 48 户主身份证号 are in E notation. Those rows went to quarantine and the run exited 0
    /// with 73 findings, 46 of them "系统中无此户：核实并补齐" on the worklists for households the
    /// system holds. Most rows in scientific notation now stop the run like a rounded column.
    func testSystemHouseholdsSavedAsCSVDirectly_MostIDsInENotation_RunStops() throws {
        let input = try sample(
            placing: "direct/households.csv", at: "system/households.csv",
            holding: "\n5202031002010001,520203100201,六枝特区,郎岱镇,青菜塘村,王德明,5.20203196608121E+017,4,")
        let (outcome, out) = try run(input)
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "fivefold: system/households.csv: 44 of 48 rows have an ID a spreadsheet stored as a number, in scientific notation, its digits beyond the 15th lost (first: line 2, 户主身份证号 5.20203196608121E+017): the file was saved by a spreadsheet with its ID columns as numbers, and those rows would be quarantined, what they hold reported missing from this source. Export the file again from the source system, or open it with the ID columns typed as text. Nothing was written\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", input])
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stderr.contains("system/households.csv: 44 of 48 rows have an ID a spreadsheet stored as a number"), check.stderr)
    }

    /// The wall cards (GBK, 户编号 the only ID) saved by LibreOffice: no scientific notation
    /// anywhere, the rounded 户编号 column alone stops the run.
    func testWallCardsResavedInGBK_RunStops() throws {
        let input = try sample(replacing: ["wall/cards.csv"])
        let (outcome, _) = try run(input)
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssertTrue(outcome.stderr.hasPrefix("fivefold: wall/cards.csv: column 户编号: all 47 IDs of 16 or more digits end in zeros from the 16th digit on"), outcome.stderr)
    }

    /// `fivefold check` says the same before a run: the rows in scientific notation grouped in
    /// one line with an example, and the rounded column; exit 2.
    func testCheckReportsTheResave() throws {
        let input = try sample(replacing: ["system/members.csv", "wall/cards.csv"])
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", input])
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stderr.contains("fivefold: system/members.csv: 149 of all 158 rows would be quarantined: 身份证号 stored as a number by a spreadsheet: digits beyond the 15th are lost (line 2, 3, 4, 5, 6, …; first: 5.20203196608121E+017)\n"), check.stderr)
        XCTAssertTrue(check.stderr.contains("fivefold: system/members.csv: column 户编号: all 158 IDs of 16 or more digits end in zeros"), check.stderr)
        XCTAssertTrue(check.stderr.contains("fivefold: wall/cards.csv: column 户编号: all 47 IDs"), check.stderr)
        XCTAssertTrue(check.stdout.contains("system/members.csv: csv, utf-8, delimiter \",\", 13 columns, 13 of 13 fields mapped; all 158 rows read, 149 would be quarantined"), check.stdout)
    }

    /// One household's member rows pasted into the export from a spreadsheet (the lines
    /// LibreOffice wrote for them): those rows are quarantined with the reason, the file gets a
    /// warning, the other rows and the run go on; rows read = accepted + quarantined.
    func testRowsPastedFromASpreadsheet_QuarantinedWithAWarning() throws {
        let input = try sample(replacing: [])
        let members = input + "/system/members.csv"
        var lines = try String(contentsOfFile: members, encoding: .utf8).components(separatedBy: "\n")
        let resaved = try String(contentsOfFile: Self.resaved + "/system/members.csv", encoding: .utf8).components(separatedBy: "\n")
        XCTAssertTrue(lines[1].hasPrefix("5202031002010001,520203196608121230,王德明,"))
        XCTAssertTrue(resaved[1].hasPrefix("5202031002010000,5.20203196608121E+017,王德明,"))
        for i in 1...4 { lines[i] = resaved[i] }
        try lines.joined(separator: "\n").write(toFile: members, atomically: true, encoding: .utf8)

        let out = input + "-out"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let summary = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: SampleRunTests.asOf)).run()
        let stats = try XCTUnwrap(summary.inputs.first { $0.file == "system/members.csv" })
        XCTAssertEqual([stats.read, stats.accepted, stats.quarantined], [158, 154, 4])
        let quarantine = try CSVTable(path: out + "/quarantine/system.csv")
        XCTAssertEqual(quarantine.rows.map { $0["line"]! }, ["2", "3", "4", "5"])
        XCTAssertEqual(quarantine.rows[0]["reason"], "身份证号 stored as a number by a spreadsheet: digits beyond the 15th are lost (5.20203196608121E+017)")
        XCTAssertTrue(quarantine.rows[0]["raw"]!.hasPrefix("5202031002010000,5.20203196608121E+017,王德明,"))
        XCTAssertTrue(summary.warnings.contains("system/members.csv: 4 rows have an ID a spreadsheet stored as a number, in scientific notation, its digits beyond the 15th lost (first: line 2, 身份证号 5.20203196608121E+017); they are quarantined. Other IDs in the rows the spreadsheet saved may be rounded: export the file again from the source system, or open it with the ID columns typed as text"), "\(summary.warnings)")
    }

    /// The households saved by LibreOffice as "Unicode text" (UTF-16LE with a byte-order mark,
    /// tab-separated; IDs typed as text), what Excel's "Unicode 文本" also writes: one message
    /// saying what the file is and how to save it, not "header is not valid GB18030".
    func testKeysWrittenAsDecimalsByPandas_ReadAsKeysWithAWarning() throws {
        // pandas (3.1.1 here) reads a 户编号 column with one empty cell as float64 and writes it
        // back as 5202031002010001.0. Read as text, no system key matched another source's: the
        // run exited 0 with 152 findings (every household missing everywhere) instead of 59.
        let input = try sample(replacing: [])
        for file in ["system/households.csv", "system/members.csv"] {
            // Every data row's first cell, the 户编号 (households.csv has CRLF line ends).
            let text = try String(contentsOfFile: input + "/" + file, encoding: .utf8)
            try text.replacingOccurrences(of: "(?m)^([0-9]{16}),", with: "$1.0,", options: .regularExpression)
                .replacingOccurrences(of: ",([0-9]{12}),", with: ",$1.0,", options: .regularExpression)  // 行政区划代码 too
                .write(toFile: input + "/" + file, atomically: true, encoding: .utf8)
        }
        XCTAssertTrue(try String(contentsOfFile: input + "/system/households.csv", encoding: .utf8).contains("5202031002010001.0,520203100201.0,"))
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", input])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stderr.contains("system/households.csv: 户编号 (household_id) is written as a decimal number in 48 of all 48 rows"), check.stderr)
        let (outcome, out) = try run(input)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("system/households.csv: 户编号 (household_id) is written as a decimal number in 48 rows (first: 5202031002010001.0)"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("system/members.csv: 户编号 (household_id) is written as a decimal number in 158 rows"), outcome.stderr)
        let (plain, plainOut) = try run(try sample(replacing: []))
        XCTAssertEqual(plain.status, 0)
        XCTAssertEqual(try String(contentsOfFile: out + "/findings.csv", encoding: .utf8), try String(contentsOfFile: plainOut + "/findings.csv", encoding: .utf8))
        XCTAssertEqual(try String(contentsOfFile: out + "/corrections.csv", encoding: .utf8), try String(contentsOfFile: plainOut + "/corrections.csv", encoding: .utf8))
        // The corrected dataset is the input with its corrections: the keys as the file wrote them.
        let corrected = try String(contentsOfFile: out + "/corrected/households.csv", encoding: .utf8)
        let plainCorrected = try String(contentsOfFile: plainOut + "/corrected/households.csv", encoding: .utf8)
        XCTAssertEqual(corrected.replacingOccurrences(of: ".0,", with: ","), plainCorrected)
        XCTAssertFalse(try String(contentsOfFile: out + "/summary.json", encoding: .utf8).contains("\"unknown\""), "every household in its county")
    }

    /// Systems export long numbers for Excel to keep as text: `="5202031002010001"`, a leading
    /// apostrophe or a leading tab. Read as they were, no 户编号 of the system matched another
    /// source's: exit 0 with 342 (`="…"`) and 152 (`'`) findings instead of 59, and the tab stayed
    /// in the values the messages quote. Each form now gives the sample's findings and
    /// corrections, byte for byte; the first two are said once per file.
    func testNumbersWrittenAsSpreadsheetText_ReadWithoutTheMarker() throws {
        let (plain, plainOut) = try run(try sample(replacing: []))
        XCTAssertEqual(plain.status, 0)
        let forms: [(name: String, wrap: String, warned: Bool)] = [("formula", "=\"$1\"", true), ("apostrophe", "'$1", true), ("tab", "\t$1", false)]
        for form in forms {
            let input = try sample(replacing: [])
            for file in ["system/households.csv", "system/members.csv"] {
                // The 户编号 (first cell) and every 18-character ID number of each row.
                let text = try String(contentsOfFile: input + "/" + file, encoding: .utf8)
                try text.replacingOccurrences(of: "(?m)^([0-9]{16}),", with: form.wrap + ",", options: .regularExpression)
                    .replacingOccurrences(of: ",([0-9]{17}[0-9X]),", with: "," + form.wrap + ",", options: .regularExpression)
                    .write(toFile: input + "/" + file, atomically: true, encoding: .utf8)
            }
            let (outcome, out) = try run(input)
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertEqual(outcome.stderr.contains("system/households.csv: 96 cells are written as spreadsheet text (first: \(form.wrap.replacingOccurrences(of: "$1", with: "5202031002010001")))"),
                           form.warned, "\(form.name): \(outcome.stderr)")
            XCTAssertEqual(outcome.stderr.contains("system/members.csv: "), form.warned, "\(form.name): \(outcome.stderr)")
            for name in ["findings.csv", "corrections.csv"] {
                XCTAssertEqual(try String(contentsOfFile: out + "/" + name, encoding: .utf8), try String(contentsOfFile: plainOut + "/" + name, encoding: .utf8), "\(form.name): \(name)")
            }
            // The corrected dataset is the input with its corrections: every one applied (before,
            // none was: the rows' keys did not match), cells as the file wrote them.
            for name in ["corrected/households.csv", "corrected/members.csv"] {
                let cells = { (path: String) throws -> [[String: String]] in
                    try CSVTable(path: path).rows.map { $0.mapValues { TableScanner.SpreadsheetTextMarkers.unwrapped($0) ?? $0 } }
                }
                XCTAssertEqual(try cells(out + "/" + name), try cells(plainOut + "/" + name), "\(form.name): \(name)")
            }
            // Byte for byte, a corrected row keeps its cells' form: before, its ="…" cells were
            // written quoted ("=""5202…""", which a system imports as the formula's text) and its
            // corrected ID number as bare digits (which a spreadsheet rounds to 5.20203E+17).
            let members = try String(contentsOfFile: out + "/corrected/members.csv", encoding: .utf8)
            let households = try String(contentsOfFile: out + "/corrected/households.csv", encoding: .utf8)
            let wrap = { (text: String) in form.wrap.replacingOccurrences(of: "$1", with: text) }
            XCTAssertFalse((members + households).contains("\"=\"\""), "\(form.name): no =\"…\" cell quoted")
            XCTAssertTrue(members.contains(wrap("5202031002010004") + "," + wrap("520203198805301598") + ",周建军,"), "\(form.name): the corrected ID in its marker")
            let inputHouseholds = try String(contentsOfFile: input + "/system/households.csv", encoding: .utf8)
            let row = try XCTUnwrap(inputHouseholds.components(separatedBy: "\r\n").first { $0.hasPrefix(wrap("5202031002010005") + ",") })
            XCTAssertTrue(households.contains(row.replacingOccurrences(of: ",罗正华," + wrap("520203195810102338") + ",5,", with: ",罗正华," + wrap("520203195810102338") + ",4,")),
                          "\(form.name): the row as the input wrote it, 家庭人口 5 → 4")
        }
        // Only these forms are markers: a formula, or an apostrophe before words, is left as it is.
        XCTAssertEqual(TableScanner.SpreadsheetTextMarkers.unwrapped("=\"52020319660812123X\""), "52020319660812123X")
        XCTAssertEqual(TableScanner.SpreadsheetTextMarkers.unwrapped("'2020-09-10"), "2020-09-10")
        XCTAssertNil(TableScanner.SpreadsheetTextMarkers.unwrapped("=HYPERLINK(\"http://x\")"))
        XCTAssertNil(TableScanner.SpreadsheetTextMarkers.unwrapped("=\"a\"&\"b\""))
        XCTAssertNil(TableScanner.SpreadsheetTextMarkers.unwrapped("'张三'"))
        XCTAssertNil(TableScanner.SpreadsheetTextMarkers.unwrapped("'"))
    }

    /// A database export writes NULL (or \N, a dash, 无 …) where the sample leaves a cell blank:
    /// the 脱贫年度 of every household not exited. Read as values, each was a worklist item
    /// 脱贫年度“NULL”无效 (96 findings instead of 59, exit 0); now they are blank, as meant.
    func testNullMarkersInBlankCells_ReadAsBlank() throws {
        let (plain, plainOut) = try run(try sample(replacing: []))
        XCTAssertEqual(plain.status, 0)
        for marker in ["NULL", "\\N", "—", "无"] {
            let input = try sample(replacing: [])
            let path = input + "/system/households.csv"
            var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
            let header = lines[0].components(separatedBy: ",")
            let column = try XCTUnwrap(header.firstIndex(of: "脱贫年度"))
            var filled = 0
            for i in lines.indices.dropFirst() where !lines[i].isEmpty {
                // The sample's rows have no quoted comma before 脱贫年度.
                var cells = lines[i].components(separatedBy: ",")
                if cells[column].isEmpty { cells[column] = marker; filled += 1 }
                lines[i] = cells.joined(separator: ",")
            }
            XCTAssertGreaterThan(filled, 30)
            try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
            let (outcome, out) = try run(input)
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            for name in ["findings.csv", "corrections.csv"] {
                XCTAssertEqual(try String(contentsOfFile: out + "/" + name, encoding: .utf8), try String(contentsOfFile: plainOut + "/" + name, encoding: .utf8), "\(marker): \(name)")
            }
        }
    }

    func testUTF16SheetExport_StopsSayingWhatTheFileIs() throws {
        let input = try sample(placing: "unicode/households.csv", at: "system/households.csv")
        let (outcome, out) = try run(input)
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "fivefold: system/households.csv: the file is UTF-16LE, as Excel's \"Unicode 文本 (*.txt)\" saves a sheet; fivefold reads CSV in UTF-8, GBK or GB18030: save it as \"CSV UTF-8 (逗号分隔) (*.csv)\" (LibreOffice: Text CSV, character set Unicode (UTF-8))\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", input])
        XCTAssertEqual(check.status, 2)
        XCTAssertTrue(check.stderr.contains("fivefold: system/households.csv: the file is UTF-16LE"), check.stderr)
    }

    /// The households as the XLSX LibreOffice saved (户编号 and 户主身份证号 number cells): every
    /// row is quarantined by the XLSX reader, so no household is left and the run stops (exit 2)
    /// rather than report every household of the other sources missing from the system.
    func testXLSXWithNumberIDs_NoRowReadable_RunStops() throws {
        let input = try sample(replacing: [])
        try FileManager.default.removeItem(atPath: input + "/system/households.csv")
        try FileManager.default.copyItem(atPath: Self.resaved + "/xlsx/households.xlsx", toPath: input + "/system/households.xlsx")
        let pipeline = input + "/pipeline.yaml"
        let text = try String(contentsOfFile: SampleRunTests.pipeline, encoding: .utf8)
            .replacingOccurrences(of: "file: system/households.csv\n", with: "file: system/households.xlsx\n      format: xlsx\n")
            .replacingOccurrences(of: "vocabulary: vocabulary.yaml", with: "vocabulary: \(SampleRunTests.repo.path)/pipelines/vocabulary.yaml")
        try text.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let out = input + "-out"
        let outcome = try FivefoldProcess.run(["run", pipeline, "--input", input, "--out", out, "--as-of", SampleRunTests.asOf, "-q", "--no-ledger"])
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "fivefold: system/households.xlsx: every one of its 48 rows is unreadable and would be quarantined (row 2: 户编号 stored as a number by a spreadsheet: digits beyond the 15th are lost (5202031002010000)). Nothing was written; `fivefold check` lists every reason\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// The system's households (UTF-8) opened by LibreOffice as Windows-1252, the ID columns typed
    /// as text, and saved again as UTF-8 (`fixtures/resaved/misread/1252`): every header and value
    /// is garbled but the file decodes cleanly. The run stops at the key column, says what
    /// happened to the file and what its first header was, and writes nothing.
    func testUTF8ReadAsWindows1252AndResaved_RunStopsNamingTheCharset() throws {
        let input = try sample(placing: "misread/1252/households.csv", at: "system/households.csv")
        let (outcome, out) = try run(input)
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains(": sources.system.households.fields.household_id: no column named \"户编号\" in system/households.csv; found: ï»¿æˆ·ç¼–å\u{F18F}·, "), outcome.stderr)
        XCTAssertTrue(outcome.stderr.hasSuffix("; the file looks like UTF-8 text that a program read as Windows-1252 and saved again (its header \"ï»¿æˆ·ç¼–å\u{F18F}·\" reads \"户编号\" as UTF-8), so every value in it is garbled too: export it again from its source, or open the original choosing UTF-8 before saving it\n"), outcome.stderr)
        XCTAssertFalse(outcome.stderr.contains("closest:"), "a garbled name is not offered as the column to map")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// The same file opened as GBK and saved as GBK (`fixtures/resaved/misread/gbk`), as a
    /// Chinese Windows spreadsheet does. GBK re-encodes most of it to the original UTF-8 bytes,
    /// byte-order mark and all, but a name of an odd byte count swallowed the comma after it and
    /// came back as GB18030's replacement character: `fivefold check` and the run stop at the
    /// header and say what happened to the file.
    func testUTF8ReadAsGBKAndResaved_CheckAndRunStopNamingTheCharset() throws {
        let input = try sample(placing: "misread/gbk/households.csv", at: "system/households.csv")
        let message = "system/households.csv:1: header is not valid UTF-8 (field 3); it holds 84 31 A4 37, GB18030's replacement character: the file looks like UTF-8 text that a program read as GBK and saved again as GBK, so every value in it is garbled too: export it again from its source, or open the original choosing UTF-8 before saving it"
        let (outcome, out) = try run(input)
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "fivefold: \(message)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", input])
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stderr.contains(message), check.stderr)
    }

    /// The wall cards (GBK) opened in LibreOffice as UTF-8 and saved as UTF-8
    /// (`fixtures/resaved/misread/lost`): every Chinese character became U+FFFD and nothing can be
    /// read back. The run stops at the key column and says the text is lost, with no `closest`
    /// guess among names that are all replacement marks.
    func testGBKReadAsUTF8AndResaved_RunStopsSayingTheTextIsLost() throws {
        let input = try sample(placing: "misread/lost/cards.csv", at: "wall/cards.csv")
        let (outcome, out) = try run(input)
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains(": sources.wall.households.fields.household_id: no column named \"户编号\" in wall/cards.csv; found: \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}, "), outcome.stderr)
        XCTAssertTrue(outcome.stderr.hasSuffix("; " + MisreadCharset.lost + "\n"), outcome.stderr)
        XCTAssertFalse(outcome.stderr.contains("closest:"), outcome.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertFalse(MisreadCharset.isLost(["户编号", "姓名", "年龄"]), "a clean header is not lost")
        XCTAssertFalse(MisreadCharset.isLost(["户编号", "姓\u{FFFD}名", "年龄"]), "one stray mark in many characters is not")
    }
}
