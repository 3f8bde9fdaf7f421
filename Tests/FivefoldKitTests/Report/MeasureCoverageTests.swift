import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// 帮扶措施 coverage per village: counted per partition, summed, kept through the part files.
final class MeasureCoverageTests: XCTestCase {
    func household(_ id: String, region: String, status: String, measures: String) -> HouseholdCase {
        TestData.case([TestData.household(
            [.householdID: id, .regionCode: region, .village: "村\(region.suffix(1))", .status: status, .measures: measures],
            members: [TestData.member([.name: "户主\(id)", .relation: "户主"])])])
    }

    func testCoverage_CountsRegisteredHouseholdsPerCategoryAndSurvivesPartFiles() throws {
        let cases = [
            household("H1", region: "520203100201", status: "未脱贫", measures: "易地扶贫搬迁、雨露计划"),
            household("H2", region: "520203100201", status: "已脱贫", measures: "产业扶持"),
            household("H3", region: "520203100201", status: "非贫困户", measures: "产业扶持"),
            household("H4", region: "520203100202", status: "返贫", measures: ""),
        ]
        let table = MeasureCategories.defaults
        let counters = PartCounters(cases: cases, unregistered: [], findings: [], measureCategories: table)
        XCTAssertEqual(counters.villages["520203100201"]?.registered, 2, "非贫困户 is not counted")
        XCTAssertEqual(counters.villages["520203100201"]?.measures, ["易地搬迁": 1, "教育资助": 1, "产业扶持": 1])
        XCTAssertEqual(PartCounters(rows: counters.rows), counters, "the part file keeps the coverage")
        var twice = counters
        twice.add(counters)
        XCTAssertEqual(twice.villages["520203100201"]?.measures["产业扶持"], 2)

        let coverage = MeasureCoverage.compute(counters: counters, categories: table.map(\.name))
        XCTAssertEqual(coverage.map(\.regionCode), ["520203100201", "520203100202", "all"])
        XCTAssertEqual(coverage[0].categories.first { $0.category == "产业扶持" }?.percent, 50)
        XCTAssertEqual(coverage[1].categories.first { $0.category == "产业扶持" }?.percent, 0, "a household without measures counts as uncovered")
        XCTAssertEqual(coverage[2].registeredHouseholds, 3)
    }

    func testNoCategories_NoCoverage() {
        let counters = PartCounters(cases: [household("H1", region: "520203100201", status: "未脱贫", measures: "产业扶持")], unregistered: [], findings: [])
        XCTAssertEqual(counters.villages["520203100201"]?.registered, 0)
        XCTAssertTrue(MeasureCoverage.compute(counters: counters, categories: []).isEmpty)
    }
}
