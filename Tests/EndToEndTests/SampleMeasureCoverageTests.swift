import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldReport
@testable import FivefoldPipeline

/// The sample run's 帮扶措施 coverage (summary.json `measure_coverage`, report.html `measures`).
final class SampleMeasureCoverageTests: XCTestCase {
    func testSummary_HasCoveragePerVillageAndForAll() throws {
        let coverage = try XCTUnwrap(SampleRunTests.run.summary.measureCoverage)
        XCTAssertEqual(coverage.map(\.regionCode), ["520203100201", "520203100202", "520203101201", "520203101202", "all"])
        let all = try XCTUnwrap(coverage.last)
        XCTAssertEqual(all.registeredHouseholds, 47)
        // Every household with a student has 教育资助 in the sample: 30 of them.
        XCTAssertEqual(all.categories.first { $0.category == "教育资助" }?.households, 30)
        let json = try String(contentsOfFile: SampleRunTests.run.out + "/summary.json", encoding: .utf8)
        XCTAssertTrue(json.contains("\"measure_coverage\""))
        let html = try String(contentsOfFile: SampleRunTests.run.out + "/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<section id=\"measures\">") && html.contains("<th class=\"num\">教育资助</th>"))
    }
}
