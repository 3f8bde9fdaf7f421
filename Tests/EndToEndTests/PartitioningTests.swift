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

/// The number of partitions and shards is an execution detail: it must never change an output.
final class PartitioningTests: XCTestCase {
    /// Every file under `folder`, relative path → bytes; summary.json without its timings.
    static func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: folder)! {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: folder + "/" + path, isDirectory: &isDir), !isDir.boolValue else { continue }
            var data = fm.contents(atPath: folder + "/" + path)!
            if path == "summary.json" {
                var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
                json["timings_seconds"] = nil
                data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
            }
            files[path] = data
        }
        return files
    }

    static func run(_ options: PipelineRunner.Options) throws -> String {
        let out = TestTemporaryFolder.root.appendingPathComponent("fivefold-part-\(UUID().uuidString)").path
        var o = options
        o.inputFolder = SampleRunTests.sample
        o.outputFolder = out
        o.asOf = o.asOf ?? SampleRunTests.asOf
        try PipelineRunner(config: PipelineConfig.load(path: SampleRunTests.pipeline), options: o).run()
        return out
    }

    func testPartitionCount_DoesNotChangeAnyOutput() throws {
        let one = try Self.snapshot(Self.run(.init(jobs: 1, partitions: 1)))
        let many = try Self.snapshot(Self.run(.init(jobs: 2, partitions: 7)))
        XCTAssertEqual(Set(one.keys), Set(many.keys))
        for (path, data) in one { XCTAssertEqual(data, many[path], path) }
        XCTAssertNotNil(one["findings.csv"])
        XCTAssertNotNil(one["corrected/members.csv"])
    }

    /// Regression: the sample's person in two households (黄秀兰, hukou names 020007) told an age
    /// that disagrees as of a later date; the 020006 copy compared it with the hukou birth date when
    /// both households shared a partition and with the system's otherwise. A hukou row is now seen
    /// only by the household it names.
    func testPartitionCount_DoesNotChangeWhichBirthDateAToldAgeIsComparedWith() throws {
        let one = try Self.snapshot(Self.run(.init(asOf: "2026-12-04", jobs: 1, partitions: 1)))
        let many = try Self.snapshot(Self.run(.init(asOf: "2026-12-04", jobs: 2, partitions: 7)))
        let findings = String(decoding: try XCTUnwrap(one["findings.csv"]), as: UTF8.self)
        XCTAssertTrue(findings.contains("5202031002020006,520203199508265628,age,"), "the case this guards must arise")
        for (path, data) in one { XCTAssertEqual(data, many[path], path) }
    }

    func testShardsPlusMerge_EqualOneWholeRun() throws {
        let whole = try Self.snapshot(Self.run(.init(partitions: 3)))
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let shards = try (0..<3).map { i in try Self.run(.init(partitions: 2, shard: Shard(index: i, count: 3))) }
        let merged = TestTemporaryFolder.root.appendingPathComponent("fivefold-merge-\(UUID().uuidString)").path
        try PipelineRunner(config: config, options: .init(inputFolder: SampleRunTests.sample, outputFolder: merged, asOf: SampleRunTests.asOf)).merge(shardFolders: shards)
        let result = try Self.snapshot(merged)
        XCTAssertEqual(Set(whole.keys), Set(result.keys))
        for (path, data) in whole { XCTAssertEqual(data, result[path], path) }
    }

    func testMerge_RefusesAnIncompleteSetOfShards() throws {
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let shard = try Self.run(.init(shard: Shard(index: 0, count: 2)))
        XCTAssertThrowsError(try PipelineRunner(config: config, options: .init(inputFolder: SampleRunTests.sample, outputFolder: shard + "-m", asOf: SampleRunTests.asOf)).merge(shardFolders: [shard])) { error in
            XCTAssertTrue("\(error)".contains("expected the outputs of shards 0…N-1"), "\(error)")
        }
    }
}
