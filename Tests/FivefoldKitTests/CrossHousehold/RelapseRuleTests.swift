import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldPipeline

/// `monitor.relapse` on two observations of one household (the ledger side is in
/// RelapseRunTests.testTwoNights_RelapseCarriesBothValuesAndDates).
final class RelapseRuleTests: XCTestCase {
    func run(_ before: (String, String), _ now: (String, String), rules: String = "") throws -> [Finding] {
        let context = try TestData.context(rules: rules)
        var sink = FindingSink(settings: context.settings)
        RelapseRule().check(
            householdID: "H1", regionCode: "520203100201",
            current: .init(income: now.0, status: now.1, asOf: "2021-06-30"),
            previous: .init(income: before.0, status: before.1, asOf: "2020-12-31"), context: context, sink: &sink)
        return sink.findings
    }

    func testIncomeDrop_MoreThan30PercentFires_Exactly30DoesNot() throws {
        XCTAssertTrue(try run(("10000", "已脱贫"), ("7000", "已脱贫")).isEmpty, "exactly 30 % does not fire")
        let f = try XCTUnwrap(try run(("10000", "已脱贫"), ("6999", "已脱贫")).first)
        XCTAssertEqual(f.rule, "monitor.relapse")
        XCTAssertEqual(f.field, "income_per_capita")
        XCTAssertEqual(f.valuesText, "previous=10000;previous_as_of=2020-12-31;current=6999;current_as_of=2021-06-30")
        XCTAssertEqual(f.action, .worklist)
        XCTAssertTrue(f.message.contains("2020-12-31") && f.message.contains("2021-06-30") && f.message.contains("降幅30%"), f.message)
        XCTAssertTrue(try run(("10000", "已脱贫"), ("12000", "已脱贫")).isEmpty, "a rise is not a relapse")
    }

    func testFractionalValues_AreComparedOnTheShare() throws {
        XCTAssertTrue(try run(("3333.3", "边缘户"), ("2333.31", "边缘户")).isEmpty)
        XCTAssertEqual(try run(("3333.3", "边缘户"), ("2333.3", "边缘户")).count, 1)
    }

    func testStatus_ExitedToRelapsedFires_OtherChangesDoNot() throws {
        let f = try run(("8000", "已脱贫"), ("8000", "返贫"))
        XCTAssertEqual(f.map(\.field), ["status"])
        XCTAssertEqual(f.first?.valuesText, "previous=已脱贫;previous_as_of=2020-12-31;current=返贫;current_as_of=2021-06-30")
        XCTAssertTrue(try run(("8000", "未脱贫"), ("8000", "返贫")).isEmpty)
        XCTAssertTrue(try run(("8000", "未脱贫"), ("8000", "已脱贫")).isEmpty)
        // Both at once: two findings, one per field.
        XCTAssertEqual(try run(("8000", "已脱贫"), ("4000", "返贫")).map(\.field).sorted(), ["income_per_capita", "status"])
    }

    func testUnknownOrZeroIncome_DoesNotFire() throws {
        XCTAssertTrue(try run(("", "已脱贫"), ("100", "已脱贫")).isEmpty)
        XCTAssertTrue(try run(("8000", "已脱贫"), ("", "已脱贫")).isEmpty)
        XCTAssertTrue(try run(("0", "已脱贫"), ("0", "已脱贫")).isEmpty)
    }

    /// An unchanged income skips the decimal comparison; at drop_percent 0 any fall fires and
    /// an unchanged income (a 0 % drop, not more than 0 %) does not, whatever its spelling.
    func testUnchangedIncome_NeverFires_AtZeroPercentAnyFallDoes() throws {
        let zero = "  monitor.relapse: {params: {drop_percent: 0}}"
        XCTAssertTrue(try run(("8000", "已脱贫"), ("8000", "已脱贫"), rules: zero).isEmpty)
        XCTAssertTrue(try run(("8000", "已脱贫"), ("8000.00", "已脱贫"), rules: zero).isEmpty)
        XCTAssertEqual(try run(("8000", "已脱贫"), ("7999.99", "已脱贫"), rules: zero).count, 1)
    }

    func testPercentAndSwitch_ComeFromThePipeline() throws {
        XCTAssertEqual(try run(("10000", "已脱贫"), ("8000", "已脱贫"), rules: "  monitor.relapse: {params: {drop_percent: 10}}").count, 1)
        XCTAssertTrue(try run(("10000", "已脱贫"), ("1000", "返贫"), rules: "  monitor.relapse: {enabled: false}").isEmpty)
    }
}
