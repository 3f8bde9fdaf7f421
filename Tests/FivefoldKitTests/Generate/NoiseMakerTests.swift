import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class NoiseMakerTests: XCTestCase {
    func testWan_IsExact() {
        XCTAssertEqual(NoiseMaker.wan(12000), "1.2万元")
        XCTAssertEqual(NoiseMaker.wan(3650), "0.365万元")
        XCTAssertEqual(NoiseMaker.wan(20000), "2万元")
    }

    func testThousands_AndGrades() {
        XCTAssertEqual(NoiseMaker.thousands(3650), "3,650")
        XCTAssertEqual(NoiseMaker.thousands(12005), "12,005")
        XCTAssertEqual(NoiseMaker.thousands(800), "800")
        XCTAssertTrue(NoiseMaker.grade("小学", age: 8).hasSuffix("三年级"))
        XCTAssertEqual(NoiseMaker.grade("初中", age: 13), "八年级")
        XCTAssertEqual(NoiseMaker.grade("学前", age: 4), "学龄前儿童")
    }

    /// Every noise value normalises to its clean value through the pipeline's own normaliser.
    func testNoiseRows_NormaliseToTheirCleanValues() throws {
        let folder = GeneratedDatasets.standard.folder
        let noise = try CSVTable(path: folder + "/noise.csv")
        XCTAssertGreaterThan(noise.rows.count, 100)
        let vocabularyPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("pipelines/vocabulary.yaml").path
        let normalizer = FieldNormalizer(vocabulary: try Vocabulary.load(path: vocabularyPath))
        var checked = 0
        for row in noise.rows {
            let field = FieldID(row["field"]!)
            guard let spec = FieldCatalog.spec(field, level: .household) ?? FieldCatalog.spec(field, level: .member) else { continue }
            let level: FieldLevel = row["member_id"]!.isEmpty ? .household : .member
            let kind = FieldCatalog.spec(field, level: level)?.kind ?? spec.kind
            let raw = normalizer.normalize(row["raw_value"]!, kind: kind)
            let clean = normalizer.normalize(row["clean_value"]!, kind: kind)
            XCTAssertNotNil(raw.normalized, "noise \(row) does not normalise")
            if field == .age {
                XCTAssertLessThanOrEqual(abs(Int(raw.normalized ?? "0")! - Int(clean.normalized ?? "0")!), 1, "told age \(row)")
            } else if field == .memberNames {
                let items = { (s: String?) in Set((s ?? "").split(separator: "、").map { NameSimilarity.key(String($0)) }) }
                XCTAssertEqual(items(raw.normalized), items(clean.normalized), "noise \(row)")
            } else {
                XCTAssertEqual(raw.normalized, clean.normalized, "noise \(row)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 100)
    }
}
