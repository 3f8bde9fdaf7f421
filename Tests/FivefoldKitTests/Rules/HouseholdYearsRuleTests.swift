import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class HouseholdYearsRuleTests: XCTestCase {
    func household(_ fields: [FieldID: String]) -> HouseholdCase {
        var base: [FieldID: String] = [.householdID: "H1", .status: "已脱贫", .identifiedYear: "2014", .exitYear: "2018"]
        base.merge(fields) { $1 }
        for (k, v) in base where v.isEmpty { base[k] = nil }
        return TestData.case([TestData.household(base, members: [TestData.member([.name: "王大", .relation: "户主"])])])
    }

    func findings(_ fields: [FieldID: String], rules: String = "") throws -> [Finding] {
        TestData.findings(HouseholdYearsRule(), household(fields), context: try TestData.fullyMappedContext(rules: rules))
    }

    func testConsistentYearsRaiseNothing() throws {
        XCTAssertEqual(try findings([:]).count, 0)
        XCTAssertEqual(try findings([.status: "未脱贫", .exitYear: ""]).count, 0)
        XCTAssertEqual(try findings([.status: "返贫", .exitYear: "2017"]).count, 0)
    }

    func testIdentifiedAfterExit_Fires_EqualYearsDoNot() throws {
        XCTAssertEqual(try findings([.identifiedYear: "2019", .exitYear: "2018"]).map(\.field), ["exit_year"])
        XCTAssertEqual(try findings([.identifiedYear: "2018", .exitYear: "2018"]).count, 0, "identified and exited in one year is possible")
    }

    func testStatusAndExitYear() throws {
        XCTAssertEqual(try findings([.exitYear: ""]).map(\.message), ["脱贫状态为已脱贫，但未填脱贫年度"])
        XCTAssertEqual(try findings([.status: "未脱贫"]).map(\.message), ["脱贫状态为未脱贫，却填有脱贫年度2018"])
        XCTAssertEqual(try findings([.status: "返贫", .exitYear: ""]).map(\.message), ["脱贫状态为返贫，但未填此前的脱贫年度"])
        XCTAssertEqual(try findings([.status: "非贫困户", .exitYear: ""]).count, 0)
    }

    func testRange_2014AndAsOfYearPass_OneOutsideFires() throws {
        XCTAssertEqual(try findings([.identifiedYear: "2014", .exitYear: "2020"]).count, 0, "2014 exactly and as_of's year pass")
        XCTAssertEqual(try findings([.identifiedYear: "2013"]).map(\.field), ["identified_year"])
        XCTAssertEqual(try findings([.exitYear: "2021"]).map(\.field), ["exit_year"])
        XCTAssertEqual(try findings([.identifiedYear: "2013"], rules: "  household.years: {params: {min_year: 2013}}").count, 0)
    }

    func testSeveralProblemsAreSeveralFindingsWithDistinctIDs() throws {
        let f = try findings([.status: "未脱贫", .identifiedYear: "2022", .exitYear: "2019"])
        XCTAssertEqual(f.count, 3)
        XCTAssertEqual(Set(f.map(\.id)).count, 3)
    }
}
