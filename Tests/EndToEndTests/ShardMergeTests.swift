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

    /// `--shard 0/1` (a Slurm array or an indexed Job of one task) writes a shard's parts, not a
    /// whole run's outputs, and the merge of that one folder equals the whole run. Before, it ran
    /// whole and the merge refused its folder ("not a shard output folder").
    func testOneShardOfOne_MergesIntoTheWholeRun() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("fivefold-shard1-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let common = [SampleRunTests.pipeline, "--as-of", SampleRunTests.asOf, "--no-ledger", "-q"]
        let shard = try FivefoldProcess.run(["run"] + common + ["--shard", "0/1", "--out", base + "/shard0"])
        XCTAssertEqual(shard.status, 0, shard.stderr)
        XCTAssertEqual(shard.stdout, "shard 0/1: 48 households, 57 findings before the merge → \(base)/shard0\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: base + "/shard0"), ["_parts"])
        let merge = try FivefoldProcess.run(["merge", SampleRunTests.pipeline, base + "/shard0", "--as-of", SampleRunTests.asOf, "--no-ledger", "-q", "--out", base + "/merged"])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertTrue(merge.stdout.hasPrefix("1 shard: 48 households, 59 findings"), merge.stdout)
        let whole = try FivefoldProcess.run(["run"] + common + ["--out", base + "/whole"])
        XCTAssertEqual(whole.status, 0, whole.stderr)
        let expected = try PartitioningTests.snapshot(base + "/whole")
        let actual = try PartitioningTests.snapshot(base + "/merged")
        XCTAssertEqual(Set(expected.keys), Set(actual.keys))
        for (path, data) in expected { XCTAssertEqual(data, actual[path], path) }
    }
}
