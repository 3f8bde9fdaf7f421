import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// The structured rule parameters (`household.type` types, `household.measures` categories):
/// a malformed table stops the load with one message naming the key and what was expected.
final class PipelineConfigRuleTablesTests: XCTestCase {
    private func load(_ rules: String) throws -> PipelineConfig { try TestData.config(rules: rules) }

    private func expectError(_ rules: String, keyPath: String, contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try load(rules)
            XCTFail("expected a PipelineError", file: file, line: line)
        } catch let error as PipelineError {
            XCTAssertEqual(error.keyPath, keyPath, "\(error)", file: file, line: line)
            XCTAssertTrue(error.description.contains(text), "\(error)", file: file, line: line)
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }

    func testTypesTable_ReadsNeedsForbidsUnless() throws {
        let config = try load("  household.type: {params: {types: {政策保障型: {forbids: [two_labourers], unless: [ill_or_disabled]}}}}")
        XCTAssertEqual(config.rule("household.type").parameters["types"],
                       .conditions(["政策保障型": TypeConditions(forbids: ["two_labourers"], unless: ["ill_or_disabled"])]))
    }

    func testTypesTable_Malformed() {
        expectError("  household.type: {params: {types: [农场主型]}}", keyPath: "rules.household.type.params.types",
                    contains: "expected a table of type: {needs: [facts], forbids: [facts], unless: [facts]}")
        expectError("  household.type: {params: {types: {农场主型: [able_to_work]}}}", keyPath: "rules.household.type.params.types.农场主型",
                    contains: "expected {needs: [facts], forbids: [facts], unless: [facts]}")
        expectError("  household.type: {params: {types: {农场主型: {requires: [able_to_work]}}}}", keyPath: "rules.household.type.params.types.农场主型.requires",
                    contains: "unknown key \"requires\"; expected one of: needs, forbids, unless")
        expectError("  household.type: {params: {types: {农场主型: {needs: [able_to_wrk]}}}}", keyPath: "rules.household.type.params.types.农场主型.needs[0]",
                    contains: "expected one of able_to_work, labourer")
    }

    func testCategoriesTable_Malformed() {
        expectError("  household.measures: {params: {categories: [危房改造]}}", keyPath: "rules.household.measures.params.categories",
                    contains: "expected a table of name: [texts]")
        expectError("  household.measures: {params: {categories: {危房改造: []}}}", keyPath: "rules.household.measures.params.categories.危房改造",
                    contains: "expected a list of non-empty keywords")
        expectError("  household.measures: {params: {housing_categories: [危房]}}", keyPath: "rules.household.measures.params.housing_categories",
                    contains: "housing_categories names the measure category \"危房\", which categories does not define")
        expectError("  household.measures: {params: {categories: {产业扶持: [产业]}}}", keyPath: "rules.household.measures.params.categories",
                    contains: "names the measure category \"危房改造\"")
    }
}
