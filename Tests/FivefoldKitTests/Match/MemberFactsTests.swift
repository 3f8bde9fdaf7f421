import XCTest
@testable import FivefoldCheck

/// 健康状况 is a set written "残疾、长期慢性病": an item is held when it is one of the 、-separated
/// labels, whole.
final class MemberFactsTests: XCTestCase {
    func testHealthHoldsWholeLabelsOnly() {
        let cases: [(String?, String, Bool)] = [
            ("残疾、长期慢性病", "残疾", true), ("残疾、长期慢性病", "长期慢性病", true), ("残疾、长期慢性病", "慢性病", false),
            ("患有大病", "患有大病", true), ("患有大病", "大病", false), ("患有大病x", "患有大病", false),
            ("健康", "残疾", false), ("", "残疾", false), (nil, "残疾", false), ("残疾、", "残疾", true), ("、残疾", "残疾", true),
            ("长期慢性病、、残疾", "残疾", true), ("", "", false), ("、", "", false),
        ]
        for (value, item, expected) in cases {
            XCTAssertEqual(MemberFacts.health(value, contains: item), expected, "\(value ?? "nil") ∋ \(item)")
            // The same answer as splitting the set.
            XCTAssertEqual(expected, value?.split(separator: "、").contains { $0 == item } ?? false)
        }
    }
}
