import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class StableHashTests: XCTestCase {
    func testHex_IsStableAcrossCalls() {
        // FNV-1a of the empty string is the offset basis; guards against accidental seed changes.
        XCTAssertEqual(StableHash.hex([""]), "cbf29ce484222325")
        XCTAssertEqual(StableHash.hex(["a"]), "af63dc4c8601ec8c")
    }

    func testHex_SeparatesParts() {
        XCTAssertNotEqual(StableHash.hex(["ab", "c"]), StableHash.hex(["a", "bc"]))
    }

    /// SourceID and FieldID give `Dictionary` their bucket hash from the precomputed hash
    /// (`_rawHashValue(seed:)`), not through `Hasher`: dictionaries and sets keyed by them must
    /// still find every key, tell every key apart, and spread keys over the buckets.
    func testBucketHash_KeysDictionariesOfSourcesAndFields() {
        let names = (0..<5_000).map { "source_\($0)" } + ["system", "archive", "wall", "interview", "verification", "hukou", "signoff"]
        var sources: [SourceID: Int] = [:]
        var fields = Set<FieldID>()
        for (i, name) in names.enumerated() {
            sources[SourceID(name)] = i
            fields.insert(FieldID(name))
        }
        XCTAssertEqual(sources.count, names.count)
        XCTAssertEqual(fields.count, names.count)
        for (i, name) in names.enumerated() {
            XCTAssertEqual(sources[SourceID(name)], i)
            XCTAssertTrue(fields.contains(FieldID(name)))
        }
        XCTAssertNil(sources[SourceID("source_5000")])
        XCTAssertFalse(fields.contains(FieldID("source_5000")))
        XCTAssertEqual(SourceID("wall").hashValue, SourceID(rawValue: "wall").hashValue)
        // The seed changes the bucket, and the low bits (a dictionary's bucket index) of 5 007
        // keys spread as random ones would: 8 192 × (1 − e^(−5 007/8 192)) ≈ 3 746 distinct
        // values expected; a hash that left them alike would put the keys in long probe runs.
        let hash = FieldID("name").hash
        XCTAssertNotEqual(StableHash.bucketHash(hash, seed: 1), StableHash.bucketHash(hash, seed: 2))
        let buckets = Set(names.map { StableHash.bucketHash(SourceID($0).hash, seed: 12345) & 8191 })
        XCTAssertGreaterThan(buckets.count, 3_600)
    }
}
