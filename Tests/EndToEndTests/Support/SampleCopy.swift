import Foundation
import TestSupport
import XCTest

/// A copy of `fixtures/sample` in a temporary folder (removed when the test ends), with the
/// output folder and ledger of its nightly runs beside it.
struct SampleCopy {
    let base: String
    var input: String { base + "/in" }
    var out: String { base + "/out" }
    var ledger: String { base + "/ledger.sqlite" }

    init(_ test: XCTestCase) throws {
        let fm = FileManager.default
        base = TestTemporaryFolder.root.appendingPathComponent("fivefold-sample-\(UUID().uuidString)").path
        try fm.createDirectory(atPath: base, withIntermediateDirectories: true)
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: base + "/in")
        let base = base
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: base) }
    }

    /// `fivefold run PIPELINE` on the copy, with its ledger, as of the sample's date, quietly.
    func runArguments(pipeline: String = SampleRunTests.pipeline) -> [String] {
        ["run", pipeline, "--input", input, "--out", out, "--ledger", ledger, "--as-of", SampleRunTests.asOf, "-q"]
    }
}
