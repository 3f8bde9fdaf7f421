import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldReport
@testable import FivefoldPipeline

/// Runs the default pipeline on `fixtures/accountability` (the sample households with a 五包
/// roster, exit sign-offs and 公示 notices) and checks that the accountability rules find exactly
/// what `planted.csv` lists — one planted defect per check, nothing on the clean rows — while
/// everything else is the sample's run unchanged; and that a dump without the tables lists the
/// skipped checks and keeps its worklist columns.
final class AccountabilityRunTests: XCTestCase {
    static let repo = SampleRunTests.repo
    static let fixture = repo.appendingPathComponent("fixtures/accountability").path

    static let run: (out: String, summary: RunSummary) = {
        let out = TestTemporaryFolder.root.appendingPathComponent("fivefold-acc-\(UUID().uuidString)").path
        let config = try! PipelineConfig.load(path: SampleRunTests.pipeline)
        let runner = PipelineRunner(config: config, options: .init(inputFolder: fixture, outputFolder: out, asOf: SampleRunTests.asOf, useLedger: false))
        return (out, try! runner.run())
    }()

    static func isAccountability(_ rule: String) -> Bool {
        RuleRegistry.optionalInputFamilies.contains(RuleID(rawValue: rule).family)
    }

    func testRun_FindsExactlyThePlantedDefects() throws {
        let findings = try CSVTable(path: Self.run.out + "/findings.csv")
        let planted = try CSVTable(path: Self.fixture + "/planted.csv")
        func key(_ r: [String: String]) -> String { [r["rule"]!, r["region_code"]!, r["household_id"]!, r["member_id"]!].joined(separator: "|") }
        let found = findings.rows.filter { Self.isAccountability($0["rule"]!) }.map { r -> String in
            // Household findings are planted by 户编号 alone (their region code is the household's).
            var k = r
            if !r["household_id"]!.isEmpty { k["region_code"] = "" }
            return key(k)
        }
        XCTAssertEqual(found.sorted(), planted.rows.map(key).sorted())
        let rules = Set(RuleRegistry.ids.filter { RuleRegistry.optionalInputFamilies.contains($0.family) }.map(\.rawValue))
        XCTAssertEqual(Set(planted.rows.map { $0["rule"]! }), rules, "one planted defect for every accountability check")
        XCTAssertEqual(planted.rows.count, rules.count)
        XCTAssertEqual(Self.run.summary.skippedChecks, [])
    }

    /// The accountability tables add findings and never change the sample's own.
    func testRun_OtherFindingsAreTheSamples() throws {
        let mine = try CSVTable(path: Self.run.out + "/findings.csv").rows.filter { !Self.isAccountability($0["rule"]!) }
        let sample = try CSVTable(path: SampleRunTests.run.out + "/findings.csv").rows
        XCTAssertEqual(mine.map { $0["finding_id"]! }.sorted(), sample.map { $0["finding_id"]! }.sorted())
    }

    func testRun_UnreadableRowsAreQuarantinedAndAccounted() throws {
        for (name, file, reason) in [
            ("responsibility", "verification/responsibility.csv", "unknown 层级 \"村干部\""),
            ("exit_signoffs", "verification/exit_signoffs.csv", "签字日期 is not a date: 2018-13-45"),
            ("notices", "verification/notices.csv", "unknown 类型 \"公告\""),
        ] {
            let input = try XCTUnwrap(Self.run.summary.inputs.first { $0.source == name }, name)
            XCTAssertEqual(input.file, file)
            XCTAssertEqual(input.quarantined, 1, name)
            XCTAssertEqual(input.read, input.accepted + input.quarantined, name)
            let rows = try CSVTable(path: Self.run.out + "/quarantine/\(name).csv").rows
            XCTAssertEqual(rows.count, 1)
            XCTAssertEqual(rows.first?["file"], file)
            XCTAssertTrue(rows.first?["reason"]?.hasPrefix(reason) == true, "\(rows.first?["reason"] ?? "") for \(name)")
            XCTAssertFalse(rows.first?["line"]?.isEmpty ?? true)
            let raw = try XCTUnwrap(rows.first?["raw"], name)
            XCTAssertFalse(raw.isEmpty, name)
            XCTAssertFalse(raw.hasSuffix("\n") || raw.hasSuffix("\r"), "the row without its line terminator: \(raw.debugDescription)")
        }
        XCTAssertEqual(Self.run.summary.inputs.first { $0.source == "responsibility" }?.encoding, "gb18030", "the roster is GBK")
        XCTAssertEqual(Self.run.summary.warnings.filter { $0.contains("户编号 that no system household has") },
                       ["verification/notices.csv: 1 row(s) name a 户编号 that no system household has; their checks cannot run"])
    }

    func testWorklists_NameTheVillageAndTownshipLeaders() throws {
        let table = try CSVTable(path: Self.run.out + "/worklists/郎岱镇.csv")
        let phone = try XCTUnwrap(table.header.firstIndex(of: "责任人电话"))
        XCTAssertEqual(Array(table.header[(phone + 1)...(phone + 2)]), WorklistWriter.leaderColumns)
        let row = try XCTUnwrap(table.rows.first { $0["户编号"] == "5202031002010005" })
        XCTAssertEqual(row["村负责领导"], "黄县长 13800000021")
        XCTAssertEqual(row["乡镇负责领导"], "马市长 13800000011")
        let yanjiao = try CSVTable(path: Self.run.out + "/worklists/岩脚镇.csv")
        XCTAssertTrue(yanjiao.rows.allSatisfy { $0["乡镇负责领导"] == "" }, "岩脚镇 has no 市领导 (planted roster.township)")
    }

    /// Without the tables: the run is the sample's, the skipped checks say why, and the worklists
    /// keep exactly their columns.
    func testSampleWithoutTables_ListsSkippedChecksAndKeepsWorklistColumns() throws {
        let skipped = SampleRunTests.run.summary.skippedChecks
        XCTAssertEqual(Set(skipped.map(\.rule)), Set(RuleRegistry.ids.filter { RuleRegistry.optionalInputFamilies.contains($0.family) }.map(\.rawValue)))
        let signer = try XCTUnwrap(skipped.first { $0.rule == "signoff.signer" })
        XCTAssertTrue(signer.reason.contains("verification/exit_signoffs.csv") && signer.reason.contains("verification/responsibility.csv"), signer.reason)
        let json = try String(contentsOfFile: SampleRunTests.run.out + "/summary.json", encoding: .utf8)
        XCTAssertTrue(json.contains("\"skipped_checks\""))
        let table = try CSVTable(path: SampleRunTests.run.out + "/worklists/郎岱镇.csv")
        XCTAssertEqual(table.header, WorklistWriter.header)
        let report = try String(contentsOfFile: SampleRunTests.run.out + "/report.html", encoding: .utf8)
        XCTAssertTrue(report.contains("id=\"skipped\"") && report.contains("signoff.signer"), "report.html says which checks did not run")
        let mine = try String(contentsOfFile: Self.run.out + "/report.html", encoding: .utf8)
        XCTAssertFalse(mine.contains("id=\"skipped\""))
        XCTAssertTrue(mine.contains("五包：贫困村无县领导联系"), "the accountability findings are charted like any rule's")
    }

    /// A mistyped header in an accountability table stops the run (exit 2) naming the key: it
    /// must never run with exit 0 and fewer findings.
    /// A copy of the fixture whose files are real files (the tables' folder copied, not linked).
    func fixtureCopy() throws -> String {
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-acc-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for entry in try FileManager.default.contentsOfDirectory(atPath: Self.fixture) where !entry.hasSuffix(".py") && !entry.hasSuffix(".csv") {
            try FileManager.default.copyItem(atPath: URL(fileURLWithPath: Self.fixture + "/" + entry).resolvingSymlinksInPath().path, toPath: input + "/" + entry)
        }
        try FileManager.default.removeItem(atPath: input + "/verification")
        try FileManager.default.createDirectory(atPath: input + "/verification", withIntermediateDirectories: true)
        for entry in try FileManager.default.contentsOfDirectory(atPath: Self.fixture + "/verification") {
            try FileManager.default.copyItem(atPath: URL(fileURLWithPath: Self.fixture + "/verification/" + entry).resolvingSymlinksInPath().path,
                                             toPath: input + "/verification/" + entry)
        }
        addTeardownBlock { try? FileManager.default.removeItem(atPath: input) }
        return input
    }

    func testMistypedHeader_StopsNamingTheKey() throws {
        let input = try fixtureCopy()
        let path = input + "/verification/exit_signoffs.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "签字日期", with: "签字时间").write(toFile: path, atomically: true, encoding: .utf8)
        let out = input + "-out"
        let result = try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", input, "--out", out, "--as-of", "2020-12-31", "--no-ledger", "-q"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("accountability.signoffs.fields.signed_on"), result.stderr)
        XCTAssertTrue(result.stderr.contains("签字时间"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// A mistyped accountability file: (notice.csv for notices.csv) was an absent table: its
    /// checks skipped, exit 0, 71 findings instead of 75, nothing on stderr. A file of nearly the
    /// declared name in its place now stops the run (and `check`) naming both; a table absent
    /// with nothing like it beside it is still skipped, as the sample's are.
    func testMistypedTableFile_StopsNamingTheFileThatIsThere() throws {
        for (declared, there) in [("notices.csv", "notice.csv"), ("notices.csv", "notices.txt"), ("responsibility.csv", "Responsibilty.csv")] {
            let input = try fixtureCopy()
            try FileManager.default.moveItem(atPath: input + "/verification/" + declared, toPath: input + "/verification/" + there)
            let out = input + "-out"
            let result = try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", input, "--out", out, "--as-of", "2020-12-31", "--no-ledger", "-q"])
            XCTAssertEqual(result.status, 2, result.stderr)
            let key = declared == "notices.csv" ? "notices" : "roster"
            XCTAssertTrue(result.stderr.contains("accountability.\(key).file: verification/\(declared) is not in the input folder, but verification/\(there) is: if that is the \(key) table, correct file: to verification/\(there)"), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
            let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", input])
            XCTAssertEqual(check.status, 2, check.stdout + check.stderr)
            XCTAssertTrue((check.stdout + check.stderr).contains("but verification/\(there) is"), check.stdout + check.stderr)
        }
        XCTAssertNil(OptionalInputFile.nearMiss("verification/notices.csv", in: SampleRunTests.sample), "the sample has none of the tables: skipped, not stopped")
        XCTAssertEqual(OptionalInputFile.nearMiss("verificaton/notices.csv", in: Self.fixture), "verification/notices.csv")
        XCTAssertNil(OptionalInputFile.nearMiss("verification/gongshi.csv", in: Self.fixture))
        XCTAssertNil(OptionalInputFile.nearMiss("verification/notices.csv", in: Self.fixture), "present")
        XCTAssertTrue(OptionalInputFile.isClose("notices.csv", "Notice.csv"))
        XCTAssertFalse(OptionalInputFile.isClose("notices.csv", "villages.csv"))
        XCTAssertFalse(OptionalInputFile.isClose("a.csv", "b.csv"))
    }

    /// Towns sign as townships: the sign-offs of the fixture with every 乡 written 镇 give the
    /// fixture's findings. Before, those rows were
    /// quarantined as "unknown 层级 镇" and four exits got a false signoff.missing_level.
    func testTownLevels_ReadAsTownships() throws {
        let input = try fixtureCopy()
        let signoffs = input + "/verification/exit_signoffs.csv"
        let text = try String(contentsOfFile: signoffs, encoding: .utf8)
        XCTAssertTrue(text.contains(",乡,"))
        try text.replacingOccurrences(of: ",乡,", with: ",镇,").write(toFile: signoffs, atomically: true, encoding: .utf8)
        let out = input + "-out"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        let result = try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", input, "--out", out, "--as-of", "2020-12-31", "--no-ledger", "-q"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOfFile: out + "/findings.csv", encoding: .utf8), try String(contentsOfFile: Self.run.out + "/findings.csv", encoding: .utf8))
    }

    /// A table none of whose rows can be used stops the run, as a source table does: with every
    /// 公示 row refused (类型 written 公告), every household was a false notice.missing, exit 0.
    /// `fivefold check` lists the reasons, as the message says.
    func testTableWithNoUsableRow_StopsTheRunAndCheckSaysWhy() throws {
        let input = try fixtureCopy()
        let notices = input + "/verification/notices.csv"
        let text = try String(contentsOfFile: notices, encoding: .utf8)
        try text.replacingOccurrences(of: ",识别,", with: ",公告,").replacingOccurrences(of: ",退出,", with: ",公告,")
            .write(toFile: notices, atomically: true, encoding: .utf8)
        let out = input + "-out"
        let result = try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", input, "--out", out, "--as-of", "2020-12-31", "--no-ledger", "-q"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("verification/notices.csv: every one of its 57 rows is unreadable and would be quarantined (line 2: unknown 类型 \"公告\""), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", input])
        XCTAssertNotEqual(check.status, 0)
        XCTAssertTrue(check.stderr.contains("verification/notices.csv: 57 of all 57 rows would be quarantined: unknown 类型 \"公告\""), check.stderr)
        XCTAssertTrue(check.stdout.contains("verification/notices.csv: csv, utf-8, delimiter \",\", 6 columns, 6 of 6 fields mapped; all 57 rows read, 57 would be quarantined"), check.stdout)
    }

    /// Partitions, shards and merge change nothing: per-household checks run in whichever
    /// partition holds the household, area and roster checks in the assembly of the merge (which
    /// reads the tables itself), and the shards' inputs carry the tables' accounting.
    func testShardsPlusMerge_WriteWhatOneRunWrites() throws {
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let base = TestTemporaryFolder.root.appendingPathComponent("fivefold-acc-shards-\(UUID().uuidString)").path
        try PipelineRunner(config: config, options: .init(inputFolder: Self.fixture, outputFolder: base + "/whole", asOf: SampleRunTests.asOf, partitions: 1)).run()
        var shards: [String] = []
        for i in 0..<2 {
            let folder = base + "/shard\(i)"
            try PipelineRunner(config: config, options: .init(
                inputFolder: Self.fixture, outputFolder: folder, asOf: SampleRunTests.asOf, partitions: 3, shard: Shard(index: i, count: 2))).run()
            shards.append(folder)
        }
        try PipelineRunner(config: config, options: .init(inputFolder: Self.fixture, outputFolder: base + "/merged", asOf: SampleRunTests.asOf)).merge(shardFolders: shards)
        let expected = try PartitioningTests.snapshot(base + "/whole"), actual = try PartitioningTests.snapshot(base + "/merged")
        XCTAssertEqual(Set(expected.keys), Set(actual.keys))
        for (path, data) in expected { XCTAssertEqual(data, actual[path], path) }
        XCTAssertNotNil(expected["quarantine/notices.csv"])
        XCTAssertTrue(String(decoding: expected["findings.csv"]!, as: UTF8.self).contains("roster.cadre_load"))
    }

    /// The fixture is what its script writes (python3 on the machine; skipped without it).
    func testFixture_IsUpToDate() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw XCTSkip("no python3") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [Self.fixture + "/make_accountability.py", "--check"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixtures/accountability is stale: run make_accountability.py")
    }
}
