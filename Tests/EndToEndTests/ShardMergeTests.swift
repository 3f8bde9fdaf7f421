import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Scale-out (issue 8): four county shards plus `merge` write exactly what one whole run
/// writes, byte for byte (summary.json compared without its timings), on generated data with
/// several counties and duplicates across households.
final class ShardMergeTests: XCTestCase {
    func testFourShardsPlusMerge_AreByteIdenticalToTheWholeRun() throws {
        let input = GeneratedQualityTests.run.input
        let whole = GeneratedQualityTests.run.out
        let config = try PipelineConfig.load(path: GeneratedQualityTests.pipeline)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("fivefold-shards-\(UUID().uuidString)").path
        var shardFolders: [String] = []
        var households = 0
        for i in 0..<4 {
            let folder = base + "/shard\(i)"
            let summary = try PipelineRunner(config: config, options: .init(
                inputFolder: input, outputFolder: folder, asOf: "2020-12-31", partitions: 3, shard: Shard(index: i, count: 4))).run()
            households += summary.households
            shardFolders.append(folder)
        }
        let merged = base + "/merged"
        try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: merged, asOf: "2020-12-31")).merge(shardFolders: shardFolders)

        let expected = try PartitioningTests.snapshot(whole)
        let actual = try PartitioningTests.snapshot(merged)
        XCTAssertEqual(Set(expected.keys), Set(actual.keys))
        for (path, data) in expected { XCTAssertEqual(data, actual[path], path) }
        XCTAssertGreaterThan(expected["findings.csv"]?.count ?? 0, 10_000, "the comparison covers real findings")
        let wholeSummary = try JSONSerialization.jsonObject(with: expected["summary.json"]!) as! [String: Any]
        XCTAssertEqual(households, wholeSummary["households"] as? Int, "every system household is in exactly one shard")
    }
}
