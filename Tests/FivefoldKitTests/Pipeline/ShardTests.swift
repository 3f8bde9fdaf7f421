import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class ShardTests: XCTestCase {
    func testParse_AcceptsIOverNOnly() {
        XCTAssertEqual(Shard("0/4"), Shard(index: 0, count: 4))
        XCTAssertEqual(Shard("3/4"), Shard(index: 3, count: 4))
        XCTAssertNil(Shard("4/4"))
        XCTAssertNil(Shard("-1/4"))
        XCTAssertNil(Shard("1/0"))
        XCTAssertNil(Shard("1"))
    }

    func testAssign_DealsLargestCountiesToTheLeastLoadedShard() {
        let counties = ["520201": 500, "520202": 300, "520203": 250, "520204": 100, "520221": 90]
        let shards = Shard.assign(counties: counties, count: 2)
        // 500 → 0; 300 → 1; 250 → 1 (300 < 500); 100 → 0 (500 < 550); 90 → 1 (550 < 600).
        XCTAssertEqual(shards, ["520201": 0, "520202": 1, "520203": 1, "520204": 0, "520221": 1])
        XCTAssertEqual(Set(Shard.assign(counties: counties, count: 1).values), [0])
    }

    func testPackedID_RoundTripsDigitsAndX() {
        XCTAssertNotNil(PackedID.pack("52020319900101123X"))
        XCTAssertNotEqual(PackedID.pack("520203199001011230"), PackedID.pack("52020319900101123X"))
        XCTAssertNil(PackedID.pack("5202031990010112"))
        XCTAssertNil(PackedID.pack("52020319900101123A"))
    }
}
