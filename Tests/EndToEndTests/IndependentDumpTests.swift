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
/// and a refused official value made 97 % of findings on today's data false. The one exception is
/// the 防返贫监测 list (`monitor.edge` entries of severity info): exited households of this dump
/// whose income is in the monitoring band are legitimately on it, and the test checks each.
final class IndependentDumpTests: XCTestCase {
    func testShippedPipeline_OnACleanDumpDatedToday_FindsNothing() throws {
        let folder = TestTemporaryFolder.root.appendingPathComponent("fivefold-independent-\(UUID().uuidString)")
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
        // 防返贫监测 list entries (`monitor.edge`, info, no worklist item) are no false positives
        // when they are true by the policy: an exited (or 边缘户 / 非贫困户) household whose income
        // lies in [line, 1.5 × line) = [4000, 6000) at today's date. Each is checked against the
        // dump's own system row; any other finding, or a monitoring entry that is not true, fails.
        let households = Dictionary(
            try CSVTable(path: folder.appendingPathComponent("in/system/households.csv").path).rows.map { ($0["户编号"]!, $0) },
            uniquingKeysWith: { a, _ in a })
        func isTrueMonitoringEntry(_ f: [String: String]) -> Bool {
            guard f["rule"] == "monitor.edge", f["severity"] == "info", f["action"] == "info", let h = households[f["household_id"]!],
                let income = Double(h["人均纯收入"]!.filter { $0.isNumber || $0 == "." })
            else { return false }
            let status = h["脱贫状态"]!
            return (status.hasPrefix("已脱贫") || status == "边缘户" || status == "非贫困户") && income >= 4000 && income < 6000
        }
        let problems = findings.rows.filter { !isTrueMonitoringEntry($0) }
        let described = problems.prefix(5).map { "\($0["rule"]!) \($0["field"]!): \($0["message"]!)" }
        XCTAssertEqual(problems.count, 0, "false positives on clean data dated today, e.g. \(described)")
        XCTAssertEqual(summary.worklistItems, 0)
        XCTAssertEqual(summary.monitoring?.edgeList, findings.rows.count - problems.count)
        let members = try CSVTable(path: folder.appendingPathComponent("in/system/members.csv").path)
        XCTAssertTrue(members.rows.contains { $0["文化程度"] == "学龄前儿童" }, "the dump must hold preschool children")
        XCTAssertTrue(members.rows.contains { $0["出生日期"]!.hasPrefix(String(Calendar.current.component(.year, from: Date()))) }
                      || members.rows.contains { $0["出生日期"]!.hasPrefix(String(Calendar.current.component(.year, from: Date()) - 1)) },
                      "the dump must hold children born this year or last")
    }
}
