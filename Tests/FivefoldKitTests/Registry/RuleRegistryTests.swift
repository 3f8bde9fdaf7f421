import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldPipeline
@testable import FivefoldIO
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldGenerate

/// The rule registry is the one list of rules: ids unique, every id the sources name registered,
/// and the defaults it declares the ones the shipped pipeline writes out.
final class RuleRegistryTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testRegistry_IDsAreUniqueAndWellFormed() {
        let ids = RuleRegistry.ids.map(\.rawValue)
        XCTAssertEqual(Set(ids).count, ids.count, "an id is registered twice")
        for id in ids {
            XCTAssertNotNil(id.range(of: #"^[a-z]+\.[a-z_]+$"#, options: .regularExpression), "\(id) is not family.name")
        }
        for entry in RuleRegistry.entries {
            XCTAssertFalse(entry.title.isEmpty, "\(entry.id) has no Chinese title")
            XCTAssertFalse(entry.summary.isEmpty, "\(entry.id) has no description")
            XCTAssertEqual(Set(entry.parameters.map(\.name)).count, entry.parameters.count, "\(entry.id) declares a parameter twice")
        }
    }

    func testFamily_IsThePartBeforeTheDot() {
        XCTAssertEqual(RuleID.unifyMismatch.family, "unify")
        XCTAssertEqual(RuleID.duplicateHouseholdID.family, "duplicate")
        XCTAssertEqual(RuleRegistry.entry(.exitIncome)?.family, "exit")
    }

    /// Regression: a repeated 户编号 was reported under `duplicate.household`, an id that means one
    /// person head of several households. Every `family.name` literal in Sources must be a
    /// registered id, so a rule cannot emit an id nobody lists, and it may only be spelt in
    /// RuleID.swift: everything else (rules, assembly, generator labels) uses the constants.
    func testEveryRuleIDNamedInSourcesIsRegistered() throws {
        let families = Set(RuleRegistry.ids.map(\.family))
        let fileSuffixes: Set<String> = ["yaml", "csv", "json", "xml", "html", "bin", "xlsx", "gz", "ledger"]
        let registered = Set(RuleRegistry.ids.map(\.rawValue))
        let sources = Self.repo.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        let literal = try NSRegularExpression(pattern: #""([a-z]+)\.([a-z_]+)""#)
        var named: Set<String> = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in literal.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let family = String(text[Range(match.range(at: 1), in: text)!])
                let name = String(text[Range(match.range(at: 2), in: text)!])
                guard families.contains(family), !fileSuffixes.contains(name) else { continue }
                let id = "\(family).\(name)"
                named.insert(id)
                XCTAssertTrue(registered.contains(id), "\(file) names rule \(id), which RuleRegistry does not list")
                if file != "FivefoldModel/Model/RuleID.swift" {
                    XCTFail("\(file) spells rule \(id) as a string literal: use its RuleID constant (RuleID.swift is the one place ids are spelt)")
                }
            }
        }
        XCTAssertTrue(named.isSuperset(of: registered), "every registered id has its RuleID constant: missing \(registered.subtracting(named).sorted())")
    }

    /// `pipelines/five-unities.yaml` writes every parameter out with its default: they agree.
    func testShippedPipelineWritesTheRegisteredDefaults() throws {
        let config = try PipelineConfig.load(path: Self.repo.appendingPathComponent("pipelines/five-unities.yaml").path)
        var compared = 0
        for entry in RuleRegistry.entries {
            XCTAssertEqual(config.rules[entry.id.rawValue]?.severity, entry.severity, "\(entry.id): severity in the pipeline")
            for parameter in entry.parameters {
                XCTAssertEqual(config.rules[entry.id.rawValue]?.parameters[parameter.name], parameter.defaultValue, "\(entry.id).\(parameter.name)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 25)
    }

    func testContext_ReadsTheRegisteredDefaultWhenThePipelineLeavesAParameterOut() throws {
        let context = try TestData.context(rules: "  value.invalid: {params: {max_age: 99}}")
        XCTAssertEqual(context.number(.valueInvalid, "max_age"), 99)
        XCTAssertEqual(context.number(.valueInvalid, "max_household_size"), 20)
        XCTAssertEqual(context.list(.exitHousing, "unsafe_grades"), ["C", "D"])
        XCTAssertEqual(context.table(.exitIncome, "poverty_lines")["2020"], 4000)
    }

    func testMarkdownTable_HasOneRowPerRule() {
        let rows = RuleRegistry.markdownTable().split(separator: "\n").filter { $0.hasPrefix("| `") }
        XCTAssertEqual(rows.map { String($0.dropFirst(3).prefix { $0 != "`" }) }, RuleRegistry.ids.map(\.rawValue))
        XCTAssertTrue(RuleRegistry.markdownTable().contains("| `eligibility.business` | eligibility | "))
        XCTAssertTrue(RuleRegistry.markdownTable().contains("`min_registered_capital` 10 (万元)"))
        XCTAssertTrue(RuleRegistry.markdownTable().contains("`poverty_lines` {2014: 2800, 2015: 2855, 2016: 2952, 2017: 2952, 2018: 2995, 2019: 3218, 2020: 4000}"))
    }
}
