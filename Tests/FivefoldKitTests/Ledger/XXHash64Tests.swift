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

/// Guards the input fingerprints: XXH64 must match the reference (xxhsum -H1) whatever the chunking.
final class XXHash64Tests: XCTestCase {
    func testReferenceVectors() {
        // Reference values from the xxHash reference implementation.
        XCTAssertEqual(XXHash64.hex(Data()), "ef46db3751d8e999")
        XCTAssertEqual(XXHash64.hex(Data("abc".utf8)), "44bc2cf5ad770999")
        XCTAssertEqual(XXHash64.hex(Data("Nobody inspects the spammish repetition".utf8)), "fbcea83c8a378bf1")
        let bytes = Data((0..<1280).map { UInt8($0 % 256) })
        XCTAssertEqual(XXHash64.hex(bytes), "afc184ad7938a354")
    }

    func testStreaming_AnyChunkingGivesTheSameHash() {
        let bytes = Data((0..<1280).map { UInt8($0 % 256) })
        for chunk in [1, 3, 7, 31, 32, 33, 100, 1279] {
            var h = XXHash64()
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunk, bytes.count)
                h.update(bytes.subdata(in: offset..<end))
                offset = end
            }
            XCTAssertEqual(h.hexDigest(), "afc184ad7938a354", "chunk \(chunk)")
        }
    }

    func testFile() throws {
        let path = TestTemporaryFolder.root.appendingPathComponent("xxh-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("Nobody inspects the spammish repetition".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try XXHash64.hex(contentsOf: path), "fbcea83c8a378bf1")
    }
}
