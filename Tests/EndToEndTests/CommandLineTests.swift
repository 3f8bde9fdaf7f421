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

/// Exit codes and messages of the nightly commands, from the real binary (README "Exit codes").
final class CommandLineTests: XCTestCase {
    func testFailOn_ExitsOneWhenFindingsOfThatSeverityExist() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[1].cadre = ""  // a warning
        try data.write(to: ws.input)
        let errorOnly = try FivefoldProcess.run(["run", ws.pipeline, "-q", "--fail-on", "error"])
        XCTAssertEqual(errorOnly.status, 0, errorOnly.stderr)
        let warnings = try FivefoldProcess.run(["run", ws.pipeline, "-q", "--fail-on", "warning"])
        XCTAssertEqual(warnings.status, 1)
        // (The dataset has no exited household: its 脱贫年度 column is blank, which is said even with -q.
        // It maps no 六型类别 or 帮扶措施: the rules that need them are skipped, and said so.)
        XCTAssertEqual(warnings.stderr, "fivefold: warning: system/households.csv: column 脱贫年度 (exit_year) is blank in every row\n"
            + "fivefold: warning: rule household.type skipped: the system source maps no household_type (六型类别); its households are not checked for it (map the column to run it)\n"
            + "fivefold: warning: rule household.measures skipped: the system source maps no measures (帮扶措施); its households are not checked for it (map the column to run it)\n"
            + "fivefold: --fail-on warning: 1 findings of severity warning or worse\n")
        // The same input twice: the second run repeats the first, so the finding is still new.
        XCTAssertTrue(warnings.stdout.contains("(new 1, persisting 0, reopened 0, resolved 0)"), warnings.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.out + "/report.html"), "outputs are written all the same")
    }

    /// A nightly job cannot tell from exit 0 that an input lost rows: the system's members.csv
    /// cut off at 8 KiB ran with exit 0 and 80 false findings, its warning printed among the
    /// configuration warnings real data always has. `--fail-on-damage` exits 4 naming the file;
    /// without the flag, and on the whole file, the exit status is 0 as before.
    func testFailOnDamage_ExitsFourWhenAnInputLostRows() throws {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-damage-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        defer { try? fm.removeItem(atPath: input); try? fm.removeItem(atPath: input + "-out") }
        let members = input + "/system/members.csv"
        let whole = try Data(contentsOf: URL(fileURLWithPath: members))
        try whole.prefix(8192).write(to: URL(fileURLWithPath: members))
        let args = ["run", SampleRunTests.pipeline, "--input", input, "--out", input + "-out", "--no-ledger", "--as-of", SampleRunTests.asOf, "-q"]

        let damaged = try FivefoldProcess.run(args + ["--fail-on-damage", "--fail-on", "error"])
        XCTAssertEqual(damaged.status, 4, damaged.stderr)
        XCTAssertTrue(damaged.stderr.contains("fivefold: warning: system/members.csv: the file looks cut off"), damaged.stderr)
        XCTAssertTrue(damaged.stderr.hasSuffix("fivefold: --fail-on-damage: rows of 1 input file were lost (system system/members.csv): see the warnings above; findings about it are partly false\n"), damaged.stderr)
        XCTAssertTrue(fm.fileExists(atPath: input + "-out/report.html"), "outputs are written all the same")
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: input + "-out/summary.json")))
        XCTAssertEqual(summary.damagedInputs.map(\.file), ["system/members.csv"])

        let unflagged = try FivefoldProcess.run(args)
        XCTAssertEqual(unflagged.status, 0, unflagged.stderr)
        try whole.write(to: URL(fileURLWithPath: members))
        let intact = try FivefoldProcess.run(args + ["--fail-on-damage"])
        XCTAssertEqual(intact.status, 0, intact.stderr)
        let clean = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: input + "-out/summary.json")))
        XCTAssertTrue(clean.damagedInputs.isEmpty)
        XCTAssertFalse(try String(contentsOfFile: input + "-out/summary.json", encoding: .utf8).contains("\"damage\""), "an undamaged run's summary.json is as before")

        let shard = try FivefoldProcess.run(args + ["--fail-on-damage", "--shard", "0/2"])
        XCTAssertEqual(shard.status, 64, "a usage error: the merge judges the shards' inputs")
    }

    func testUnusableInput_ExitsTwoWithOneMessage() throws {
        let ws = try NightlyWorkspace()
        let missing = try FivefoldProcess.run(["run", ws.pipeline, "-q", "--input", ws.root + "/nowhere"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr.split(separator: "\n").count, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.hasPrefix("fivefold: ") && missing.stderr.contains("input file not found"), missing.stderr)

        try Data("not a database, not at all".utf8).write(to: URL(fileURLWithPath: ws.ledger))
        try NightlyDataset.standard().write(to: ws.input)
        let badLedger = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(badLedger.status, 2)
        XCTAssertTrue(badLedger.stderr.hasPrefix("fivefold: \(ws.ledger): not a Fivefold ledger"), badLedger.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.out), "no output without a usable ledger")
    }

    func testSignoff_ImportsGoodRowsReportsBadOnesAndExitsOne() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[4].inspectedGrain = "900"
        data[3].recordedSize = 3
        try ws.run(data)
        let sent = try CSVTable(path: ws.out + "/worklists/岩脚镇.csv")
        let filled = sent.rows.map { row -> [String] in
            var row = row
            row["核实结果"] = row["字段"] == "粮食产量" ? "1500" : "2"
            row["核实人"] = row["字段"] == "粮食产量" ? "张三" : ""
            row["核实日期"] = "2021-01-05"
            return sent.header.map { row[$0]! }
        }
        let returned = ws.root + "/returned.csv"
        let writer = try CSVWriter(path: returned, encoding: .utf8, bom: true)
        try writer.writeRow(sent.header)
        for row in filled { try writer.writeRow(row) }
        try writer.close()

        let outcome = try FivefoldProcess.run(["signoff", returned, "--pipeline", ws.pipeline])
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        let badLine = filled.firstIndex { $0[sent.header.firstIndex(of: "核实人")!].isEmpty }! + 2
        XCTAssertEqual(outcome.stderr, "fivefold: \(returned):\(badLine): 核实人: missing: the person who verified must sign\n")
        XCTAssertTrue(outcome.stdout.hasPrefix("1 signed results imported, 0 already in the ledger, 1 rows refused, 0 rows not yet verified"), outcome.stdout)

        // Without --pipeline: the ledger named directly, the vocabulary of its latest run.
        let again = try FivefoldProcess.run(["signoff", returned, "--ledger", ws.ledger])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stdout.hasPrefix("0 signed results imported, 1 already in the ledger"), again.stdout)

        let noLedger = try FivefoldProcess.run(["signoff", returned, "--ledger", ws.root + "/none.sqlite"])
        XCTAssertEqual(noLedger.status, 2)
        XCTAssertTrue(noLedger.stderr.contains("no ledger here"), noLedger.stderr)
    }

    func testInspect_PrintsRecordsAsJSONLinesWithFileAndLine() throws {
        let result = try FivefoldProcess.run(["inspect", SampleRunTests.sample + "/wall/cards.csv", "--limit", "2"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        XCTAssertEqual(first["line"] as? Int, 2)
        XCTAssertTrue((first["file"] as? String)?.hasSuffix("wall/cards.csv") == true)
        XCTAssertEqual(first["户编号"] as? String, "5202031002010001", "GBK decoded")
        XCTAssertTrue(result.stderr.contains("read 47, accepted 47, quarantined 0"), result.stderr)
        XCTAssertTrue(result.stderr.contains("gb18030"), result.stderr)
    }

    func testCheck_ValidatesWithoutWritingAnything() throws {
        let out = TestTemporaryFolder.root.appendingPathComponent("fivefold-check-\(UUID().uuidString)").path
        let result = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", SampleRunTests.sample])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("ok — 5 sources, 8 registries"), result.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// An old dump replayed into the production output folder and ledger (a command copied with
    /// its `--as-of`) replaced the night's worklists with exit 0 and became the run the next
    /// night is compared with. A run as of a date before the ledger's last run now stops before
    /// writing anything; `--accept-earlier-date` records it; the same date again runs as before.
    func testEarlierAsOfThanTheLedgersLastRun_Stops() throws {
        let copy = try SampleCopy(self)
        func run(_ asOf: String, _ extra: [String] = []) throws -> FivefoldProcess.Outcome {
            try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", copy.input, "--out", copy.out, "--ledger", copy.ledger, "--as-of", asOf, "-q"] + extra)
        }
        XCTAssertEqual(try run("2020-12-31").status, 0)
        let findings = try Data(contentsOf: URL(fileURLWithPath: copy.out + "/findings.csv"))
        let earlier = try run("2020-06-30")
        XCTAssertEqual(earlier.status, 2)
        XCTAssertEqual(earlier.stderr, "fivefold: --as-of: this run is as of 2020-06-30, before the ledger's last run (run 1, as of 2020-12-31) in \(copy.ledger): "
            + "recorded, it would replace those outputs and be compared with a later night's findings. Replaying an old dump? Give it an output folder of its own "
            + "(its ledger goes beside it); if this ledger should hold it, run again with --accept-earlier-date. Nothing was written\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: copy.out + "/findings.csv")), findings, "the night's outputs stay")
        XCTAssertEqual(try run("2020-12-31").status, 0, "the same date again")
        let accepted = try run("2020-06-30", ["--accept-earlier-date"])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertTrue(accepted.stdout.contains("persisting"), accepted.stdout)
    }
}
