import XCTest
import TestSupport
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldReport
@testable import FivefoldPipeline

final class CountyAssessmentTests: XCTestCase {
    /// Hand-built counters: 520203 and 520221 identical (a tie), 520222 failing everything,
    /// 520223 exactly half way on every indicator.
    func figures() -> [CountyFigures] {
        var counters = PartCounters()
        typealias C = PartCounters.County
        let good = C(households: 100, registeredPoor: 2, exited: 10, suspectedWrongExit: 0, answered: 100, approving: 95)
        counters.counties["520221"] = good
        counters.counties["520203"] = good
        counters.counties["520222"] = C(households: 100, registeredPoor: 10, exited: 10, suspectedWrongExit: 5, answered: 100, approving: 60)
        counters.counties["520223"] = C(households: 100, registeredPoor: 13, exited: 50, suspectedWrongExit: 3, answered: 100, approving: 80)
        for k in ["520203", "520221"] { counters.counties[k]!.poorHouseholds = 1 }
        counters.counties["520222"]!.poorHouseholds = 1
        counters.counties["520222"]!.suspectedWrongInclusion = 1
        counters.counties["520223"]!.poorHouseholds = 50
        counters.counties["520223"]!.suspectedWrongInclusion = 3
        func village(_ code: String, _ population: Int) -> VillageClassRule.Village {
            .init(regionCode: code, name: "", population: population, registeredPoor: 0, households: 0, incidence: nil, computedClass: nil, recordedClass: "")
        }
        let villages = [village("520203100201", 100), village("520221100201", 100), village("520222100201", 100), village("520223100201", 200)]
        return CountyFigures.compute(counters: counters, villages: villages)
    }

    let extra: [String: CountyAssessment.Extra] = [
        "520203": .init(findings: 5), "520221": .init(findings: 5),
        "520222": .init(findings: 200, previousPoorRuns: 1),
        "520223": .init(findings: 55, closed: 40, recorded: 100),
    ]

    func testRanking_ScoresTiersAndTheTiebreak() {
        let ranked = CountyAssessment.rank(figures().reversed(), extra: extra, names: ["520203": "六枝特区"], settings: AssessmentSettings())
        XCTAssertEqual(ranked.map(\.county), ["520203", "520221", "520223", "520222"], "equal scores rank by county code")
        XCTAssertEqual(ranked.map(\.rank), [1, 2, 3, 4])
        XCTAssertEqual(ranked.map(\.score), [100, 100, 50, 0])
        XCTAssertEqual(ranked.map(\.tier), ["好", "好", "较差", "较差"])
        XCTAssertEqual(ranked.map(\.poorRuns), [0, 0, 1, 2])
        XCTAssertEqual(ranked.map(\.interview), [false, false, false, true], "约谈 from the second 较差 run in a row")
        XCTAssertNil(ranked[0].values[.closure], "no earlier run: closure left out of the score")
        XCTAssertEqual(ranked[2].values[.closure], 40)
        XCTAssertEqual(ranked[0].row.prefix(5), ["1", "520203", "六枝特区", "100.00", "好"])
        XCTAssertEqual(CountyAssessment.header.count, ranked[0].row.count)
    }

    func testRanking_SameWhateverTheInputOrder() {
        let a = CountyAssessment.rank(figures(), extra: extra, names: [:], settings: AssessmentSettings())
        let b = CountyAssessment.rank(figures().reversed(), extra: extra, names: [:], settings: AssessmentSettings())
        XCTAssertEqual(a, b)
    }

    func testSettings_FromThePipeline() throws {
        let dir = TestTemporaryFolder.root.appendingPathComponent("fivefold-assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("p.yaml").path
        try """
            sources:
              system:
                households: {file: h.csv, fields: {household_id: 户编号}}
            assessment:
              indicators:
                approval: {weight: 100}
                incidence: {weight: 0}
              tiers: {好: 95, 较好: 60, 一般: 40}
              flag_after: 3
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let settings = try PipelineConfig.load(path: file).assessment
        XCTAssertEqual(settings.scales[.approval]?.weight, 100)
        XCTAssertEqual(settings.scales[.approval]?.good, 90, "keys left out keep their defaults")
        XCTAssertEqual(settings.tier(59.99), "一般")
        XCTAssertEqual(settings.flagAfter, 3)
        let ranked = CountyAssessment.rank(figures(), extra: extra, names: [:], settings: settings)
        XCTAssertEqual(ranked.first { $0.county == "520222" }?.interview, false, "2 较差 runs are not yet 3")

        try """
            sources:
              system:
                households: {file: h.csv, fields: {household_id: 户编号}}
            assessment:
              indicators:
                approvals: {weight: 1}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PipelineConfig.load(path: file)) { error in
            XCTAssertTrue("\(error)".contains("assessment.indicators.approvals: unknown indicator \"approvals\""), "\(error)")
        }
    }
}
