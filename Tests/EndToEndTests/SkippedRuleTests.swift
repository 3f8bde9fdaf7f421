import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldPipeline

/// A rule needing a field the dump does not have is skipped and said so, whether the pipeline
/// does not map the field or maps it `optional: true` and the file lacks the column: never run on
/// nothing, which would pass every household as clean.
final class SkippedRuleTests: XCTestCase {
    func testOptionalColumnAbsent_SkipsTheRuleWithAWarning() throws {
        let ws = try NightlyWorkspace()
        try NightlyDataset.standard().write(to: ws.input)
        let text = try String(contentsOfFile: ws.pipeline, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "cadre_phone: 责任人电话}", with: "cadre_phone: 责任人电话, household_type: {name: 六型类别, optional: true}}")
        XCTAssertNotEqual(edited, text)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: ws.pipeline))
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains(
            "fivefold: warning: rule household.type skipped: the system source has no household_type (六型类别); its households are not checked for it"), run.stderr)
        let findings = try CSVTable(path: ws.out + "/findings.csv")
        XCTAssertFalse(findings.rows.contains { $0["rule"] == "household.type" }, "skipped, not run on blanks")
        let check = try FivefoldProcess.run(["check", ws.pipeline])
        XCTAssertTrue(check.stderr.contains("rule household.type skipped: the system source has no household_type (六型类别)"), check.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.out + "/summary.json"))) as! [String: Any]
        XCTAssertTrue((summary["warnings"] as? [String] ?? []).contains { $0.hasPrefix("rule household.type skipped") })
    }
}
