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
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("fivefold-today-\(UUID().uuidString)")
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
    }
}
