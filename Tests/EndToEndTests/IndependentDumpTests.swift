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

/// The shipped pipeline, unchanged and without `--as-of`, on a clean dump dated today that was
/// written by `bench/independent_dump.py` — a generator that shares no code or assumptions with
/// `fivefold generate` (official 学龄前儿童, members born this year, ages told as of the
/// interview's own 走访日期, 已脱贫(享受政策)-style status forms, GBK wall cards, attribute-keyed
/// archive households). Every household is consistent in all five sources and with every rule, so
/// any finding is a false positive: the regression this guards is issue 12's, where a pinned date
/// and a refused official value made 97 % of findings on today's data false.
final class IndependentDumpTests: XCTestCase {
    func testShippedPipeline_OnACleanDumpDatedToday_FindsNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fivefold-independent-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = SampleRunTests.repo.appendingPathComponent("bench/independent_dump.py").path
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", script, "--households", "400", "--seed", "3", "--out", folder.appendingPathComponent("in").path]
        python.standardOutput = FileHandle.nullDevice
        try python.run()
        python.waitUntilExit()
        XCTAssertEqual(python.terminationStatus, 0, "bench/independent_dump.py failed")

        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let out = folder.appendingPathComponent("out").path
        let options = PipelineRunner.Options(inputFolder: folder.appendingPathComponent("in").path, outputFolder: out, useLedger: false)
        let summary = try PipelineRunner(config: config, options: options).run()
        XCTAssertEqual(summary.households, 400)
        let findings = try CSVTable(path: out + "/findings.csv")
        let described = findings.rows.prefix(5).map { "\($0["rule"]!) \($0["field"]!): \($0["message"]!)" }
        XCTAssertEqual(findings.rows.count, 0, "false positives on clean data dated today, e.g. \(described)")
        let members = try CSVTable(path: folder.appendingPathComponent("in/system/members.csv").path)
        XCTAssertTrue(members.rows.contains { $0["文化程度"] == "学龄前儿童" }, "the dump must hold preschool children")
        XCTAssertTrue(members.rows.contains { $0["出生日期"]!.hasPrefix(String(Calendar.current.component(.year, from: Date()))) }
                      || members.rows.contains { $0["出生日期"]!.hasPrefix(String(Calendar.current.component(.year, from: Date()) - 1)) },
                      "the dump must hold children born this year or last")
    }
}
