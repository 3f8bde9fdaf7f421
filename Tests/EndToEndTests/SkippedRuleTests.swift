import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldPipeline

/// A rule needing a field the dump does not have is skipped and said so, whether the pipeline
/// does not map the field or maps it `optional: true` and the file lacks the column: never run on
/// nothing, which would pass every household as clean.
final class SkippedRuleTests: XCTestCase {
    func testOptionalColumnAbsent_SkipsTheRuleWithAWarning() throws {
        let ws = try NightlyWorkspace()
        try NightlyDataset.standard().write(to: ws.input)
        let text = try String(contentsOfFile: ws.pipeline, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "cadre_phone: 责任人电话}", with: "cadre_phone: 责任人电话, household_type: {name: 六型类别, optional: true}}")
        XCTAssertNotEqual(edited, text)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: ws.pipeline))
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains(
            "fivefold: warning: rule household.type skipped: the system source has no household_type (六型类别); its households are not checked for it"), run.stderr)
        let findings = try CSVTable(path: ws.out + "/findings.csv")
        XCTAssertFalse(findings.rows.contains { $0["rule"] == "household.type" }, "skipped, not run on blanks")
        let check = try FivefoldProcess.run(["check", ws.pipeline])
        XCTAssertTrue(check.stderr.contains("rule household.type skipped: the system source has no household_type (六型类别)"), check.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.out + "/summary.json"))) as! [String: Any]
        XCTAssertTrue((summary["warnings"] as? [String] ?? []).contains { $0.hasPrefix("rule household.type skipped") })
    }

    /// A 六型 or 帮扶措施 column that an export left blank in every row skips its rule with a
    /// warning instead of reporting every household (建档立卡户未填六型类别 six times); one filled
    /// row is data, and the rule runs and reports the households left blank.
    func testColumnBlankInEveryRow_SkipsTheRuleWithAWarning() throws {
        for (filledRow, asXLSX) in [(false, false), (true, false), (false, true), (true, true)] {
            let ws = try NightlyWorkspace()
            try NightlyDataset.standard().write(to: ws.input)
            let path = ws.input + "/system/households.csv"
            var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            lines[0] += ",六型类别,帮扶措施"
            for i in 1..<lines.count { lines[i] += filledRow && i == 1 ? ",农场主型,产业扶持" : ",," }
            try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: path))
            let text = try String(contentsOfFile: ws.pipeline, encoding: .utf8)
            var edited = text.replacingOccurrences(of: "cadre_phone: 责任人电话}", with: "cadre_phone: 责任人电话, household_type: 六型类别, measures: 帮扶措施}")
            XCTAssertNotEqual(edited, text)
            if asXLSX {
                // The same table as a sheet (text cells): check must judge its blank columns too.
                let table = try CSVTable(path: path)
                var sheet = try XLSXOutputSheet(name: "户", columns: table.header.map { XLSXColumn($0) })
                for row in table.rows { try sheet.append(table.header.map { XLSXOutputCell(row[$0] ?? "") }) }
                try XLSXWriter(sheets: [sheet]).write(to: ws.input + "/system/households.xlsx")
                try FileManager.default.removeItem(atPath: path)
                let before = edited
                edited = edited.replacingOccurrences(of: "file: system/households.csv\n", with: "file: system/households.xlsx\n      format: xlsx\n")
                XCTAssertNotEqual(edited, before)
            }
            try Data(edited.utf8).write(to: URL(fileURLWithPath: ws.pipeline))
            let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
            XCTAssertEqual(run.status, 0, run.stderr)
            let findings = try CSVTable(path: ws.out + "/findings.csv")
            let typeFindings = findings.rows.filter { $0["rule"] == "household.type" }.count
            let measureFindings = findings.rows.filter { $0["rule"] == "household.measures" }.count
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.out + "/summary.json"))) as! [String: Any]
            let warnings = summary["warnings"] as? [String] ?? []
            if filledRow {
                XCTAssertEqual(typeFindings, 5, "the five households left blank are reported")
                XCTAssertEqual(measureFindings, 5)
                XCTAssertFalse(warnings.contains { $0.contains("skipped") }, "\(warnings)")
            } else {
                XCTAssertEqual(typeFindings, 0, "skipped, not run on an empty column")
                XCTAssertEqual(measureFindings, 0)
                XCTAssertTrue(run.stderr.contains(
                    "rule household.type skipped: the system source's household_type (六型类别) is blank in every row"), run.stderr)
                XCTAssertTrue(warnings.contains { $0.hasPrefix("rule household.measures skipped: the system source's measures (帮扶措施) is blank in every row") }, "\(warnings)")
            }
            // `fivefold check` reads the whole small table and says the same as the run.
            let check = try FivefoldProcess.run(["check", ws.pipeline])
            XCTAssertEqual(check.status, 0, check.stderr)
            XCTAssertEqual(check.stderr.contains("fivefold: warning: rule household.type skipped: the system source's household_type (六型类别) is blank in every row"), !filledRow, check.stderr)
            XCTAssertEqual(check.stderr.contains("rule household.measures skipped"), !filledRow, check.stderr)
            // From a sample shorter than the table it cannot know: it says what a run would skip.
            if !filledRow {
                var checker = PipelineChecker(config: try PipelineConfig.load(path: ws.pipeline), inputFolder: ws.input)
                checker.sampleSize = 3
                let report = checker.check()
                XCTAssertFalse(report.warnings.contains { $0.hasPrefix("rule household.type skipped") }, "\(report.warnings)")
                XCTAssertTrue(report.warnings.contains("system/households.\(asXLSX ? "xlsx" : "csv"): column 六型类别 (household_type) is blank in the first 3 rows; if it is blank in every row, a run skips rule household.type"), "\(report.warnings)")
            }
        }
    }

    /// County shards and their merge skip the same rules as a whole run and write the same
    /// findings and warnings: the merge learns which system fields were blank from the shards'
    /// parts (`_parts/fields.json`).
    func testColumnBlankInEveryRow_ShardsPlusMergeSkipAsTheWholeRunDoes() throws {
        let ws = try NightlyWorkspace()
        var dataset = NightlyDataset.standard()
        for i in 3..<dataset.households.count {  // a second county, so that both shards have households
            dataset.households[i].region = "520221101201"
            dataset.households[i].id = "520221101201" + String(format: "%04d", i + 1)
        }
        try dataset.write(to: ws.input)
        let path = ws.input + "/system/households.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        lines[0] += ",六型类别"
        for i in 1..<lines.count { lines[i] += "," }
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: path))
        let text = try String(contentsOfFile: ws.pipeline, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "cadre_phone: 责任人电话}", with: "cadre_phone: 责任人电话, household_type: 六型类别}").utf8)
            .write(to: URL(fileURLWithPath: ws.pipeline))

        let whole = try FivefoldProcess.run(["run", ws.pipeline, "-q", "--no-ledger"])
        XCTAssertEqual(whole.status, 0, whole.stderr)
        var shardFolders: [String] = []
        for i in 0..<2 {
            let folder = ws.root + "/shard\(i)"
            let shard = try FivefoldProcess.run(["run", ws.pipeline, "-q", "--shard", "\(i)/2", "--out", folder])
            XCTAssertEqual(shard.status, 0, shard.stderr)
            shardFolders.append(folder)
        }
        let merged = ws.root + "/merged"
        let merge = try FivefoldProcess.run(["merge", ws.pipeline] + shardFolders + ["--out", merged, "-q", "--no-ledger"])
        XCTAssertEqual(merge.status, 0, merge.stderr)

        func summary(_ folder: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as! [String: Any]
        }
        let wholeWarnings = try summary(ws.out)["warnings"] as? [String] ?? []
        XCTAssertTrue(wholeWarnings.contains { $0.hasPrefix("rule household.type skipped: the system source's household_type (六型类别) is blank") }, "\(wholeWarnings)")
        XCTAssertEqual(try summary(merged)["warnings"] as? [String], wholeWarnings)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: merged + "/findings.csv")), try Data(contentsOf: URL(fileURLWithPath: ws.out + "/findings.csv")))
        XCTAssertFalse(try CSVTable(path: merged + "/findings.csv").rows.contains { $0["rule"] == "household.type" })
    }
}
