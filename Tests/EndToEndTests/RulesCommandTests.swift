import Foundation
import XCTest

@testable import FivefoldModel
@testable import FivefoldCheck

/// `fivefold rules`: the registry as the binary prints it, and the README table it generates.
final class RulesCommandTests: XCTestCase {
    /// The README's rule table is `fivefold rules --format markdown`, so the two cannot drift
    /// (scripts/update-readme-rules.sh rewrites it).
    func testReadmeRuleTable_IsTheCommandsMarkdown() throws {
        let result = try FivefoldProcess.run(["rules", "--format", "markdown"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let readme = try String(contentsOf: SampleRunTests.repo.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        let begin = try XCTUnwrap(lines.firstIndex(of: "<!-- rules:begin -->"), "README.md lacks the rules:begin marker")
        let end = try XCTUnwrap(lines.firstIndex(of: "<!-- rules:end -->"), "README.md lacks the rules:end marker")
        let table = lines[(begin + 1)..<end].map { $0 + "\n" }.joined()
        XCTAssertEqual(table, result.stdout, "README.md's rule table is stale: run scripts/update-readme-rules.sh")
    }

    func testRules_ListsEveryRegisteredID() throws {
        let result = try FivefoldProcess.run(["rules"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = Set(result.stdout.components(separatedBy: "\n"))
        for id in RuleRegistry.ids {
            XCTAssertTrue(lines.contains(id.rawValue), "fivefold rules does not list \(id)")
        }
        XCTAssertTrue(result.stdout.contains("    max_household_size: 20   a number"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  family: duplicate   default severity: error   action: worklist\n  户编号重复"), result.stdout)
    }

    func testRules_RefusesAnUnknownFormat() throws {
        let result = try FivefoldProcess.run(["rules", "--format", "html"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("html"), result.stderr)
    }
}
