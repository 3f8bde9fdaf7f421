import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline

/// `fivefold sample` on the shipped fixture: the stratified 事后抽查 sample recorded in the ledger
/// and written as worklists, signed and imported by `fivefold signoff`, and the next run's
/// audited rates in summary.json and report.html.
final class SampleAuditTests: XCTestCase {
    func testSample_SignedAndAuditedOnTheNextRun() throws {
        let root = TestTemporaryFolder.root.appendingPathComponent("fivefold-sample-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/out", ledger = root + "/out.ledger.sqlite", pipeline = SampleRunTests.pipeline
        let run = ["run", pipeline, "--input", SampleRunTests.sample, "--out", out, "--as-of", SampleRunTests.asOf, "-q"]
        XCTAssertEqual(try FivefoldProcess.run(run).status, 0)

        func draw(seed: Int, folder: String) throws -> [String] {
            let result = try FivefoldProcess.run(["sample", pipeline, "--out", out, "--seed", String(seed), "--size", "10", "--folder", folder])
            XCTAssertEqual(result.status, 0, result.stderr)
            let sample = try XCTUnwrap(Ledger(path: ledger, create: false).latestSample())
            return try Ledger(path: ledger, create: false).sampleItems(of: sample.id!).map { $0.householdID + $0.findingID }.sorted()
        }
        let other = try draw(seed: 8, folder: root + "/s8")
        let first = try draw(seed: 7, folder: root + "/s7a")
        let again = try draw(seed: 7, folder: root + "/samples")
        XCTAssertEqual(first, again, "the same seed on the same run draws the same households")
        XCTAssertNotEqual(first, other, "another seed draws others")
        // 48 households: 39 未脱贫 and 8 已脱贫 in 六枝特区, 1 unregistered without a region code.
        // 10 over 48: 39 → 8 r6, 8 → 1 r32, 1 → 0 r10: the seat left to 已脱贫 (2); the minimum 2
        // lifts the unregistered stratum to its 1 household: 11.
        XCTAssertEqual(first.count, 11)

        let sent = try CSVTable(path: root + "/samples/六枝特区.csv")
        XCTAssertEqual(sent.header, WorklistWriter.header)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/samples/六枝特区.xlsx"))
        XCTAssertEqual(try CSVTable(path: root + "/samples/未知县.csv").rows.map { $0["问题类型"]! }, ["事后抽查：是否漏评"])
        let exited = sent.rows.filter { $0["问题类型"] == "事后抽查：是否错退" }
        XCTAssertEqual(exited.count, 2)
        XCTAssertTrue(sent.rows.allSatisfy { $0["问题编号"]!.hasPrefix("S") })

        // Returned: the first exited household wrongly exited, every other row 不属实.
        let returned = root + "/returned.csv"
        let writer = try CSVWriter(path: returned, encoding: .utf8, bom: true)
        try writer.writeRow(sent.header)
        for item in sent.rows {
            var row = sent.header.map { item[$0] ?? "" }
            func set(_ column: String, _ value: String) { row[sent.header.firstIndex(of: column)!] = value }
            set("核实结果", item["问题编号"] == exited[0]["问题编号"] ? "属实" : "不属实")
            set("核实人", "王小平")
            set("核实日期", "2021-01-08")
            row[sent.header.firstIndex(of: "户编号")!] = item["户编号"]!
            try writer.writeRow(row)
        }
        try writer.close()
        let signoff = try FivefoldProcess.run(["signoff", returned, "--pipeline", pipeline, "--ledger", ledger])
        XCTAssertEqual(signoff.status, 0, signoff.stderr)
        XCTAssertTrue(signoff.stdout.hasPrefix("0 signed results imported, 0 already in the ledger, 10 sample verdicts recorded (0 unchanged), 0 rows refused"), signoff.stdout)
        // A verdict dated before the sampled run (2012 for 2021) is refused, as for worklist items.
        let early = root + "/early.csv"
        let earlyWriter = try CSVWriter(path: early, encoding: .utf8, bom: true)
        try earlyWriter.writeRow(sent.header)
        var earlyRow = sent.header.map { exited[1][$0] ?? "" }
        for (column, value) in [("核实结果", "属实"), ("核实人", "王小平"), ("核实日期", "2012-01-08")] { earlyRow[sent.header.firstIndex(of: column)!] = value }
        try earlyWriter.writeRow(earlyRow)
        try earlyWriter.close()
        let refused = try FivefoldProcess.run(["signoff", early, "--pipeline", pipeline, "--ledger", ledger])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("核实日期: 2012-01-08 is before the sampled run (2020-12-31): no visit can have verified it then; check the year"), refused.stderr)

        let items = try Ledger(path: ledger, create: false).sampleItems(of: 3)
        XCTAssertEqual(items.filter { $0.verdict == .confirmed }.map(\.itemID), [exited[0]["问题编号"]!])
        XCTAssertEqual(items.filter { $0.verdict != nil }.first?.signer, "王小平")

        // The next run: audited 错退率 1 of 2 with its Wilson interval, beside the suspected rate.
        let next = try FivefoldProcess.run(run)
        XCTAssertEqual(next.status, 0, next.stderr)
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        let audit = try XCTUnwrap(summary.audit)
        XCTAssertEqual(audit.sample, 3)
        XCTAssertEqual(audit.sampled, 11)
        XCTAssertEqual(audit.verified, 10)
        let county = try XCTUnwrap(audit.counties.first { $0.county == "520203" })
        let wrongExit = try XCTUnwrap(county.wrongExit)
        XCTAssertEqual([wrongExit.verified, wrongExit.confirmed], [2, 1])
        XCTAssertEqual(wrongExit.percent, 50)
        XCTAssertEqual(wrongExit.lower, 9.45)  // Wilson 95 % for 1/2: 0.0945–0.9055
        XCTAssertEqual(wrongExit.upper, 90.55)
        XCTAssertEqual(wrongExit.suspectedPercent, summary.counties.first { $0.county == "520203" }?.suspectedWrongExitRate.percent)
        XCTAssertNil(county.omission, "no unregistered household of this county was sampled")
        let wrongInclusion = try XCTUnwrap(county.wrongInclusion)
        XCTAssertEqual([wrongInclusion.verified, wrongInclusion.confirmed], [8, 0])
        XCTAssertEqual(wrongInclusion.upper, 32.44, "Wilson 95 % for 0/8: 0–0.3244")
        XCTAssertEqual(audit.counties.first { $0.county == "unknown" }?.pending, 1)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<section id=\"audit\">"))
        XCTAssertTrue(html.contains("95% 置信区间 9.45%–90.55%；1 / 2 户属实"), "audited rate with its interval in report.html")
    }

    func testSignoff_UnknownSampleItemIsRefused() throws {
        let root = TestTemporaryFolder.root.appendingPathComponent("fivefold-sample-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/out"
        XCTAssertEqual(try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", SampleRunTests.sample, "--out", out, "--as-of", SampleRunTests.asOf, "-q"]).status, 0)
        let returned = root + "/returned.csv"
        let writer = try CSVWriter(path: returned, encoding: .utf8, bom: true)
        try writer.writeRow(WorklistWriter.header)
        var row = WorklistWriter.header.map { _ in "" }
        row[0] = "S0123456789abcdef"
        row[WorklistWriter.header.firstIndex(of: "核实结果")!] = "属实"
        row[WorklistWriter.header.firstIndex(of: "核实人")!] = "王小平"
        row[WorklistWriter.header.firstIndex(of: "核实日期")!] = "2021-01-08"
        try writer.writeRow(row)
        try writer.close()
        let result = try FivefoldProcess.run(["signoff", returned, "--pipeline", SampleRunTests.pipeline, "--ledger", out + ".ledger.sqlite"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("问题编号: unknown sample item \"S0123456789abcdef\""), result.stderr)
    }

    func testSample_UsageAndMissingLedger() throws {
        let root = TestTemporaryFolder.root.appendingPathComponent("fivefold-sample-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let zero = try FivefoldProcess.run(["sample", SampleRunTests.pipeline, "--seed", "1", "--size", "0", "--out", root + "/out"])
        XCTAssertEqual(zero.status, 64)
        XCTAssertTrue(zero.stderr.contains("--size must be at least 1"), zero.stderr)
        let noLedger = try FivefoldProcess.run(["sample", SampleRunTests.pipeline, "--seed", "1", "--size", "5", "--out", root + "/out"])
        XCTAssertEqual(noLedger.status, 2)
        XCTAssertTrue(noLedger.stderr.contains("no ledger here: run the pipeline first"), noLedger.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/out.ledger.sqlite"), "no ledger created by a refused sample")
    }
}
