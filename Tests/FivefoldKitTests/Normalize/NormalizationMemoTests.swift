import XCTest
@testable import FivefoldKit

final class NormalizationMemoTests: XCTestCase {
    private let normalizer = ShippedVocabulary.normalizer

    func testMemo_ReturnsWhatTheNormalizerReturns_ForRepeatsAndLookAlikes() {
        let memo = NormalizationMemo(normalizer: normalizer, capacities: [16, 16])
        // Same-looking spellings with different bytes (full-width, NFD vs NFC, spaces) must not
        // share an entry: each gets the normaliser's own answer.
        let raws = ["健康", " 健康 ", "健康", "長期慢性病", "大病", "大病", "", "？", "e\u{301}", "\u{e9}", "1", "１"]
        let kind = FieldKind.enumeration("health")
        for _ in 0..<3 {
            for raw in raws {
                XCTAssertEqual(memo.normalize(raw, kind: kind, slot: 0), normalizer.normalize(raw, kind: kind), raw)
                XCTAssertEqual(memo.normalize(raw, kind: .integer, slot: 1), normalizer.normalize(raw, kind: .integer), raw)
            }
        }
    }

    func testMemo_AFieldWhoseValuesDoNotRepeatIsStillNormalisedCorrectly() {
        let memo = NormalizationMemo(normalizer: normalizer, capacities: [64])
        for i in 0..<200 {
            let raw = "\(i)人"
            XCTAssertEqual(memo.normalize(raw, kind: .integer, slot: 0).normalized, "\(i)")
        }
    }

    func testByteKey_ComparesBytesNotCanonicalEquivalence() {
        XCTAssertNotEqual(ByteKey("e\u{301}"), ByteKey("\u{e9}"), "Swift's String == would call these equal")
        XCTAssertEqual(ByteKey("健康"), ByteKey(String(decoding: Array("健康".utf8), as: UTF8.self)))
        XCTAssertEqual(Set([ByteKey("a"), ByteKey("a"), ByteKey("b")]).count, 2)
    }
}
