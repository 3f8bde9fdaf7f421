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

/// Scale-out (issue 8): four county shards plus `merge` write exactly what one whole run
/// writes, byte for byte (summary.json compared without its timings), on generated data with
/// several counties and duplicates across households.
final class ShardMergeTests: XCTestCase {
    func testFourShardsPlusMerge_AreByteIdenticalToTheWholeRun() throws {
        let input = GeneratedQualityTests.run.input
        let whole = GeneratedQualityTests.run.out
        let config = try PipelineConfig.load(path: GeneratedQualityTests.pipeline)
        let base = TestTemporaryFolder.root.appendingPathComponent("fivefold-shards-\(UUID().uuidString)").path
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
        let base = TestTemporaryFolder.root.appendingPathComponent("fivefold-shard1-\(UUID().uuidString)").path
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

    /// Shards of one array that ran at two dates (tasks on either side of midnight without
    /// --as-of) merged with exit 0 into findings computed at both: on 400 generated households
    /// in four counties, shards as of 2020-12-31 and 2023-06-30 merged into 878 findings against
    /// the whole run's 29. The merge now refuses them; without a date of its own it takes the
    /// shards' date (a merge started after midnight), and a date of its own must be theirs.
    /// Shards made with other pipeline contents are refused too.
    func testShardsOfTwoDatesOrPipelines_AreRefused_AndTheMergeTakesTheShardsDate() throws {
        let base = TestTemporaryFolder.root.appendingPathComponent("fivefold-shard-dates-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        func shard(_ i: Int, asOf: String) throws {
            let outcome = try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--shard", "\(i)/2", "--as-of", asOf, "--no-ledger", "-q", "--out", base + "/shard\(i)"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
        }
        func merge(_ extra: [String], pipeline: String = SampleRunTests.pipeline) throws -> FivefoldProcess.Outcome {
            try FivefoldProcess.run(["merge", pipeline, base + "/shard0", base + "/shard1", "--no-ledger", "-q", "--out", base + "/merged"] + extra)
        }
        try shard(0, asOf: "2020-12-31")
        try shard(1, asOf: "2021-06-30")
        let mixed = try merge([])
        XCTAssertEqual(mixed.status, 2)
        XCTAssertEqual(mixed.stderr, "fivefold: \(base)/shard1: shard 1/2 ran as of 2021-06-30, shard 0/2 as of 2020-12-31: every shard and the merge must use one date (ages, deadlines and windows are computed at it); give each the same --as-of\n")

        try shard(1, asOf: "2020-12-31")
        let other = try merge(["--as-of", "2021-01-01"])
        XCTAssertEqual(other.status, 2)
        XCTAssertEqual(other.stderr, "fivefold: --as-of: the shards ran as of 2020-12-31, this merge as of 2021-01-01: give the merge --as-of 2020-12-31, the date the shards used\n")

        // Another pipeline (one threshold changed) beside the same vocabulary.
        let edited = base + "/edited"
        try FileManager.default.createDirectory(atPath: edited, withIntermediateDirectories: true)
        let pipelines = URL(fileURLWithPath: SampleRunTests.pipeline).deletingLastPathComponent().path
        try FileManager.default.copyItem(atPath: pipelines + "/vocabulary.yaml", toPath: edited + "/vocabulary.yaml")
        let text = try String(contentsOfFile: SampleRunTests.pipeline, encoding: .utf8)
        try text.replacingOccurrences(of: "threshold: 0.75", with: "threshold: 0.8").write(toFile: edited + "/p.yaml", atomically: true, encoding: .utf8)
        let changed = try merge([], pipeline: edited + "/p.yaml")
        XCTAssertEqual(changed.status, 2)
        XCTAssertTrue(changed.stderr.contains("this pipeline or its vocabulary files differ from the ones the shards ran with"), changed.stderr)

        let merged = try merge([])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertTrue(merged.stdout.hasPrefix("2 shards: 48 households, 59 findings"), merged.stdout)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base + "/merged/summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["as_of"] as? String, "2020-12-31", "the shards' date, not today's")
    }
}
