import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

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

    func testMemo_ManyDistinctValuesGrowTheTableAndEachKeepsItsOwnResult() {
        let memo = NormalizationMemo(normalizer: normalizer, capacities: [1 << 16])
        let ids = (0..<5000).map { TestData.id(birth: "1970\(String(format: "%02d", 1 + $0 % 12))\(String(format: "%02d", 1 + $0 % 28))", serial: $0 % 500, male: $0 % 2 == 0, region: String(520203 + $0 / 500)) }
        for round in 0..<2 {
            for id in ids {
                XCTAssertEqual(memo.normalize(id, kind: .idNumber, slot: 0), normalizer.normalize(id, kind: .idNumber), "round \(round)")
            }
        }
        XCTAssertEqual(memo.normalize("", kind: .idNumber, slot: 0), normalizer.normalize("", kind: .idNumber))
    }

    /// A column blank in every row: the first value a slot remembers is empty (it crashed the
    /// run before anything was kept, when the memo's byte arena did not exist yet).
    func testMemo_FirstValueEmpty_ThenOthers() {
        let memo = NormalizationMemo(normalizer: normalizer, capacities: [64])
        for raw in ["", "", "4", "", "4人"] {
            XCTAssertEqual(memo.normalize(raw, kind: .integer, slot: 0), normalizer.normalize(raw, kind: .integer), raw)
        }
    }
}
