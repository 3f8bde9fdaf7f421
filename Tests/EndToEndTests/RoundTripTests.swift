import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Running again on the corrected dataset: what was corrected is settled, nothing else moves.
final class RoundTripTests: XCTestCase {
    func testRoundTrip_CorrectedDatasetRaisesNoFindingOnCorrectedFieldsAndNothingElseChanges() throws {
        let fm = FileManager.default
        let first = SampleRunTests.run.out
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)

        // A second input folder: the fixture with system/ replaced by the corrected tables.
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-roundtrip-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        for name in try fm.contentsOfDirectory(atPath: first + "/corrected") {
            let target = input + "/system/" + name
            try fm.removeItem(atPath: target)
            try fm.copyItem(atPath: first + "/corrected/" + name, toPath: target)
        }
        let second = input + "-out"
        try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: second, asOf: SampleRunTests.asOf)).run()

        let before = try CSVTable(path: first + "/findings.csv").rows
        let after = try CSVTable(path: second + "/findings.csv").rows
        let corrections = try CSVTable(path: first + "/corrections.csv").rows
        XCTAssertFalse(corrections.isEmpty)

        // On a corrected field the system now holds the settled value: a finding may remain only
        // where another source still has to be fixed in the field, and it says so.
        let correctedKeys = Set(corrections.map { [$0["household_id"]!, $0["member_id"]!, $0["field"]!] })
        for f in after where correctedKeys.contains([f["household_id"]!, f["member_id"]!, f["field"]!]) {
            XCTAssertEqual(f["action"], "worklist", "\(f)")
            XCTAssertTrue(f["message"]!.contains("系统无需更正"), "corrected field still disagrees with the system: \(f)")
        }
        XCTAssertTrue(try CSVTable(path: second + "/corrections.csv").rows.isEmpty, "nothing left to correct")

        // Every other finding is the same finding (same id, same rule) as before.
        let expected = Set(before.filter { $0["action"] != "corrected" }.map { $0["finding_id"]! })
        let actual = Set(after.map { $0["finding_id"]! })
        XCTAssertEqual(actual.subtracting(expected), [], "new findings after correcting")
        XCTAssertEqual(expected.subtracting(actual), [], "findings that vanished without a correction")

        // And the second corrected dataset is byte-identical to its input.
        for name in try fm.contentsOfDirectory(atPath: second + "/corrected") {
            XCTAssertEqual(fm.contents(atPath: second + "/corrected/" + name), fm.contents(atPath: input + "/system/" + name), name)
        }
    }
}
