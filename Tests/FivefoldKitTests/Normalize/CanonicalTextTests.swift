import XCTest
@testable import FivefoldModel

final class CanonicalTextTests: XCTestCase {
    /// Against `==` on random labels of the shipped code lists, small and large strings: the
    /// same answer for every pair of canonical values.
    func testEquals_AgreesWithStringEqualityOnCanonicalValues() {
        let labels = ["户主", "配偶", "之子", "之女婿", "普通劳动力", "弱劳动力或半劳动力", "非在校生", "学龄前儿童", "A", "", "已脱贫", "返贫",
                      "未脱贫", String(repeating: "技能劳动力", count: 4), "1966-08-12", "男", "女"]
        for a in labels {
            for b in labels { XCTAssertEqual(CanonicalText.equals(a, b), a == b, "\(a) / \(b)") }
        }
        XCTAssertFalse(CanonicalText.equals(nil, "户主"))
        XCTAssertFalse(CanonicalText.equals(nil, ""))
        XCTAssertTrue(CanonicalText.isOne(of: ["之父", "之母"], "之母"))
        XCTAssertFalse(CanonicalText.isOne(of: ["之父", "之母"], nil))
        XCTAssertFalse(CanonicalText.isOne(of: [], "之母"))
    }
}
