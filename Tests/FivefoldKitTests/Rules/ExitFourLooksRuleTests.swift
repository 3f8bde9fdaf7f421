import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class ExitFourLooksRuleTests: XCTestCase {
    /// An exited household: house grade, grain (kg, two members) and the members' labour.
    func exited(grade: String, grain: String, labour: [String], status: String = "已脱贫") -> HouseholdCase {
        let members = labour.enumerated().map { i, l in
            TestData.member([.name: "成员\(i)", .relation: i == 0 ? "户主" : "配偶", .labor: l])
        }
        return TestData.case([TestData.household(
            [.householdID: "H1", .status: status, .exitYear: "2019", .houseGrade: grade, .grainKg: grain, .incomePerCapita: "5000"], members: members)])
    }

    func rules(_ c: HouseholdCase, rules: String = "") throws -> [String] {
        TestData.findings(ExitFourLooksRule(), c, context: try TestData.fullyMappedContext(rules: rules)).map(\.rule)
    }

    func testExitedHouseholdScoringPoorFires() throws {
        // 房 C 25 + 粮 100 kg/person 25 + 劳 none 25 = 75
        XCTAssertEqual(try rules(exited(grade: "C", grain: "200", labour: ["丧失劳动力", "弱劳动力或半劳动力"])), ["exit.four_looks"])
    }

    func testExactlyAtTheCutOffFires_JustBelowDoesNot() throws {
        // 房 B 10 + 粮 25 + 劳 25 = 60 = poor_min
        XCTAssertEqual(try rules(exited(grade: "B", grain: "200", labour: ["丧失劳动力", "丧失劳动力"])), ["exit.four_looks"])
        // 房 B 10 + 粮 300 kg/person 10 + 劳 25 = 45
        XCTAssertEqual(try rules(exited(grade: "B", grain: "600", labour: ["丧失劳动力", "丧失劳动力"])), [])
    }

    func testOnlyExitedHouseholds() throws {
        XCTAssertEqual(try rules(exited(grade: "C", grain: "200", labour: ["丧失劳动力"], status: "未脱贫")), [])
        XCTAssertEqual(try rules(exited(grade: "C", grain: "200", labour: ["丧失劳动力"], status: "返贫")), [])
    }

    func testCutOffAndPointsAreIdentifyFourLooksParameters() throws {
        let c = exited(grade: "B", grain: "600", labour: ["丧失劳动力", "丧失劳动力"])
        XCTAssertEqual(try rules(c, rules: "  identify.four_looks: {params: {poor_min: 45}}"), ["exit.four_looks"])
        XCTAssertEqual(try rules(c, rules: "  exit.four_looks: {enabled: false}\n  identify.four_looks: {params: {poor_min: 45}}"), [])
    }

    func testCountsInTheWrongExitRate() {
        XCTAssertEqual(RuleID.exitFourLooks.family, RuleID.exitIncome.family, "错退率 counts every exit.* finding")
        let c = exited(grade: "C", grain: "200", labour: ["丧失劳动力"])
        let finding = Finding(rule: .exitFourLooks, severity: .warning, householdID: "H1", message: "")
        let counters = PartCounters(cases: [c], unregistered: [], findings: [finding])
        XCTAssertEqual(counters.counties.values.first?.suspectedWrongExit, 1)
    }
}
