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

/// The shipped pipeline, unchanged and without `--as-of`, on data generated as of today: its
/// `as_of` is the run date, so clean households raise no age, birth-date or school-age finding
/// (with a pinned 2020 date, every told age disagreed and children born since were "invalid").
final class TodayDatedRunTests: XCTestCase {
    func testShippedPipeline_OnDataDatedTodayRaisesNoDateFindingOnCleanHouseholds() throws {
        let base = TestTemporaryFolder.root.appendingPathComponent("fivefold-today-\(UUID().uuidString)")
        let input = base.appendingPathComponent("dataset").path
        let out = base.appendingPathComponent("out").path
        var options = GeneratorOptions(households: 800, seed: 4242, outputFolder: input, defectRate: 0.2, noiseRate: 0.3)
        let today = CivilDate.today()
        options.asOf = SyntheticDate(year: today.year, month: today.month, day: today.day)
        try DatasetGenerator(options: options).run()
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        XCTAssertNil(config.asOf, "the shipped pipeline pins no date")
        let summary = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, useLedger: false)).run()
        XCTAssertEqual(summary.asOf, today.iso)

        let members = try CSVTable(path: input + "/system/members.csv").rows
        XCTAssertTrue(members.contains { $0["文化程度"] == "学龄前儿童" }, "preschool children as the national system writes them")
        let truth = try CSVTable(path: input + "/truth.csv").rows
        let planted = Set(truth.map { $0["household_id"]! })
        let findings = try CSVTable(path: out + "/findings.csv").rows
        XCTAssertGreaterThan(findings.count, 100)
        let clean = findings.filter { !$0["household_id"]!.isEmpty && !planted.contains($0["household_id"]!) }
        let dated = clean.filter { f in
            ["age", "birth_date", "in_school", "education"].contains(f["field"]!) || f["rule"] == "exit.education"
                || (f["rule"] == "id.format" && f["message"]!.contains("晚于"))
        }
        XCTAssertTrue(dated.isEmpty, "\(dated.count) date findings on clean households: \(dated.prefix(5).map { "\($0["rule"]!) \($0["field"]!): \($0["message"]!)" })")
        XCTAssertTrue(clean.isEmpty, "\(clean.count) findings on clean households: \(clean.prefix(5).map { "\($0["rule"]!) \($0["field"]!): \($0["message"]!)" })")
        // Inspected in the months before today (the generator pinned 2020 before): no stale-data warning.
        XCTAssertFalse(summary.warnings.contains { $0.hasPrefix("as_of is the run date") }, "\(summary.warnings)")
    }

    /// Last year's dump run without --as-of: every age and exit check was computed for today and
    /// the interview's undated told ages compared with today's ages — the sample gave 226
    /// findings instead of 59 (171 false age mismatches), exit 0, nothing said. Now a warning names
    /// the newest date the data holds and the fix; with --as-of (or as_of pinned) nothing is said.
    func testLastYearsDumpWithoutAsOf_IsWarned() throws {
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let base = TestTemporaryFolder.root.appendingPathComponent("fivefold-stale-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let undated = try PipelineRunner(config: config, options: .init(inputFolder: SampleRunTests.sample, outputFolder: base + "/a", useLedger: false)).run()
        let today = CivilDate.today()
        let warning = try XCTUnwrap(undated.warnings.first { $0.hasPrefix("as_of is the run date, \(today.iso), but the newest date the data holds is 2020-09-22 (核查日期, verification)") }, "\(undated.warnings)")
        XCTAssertTrue(warning.hasSuffix("If the data was taken around 2020-09-22, run with --as-of (the date it was taken, e.g. 2020-12-31) or pin as_of in the pipeline"), warning)
        let dated = try PipelineRunner(config: config, options: .init(inputFolder: SampleRunTests.sample, outputFolder: base + "/b", asOf: SampleRunTests.asOf, useLedger: false)).run()
        XCTAssertFalse(dated.warnings.contains { $0.hasPrefix("as_of is the run date") })
        XCTAssertEqual(dated.findings, 59)
        var pinned = config
        pinned.asOf = "2021-06-30"
        let pinnedRun = try PipelineRunner(config: pinned, options: .init(inputFolder: SampleRunTests.sample, outputFolder: base + "/c", useLedger: false)).run()
        XCTAssertFalse(pinnedRun.warnings.contains { $0.hasPrefix("as_of is the run date") }, "a pinned as_of is the user's choice")
    }
}
