import Foundation
import TestSupport
import XCTest
@testable import FivefoldModel
@testable import FivefoldPipeline

/// Once every partition has been evaluated, `Partitioner.removeSpills` removes the tables' spill
/// folders and nothing else of the work folder: the assembly still reads the part files.
final class SpillRemovalTests: XCTestCase {
    func testRemoveSpills_RemovesEveryTablesSpillFolder_KeepsTheParts() throws {
        let work = TestTemporaryFolder.root.appendingPathComponent("fivefold-spills-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        let tables = Partitioner.tables(try PipelineConfig.load(path: PipelineConfigTests.repo.appendingPathComponent("pipelines/five-unities.yaml").path))
        XCTAssertGreaterThan(tables.count, 10)
        for table in tables {
            let path = Partitioner.spillPath(work, table: table.index, partition: 3)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        }
        try FileManager.default.createDirectory(atPath: work + "/_parts", withIntermediateDirectories: true)
        try Data("finding_id\n".utf8).write(to: URL(fileURLWithPath: work + "/_parts/findings-3.csv"))

        Partitioner.removeSpills(work, tables: tables)

        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work), ["_parts"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: work + "/_parts/findings-3.csv"))
    }
}
