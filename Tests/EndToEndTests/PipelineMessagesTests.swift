import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Issue 13's smaller items: messages that name what the user actually wrote.
final class PipelineMessagesTests: XCTestCase {
    func testNoVocabulary_OutsidePipelinesFolder_SaysWhatIsMissingAndWhere() throws {
        let ws = try NightlyWorkspace()
        try NightlyDataset.standard().write(to: ws.input)
        let text = try String(contentsOfFile: ws.pipeline, encoding: .utf8)
        let without = text.split(separator: "\n").filter { !$0.hasPrefix("vocabulary:") }.joined(separator: "\n") + "\n"
        try Data(without.utf8).write(to: URL(fileURLWithPath: ws.pipeline))
        for command in ["run", "check"] {
            let result = try FivefoldProcess.run([command, ws.pipeline, "-q"].filter { command == "run" || $0 != "-q" })
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertEqual(result.stderr, "fivefold: \(ws.pipeline): vocabulary: the pipeline names no vocabulary (synonym tables) and there is no vocabulary.yaml beside it (looked for \(ws.root)/vocabulary.yaml); add `vocabulary: PATH` naming the shipped pipelines/vocabulary.yaml (relative to this pipeline file) or your own copy\n")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ws.root).sorted(), ["input", "nightly.yaml"])
    }
}
