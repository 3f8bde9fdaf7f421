import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// A rule whose fields the system source does not map is skipped and said so, not run on
/// nothing (which would pass every household as clean).
final class PipelineConfigRuleFieldsTests: XCTestCase {
    func testUnmappedFields_SkipTheirRulesWithAWarning() throws {
        let config = try TestData.config()  // maps household_id only
        XCTAssertEqual(config.rulesLackingFields.map(\.rule), [.householdYears, .householdType, .householdMeasures, .exitFourLooks])
        XCTAssertFalse(config.checkSettings.rule(.householdMeasures).enabled)
        XCTAssertTrue(config.checkSettings.rule(.householdCause).enabled, "other rules are untouched")
        XCTAssertEqual(config.ruleFieldWarnings.first,
                       "rule household.years skipped: the system source maps no status (脱贫状态), identified_year (识别年度), exit_year (脱贫年度); its households are not checked for it (map the column to run it)")
    }

    func testTheShippedPipelineSkipsNothing() throws {
        let config = try PipelineConfig.load(path: PipelineConfigTests.repo.appendingPathComponent("pipelines/five-unities.yaml").path)
        XCTAssertTrue(config.rulesLackingFields.isEmpty)
        let legacy = try PipelineConfig.load(path: PipelineConfigTests.repo.appendingPathComponent("pipelines/legacy-county.yaml").path)
        XCTAssertTrue(legacy.rulesLackingFields.isEmpty)
    }

    func testADisabledRuleIsNotReported() throws {
        let config = try TestData.config(rules: "  household.years: {enabled: false}\n  household.type: {enabled: false}\n  household.measures: {enabled: false}\n  exit.four_looks: {enabled: false}")
        XCTAssertTrue(config.ruleFieldWarnings.isEmpty)
    }
}
