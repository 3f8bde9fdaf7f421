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
}
