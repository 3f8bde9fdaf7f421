import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// `vocabulary.unknown`: which repeated unknown values are gaps, on both sides of each threshold.
final class VocabularyGapRuleTests: XCTestCase {
    typealias Key = VocabularyGapRule.Key

    func context(_ params: String = "") throws -> RuleContext {
        try TestData.context(rules: params.isEmpty ? "" : "  vocabulary.unknown:\n    params: {\(params)}\n")
    }

    func gaps(count: Int, rows: Int, params: String = "") throws -> Bool {
        let key = Key(source: "system", field: "education", value: "小学文化水平")
        let tallies = [key: VocabularyGapRule.Tally(count: count, examples: ["H1"])]
        return try !VocabularyGapRule.gaps(tallies, rows: ["system|member": rows], context: context(params)).isEmpty
    }

    func testGap_CountThresholdBothSides() throws {
        // 1 000 000 rows: the 0.1 % share is 1 000 rows, so only the count decides.
        XCTAssertFalse(try gaps(count: 4, rows: 1_000_000), "4 < min_count 5: stays value.invalid")
        XCTAssertTrue(try gaps(count: 5, rows: 1_000_000), "5 = min_count: a gap")
        XCTAssertFalse(try gaps(count: 9, rows: 1_000_000, params: "min_count: 10"))
        XCTAssertTrue(try gaps(count: 10, rows: 1_000_000, params: "min_count: 10"))
    }

    func testGap_ShareThresholdBothSides() throws {
        // 3 000 rows: 0.1 % is 3 rows.
        XCTAssertFalse(try gaps(count: 2, rows: 3000), "2 rows = 0.067 %")
        XCTAssertTrue(try gaps(count: 3, rows: 3000), "3 rows = 0.1 %")
        XCTAssertFalse(try gaps(count: 3, rows: 3000, params: "min_share_percent: 0.2"))
        XCTAssertTrue(try gaps(count: 6, rows: 3000, params: "min_share_percent: 0.2"))
    }

    func testGap_AOneOffIsNeverAGapAndTheRuleCanBeOff() throws {
        XCTAssertFalse(try gaps(count: 1, rows: 10), "a value that does not repeat stays value.invalid")
        XCTAssertFalse(try TestData.context(rules: "  vocabulary.unknown: {enabled: false}\n").settings.rule("vocabulary.unknown").enabled)
        let off = try TestData.context(rules: "  vocabulary.unknown: {enabled: false}\n")
        let tallies = [Key(source: "system", field: "education", value: "x"): VocabularyGapRule.Tally(count: 50, examples: [])]
        XCTAssertTrue(VocabularyGapRule.gaps(tallies, rows: ["system|member": 100], context: off).isEmpty)
    }

    func testTally_CountsUnknownCodesPerSourceFieldAndValueWithFiveSmallestExamples() {
        var cases: [HouseholdCase] = []
        for i in (1...7).reversed() {
            let m = MemberRecord(source: .system, location: SourceLocation(file: "m.csv", line: i + 1), fields: FieldMap([
                .name: FieldValue(raw: "张\(i)", normalized: "张\(i)"),
                .education: FieldValue(raw: i % 2 == 0 ? "小学文化 水平" : "小学文化水平", normalized: nil, problem: "不在代码表 education 中"),
            ]))
            cases.append(TestData.case([TestData.household([.householdID: "H\(i)"], members: [m])]))
        }
        let (gaps, rows) = VocabularyGapRule.tally(cases)
        XCTAssertEqual(rows["system|member"], 7)
        XCTAssertEqual(rows["system|household"], 7)
        let tally = gaps[Key(source: "system", field: "education", value: "小学文化水平")]
        XCTAssertEqual(tally?.count, 7, "white space does not make another value")
        XCTAssertEqual(tally?.examples, ["H1", "H2", "H3", "H4", "H5"])
    }

    func testFindings_ValueInvalidRowsOfAGapAreRecognisedAndTheLineToAddIsGiven() throws {
        let key = Key(source: "wall", field: "attribute", value: "低保户(A类)")
        let gaps = [key: VocabularyGapRule.Tally(count: 6, examples: ["H1", "H2"])]
        XCTAssertTrue(VocabularyGapRule.isGapRow(["id", "value.invalid", "warning", "", "H1", "", "attribute", "wall=低保户(A类)"], gaps: gaps))
        XCTAssertFalse(VocabularyGapRule.isGapRow(["id", "value.invalid", "warning", "", "H1", "", "attribute", "wall=低保户(B类)"], gaps: gaps))
        XCTAssertFalse(VocabularyGapRule.isGapRow(["id", "value.invalid", "warning", "", "H1", "", "attribute", "system=低保户(A类)"], gaps: gaps))
        let normalizer = ShippedVocabulary.normalizer
        let f = VocabularyGapRule.findings(gaps, rows: [:], normalizer: normalizer)
        XCTAssertEqual(f.map(\.rule), ["vocabulary.unknown"])
        XCTAssertEqual(f[0].action, .info)
        XCTAssertTrue(f[0].message.contains("共出现6次"))
        XCTAssertTrue(f[0].message.contains("vocabularies: {attribute: {values: [\"低保户(A类)\"]}}"), f[0].message)
    }
}
