import Foundation
import TestSupport
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Shared generated datasets for the Generate tests: each is written once per test process into
/// a temporary folder (generation is deterministic, so sharing cannot hide order effects).
enum GeneratedDatasets {
    /// 2,000 households at defect rate 0.2 and noise rate 0.3: every rule planted, noise in every source.
    static let standard: (folder: String, summary: GeneratorSummary) = generate(households: 2000, seed: 20201231, defectRate: 0.2, noiseRate: 0.3)

    static func generate(households: Int, seed: UInt64, defectRate: Double, noiseRate: Double, counties: Int = 3, workers: Int = 0,
                         folder: String? = nil) -> (folder: String, summary: GeneratorSummary) {
        let out = folder ?? temporaryFolder()
        var options = GeneratorOptions(households: households, seed: seed, outputFolder: out, defectRate: defectRate,
                                       noiseRate: noiseRate, counties: counties)
        options.workers = workers
        let summary = try! DatasetGenerator(options: options).run()
        return (out, summary)
    }

    static func temporaryFolder() -> String {
        TestTemporaryFolder.root.appendingPathComponent("fivefold-gen-\(UUID().uuidString)").path
    }
}

/// Every record of an XML file read through the Ingest reader.
func readXML(_ path: String, record: String, member: String) throws -> (records: [XMLElementRecord], encoding: String, gzipped: Bool) {
    let reader = try XMLRecordReader(path: path, paths: XMLPaths(recordPath: record, memberPath: member))
    var records: [XMLElementRecord] = []
    let result = try reader.read { records.append($0) }
    XCTAssertNil(result.fatal, "\(path) is not well-formed")
    return (records, reader.encodingName, reader.isGzipped)
}
