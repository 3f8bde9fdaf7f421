import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldPipeline

/// `monitor.edge`: the band is `[line, monitoring line)`; at as_of 2020-12-31 the default line is
/// 4000 and the monitoring line 1.5 × 4000 = 6000.
final class MonitorEdgeRuleTests: XCTestCase {
    func household(_ status: String, income: String) -> HouseholdCase {
        let head = TestData.member([.name: "王大", .relation: "户主", .birthDate: "1970-01-01", .idNumber: TestData.id(birth: "19700101", serial: 1, male: true)])
        return TestData.case([TestData.household(
            [.householdID: "H1", .regionCode: "520203100201", .status: status, .exitYear: "2019", .incomePerCapita: income, .houseGrade: "A"],
            members: [head])])
    }

    func run(_ status: String, _ income: String, rules: String = "", asOf: String = "2020-12-31") throws -> [Finding] {
        TestData.findings(MonitorEdgeRule(), household(status, income: income), context: try TestData.context(rules: rules, asOf: asOf))
    }

    func testBand_LineIncludedMonitoringLineExcluded() throws {
        for status in ["已脱贫", "边缘户", "非贫困户"] {
            XCTAssertEqual(try run(status, "4000").map(\.rule), ["monitor.edge"], "\(status) at the line is listed")
            XCTAssertEqual(try run(status, "5999.99").map(\.rule), ["monitor.edge"], "\(status) just below 1.5 × line is listed")
            XCTAssertTrue(try run(status, "6000").isEmpty, "\(status) exactly at 1.5 × line is not listed")
            XCTAssertTrue(try run(status, "8000").isEmpty)
        }
    }

    func testListEntries_AreInfoWithoutWorklist_WhateverTheConfiguredSeverity() throws {
        let f = try XCTUnwrap(try run("已脱贫", "5000", rules: "  monitor.edge: {severity: error}").first)
        XCTAssertEqual(f.severity, .info)
        XCTAssertEqual(f.action, .info)
        XCTAssertEqual(f.field, "income_per_capita")
        XCTAssertEqual(f.valuesText, "system=5000;line=4000;monitor_line=6000")
        XCTAssertTrue(f.message.contains("脱贫不稳定户"), f.message)
    }

    func testEdgeHouseholdBelowTheLine_IsASuspectedOmissionOnTheWorklist() throws {
        let below = try run("边缘户", "3999")
        XCTAssertEqual(below.map(\.rule), ["monitor.edge"])
        XCTAssertEqual(below.first?.severity, .warning)
        XCTAssertEqual(below.first?.action, .worklist)
        XCTAssertEqual(below.first?.field, "status")
        XCTAssertTrue(below.first?.message.contains("疑似漏评") ?? false)
        // Below the line, an exited or non-poor household is not this rule's (exit.income judges exits).
        XCTAssertTrue(try run("已脱贫", "3999").isEmpty)
        XCTAssertTrue(try run("非贫困户", "3999").isEmpty)
    }

    func testRegisteredPoor_AreNotMonitored() throws {
        XCTAssertTrue(try run("未脱贫", "5000").isEmpty)
        XCTAssertTrue(try run("返贫", "5000").isEmpty)
    }

    func testFactorAndExplicitLines_ComeFromThePipeline() throws {
        XCTAssertEqual(try run("已脱贫", "7000", rules: "  monitor.edge: {params: {line_factor: 2}}").map(\.rule), ["monitor.edge"])
        XCTAssertTrue(try run("已脱贫", "8000", rules: "  monitor.edge: {params: {line_factor: 2}}").isEmpty)
        // An explicit monitoring line for 2020 replaces the factor; at the line it is not listed.
        let explicit = "  monitor.edge: {params: {monitor_lines: {2020: 5000}}}"
        XCTAssertEqual(try run("已脱贫", "4999", rules: explicit).map(\.rule), ["monitor.edge"])
        XCTAssertTrue(try run("已脱贫", "5000", rules: explicit).isEmpty)
    }

    func testLine_IsTheLatestYearNotAfterAsOf() throws {
        // as_of 2022: no 2022 line, so 2020's 4000 applies; as_of 2019: 3218, band up to 4827.
        XCTAssertEqual(try run("已脱贫", "4000", asOf: "2022-06-30").map(\.rule), ["monitor.edge"])
        XCTAssertEqual(try run("已脱贫", "3218", asOf: "2019-12-31").map(\.rule), ["monitor.edge"])
        XCTAssertTrue(try run("已脱贫", "4827", asOf: "2019-12-31").isEmpty)
    }

    func testDisabled_EmitsNothing() throws {
        XCTAssertTrue(try run("已脱贫", "5000", rules: "  monitor.edge: {enabled: false}").isEmpty)
        XCTAssertTrue(try run("边缘户", "100", rules: "  monitor.edge: {enabled: false}").isEmpty)
    }
}
