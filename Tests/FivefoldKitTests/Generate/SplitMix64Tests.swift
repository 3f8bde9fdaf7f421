import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

// `FivefoldKit.` because the Normalize tests declare a test-local SplitMix64 of their own.
final class SplitMix64Tests: XCTestCase {
    /// Guards the dataset format: SplitMix64's reference outputs (Vigna's splitmix64.c) for seed 0.
    func testNext_MatchesReferenceSequence() {
        var rng = FivefoldGenerate.SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(rng.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(rng.next(), 0x06C4_5D18_8009_454F)
    }

    func testBelow_StaysInRangeAndCoversIt() {
        var rng = FivefoldGenerate.SplitMix64(seed: 42, index: 7, stream: 1)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let v = rng.below(10)
            XCTAssertTrue((0..<10).contains(v))
            seen.insert(v)
        }
        XCTAssertEqual(seen.count, 10)
    }

    func testStreams_DifferByIndexAndStream() {
        var a = FivefoldGenerate.SplitMix64(seed: 1, index: 1, stream: 1)
        var b = FivefoldGenerate.SplitMix64(seed: 1, index: 2, stream: 1)
        var c = FivefoldGenerate.SplitMix64(seed: 1, index: 1, stream: 2)
        let x = a.next()
        XCTAssertNotEqual(x, b.next())
        XCTAssertNotEqual(x, c.next())
    }
}
