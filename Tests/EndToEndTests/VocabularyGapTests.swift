import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// `vocabulary.unknown` end to end: a repeated unknown 文化程度 on the sample is one finding (in
/// findings.csv, summary.json and report.html) instead of one `value.invalid` per row; a one-off
/// stays `value.invalid`; the partition count does not change the outcome.
final class VocabularyGapTests: XCTestCase {
    /// The sample with 文化程度 小学 replaced in the first `gap` system member rows by 小学文化水平
    /// and in one other row by the one-off 初中文化水平.
    static func input(gap: Int) throws -> String {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-gap-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        let path = input + "/system/members.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        var planted = 0, oneOff = false
        for i in lines.indices.dropFirst() {
            if planted < gap, lines[i].contains(",小学,非在校生,") {
                lines[i] = lines[i].replacingOccurrences(of: ",小学,非在校生,", with: ",小学文化水平,非在校生,")
                planted += 1
            } else if !oneOff, lines[i].contains(",初中,非在校生,") {
                lines[i] = lines[i].replacingOccurrences(of: ",初中,非在校生,", with: ",初中文化水平,非在校生,")
                oneOff = true
            }
        }
        XCTAssertEqual(planted, gap)
        XCTAssertTrue(oneOff)
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return input
    }

    static func run(_ input: String, partitions: Int) throws -> String {
        let out = input + "-out-\(partitions)"
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: SampleRunTests.asOf,
                                                          partitions: partitions, useLedger: false)).run()
        return out
    }

    func testGap_RepeatedUnknownValueIsOneFindingAndItsRowsAreNotValueInvalid() throws {
        let input = try Self.input(gap: 6)
        let out = try Self.run(input, partitions: 1)
        let findings = try CSVTable(path: out + "/findings.csv").rows
        // The sample plants its own gap (wall 贫困户属性); this one is the 文化程度 planted here.
        let gaps = findings.filter { $0["rule"] == "vocabulary.unknown" && $0["field"] == "education" }
        XCTAssertEqual(gaps.count, 1, "\(gaps)")
        XCTAssertEqual(gaps.first?["action"], "info")
        XCTAssertTrue(gaps.first?["values"]?.hasPrefix("system=小学文化水平;count=6;examples=") == true, "\(gaps)")
        XCTAssertTrue(gaps.first?["message"]?.contains("vocabularies: {education: {values: [\"小学文化水平\"]}}") == true)
        let invalid = findings.filter { $0["rule"] == "value.invalid" && $0["field"] == "education" }
        XCTAssertEqual(invalid.map { $0["values"]! }, ["system=初中文化水平"], "the one-off stays value.invalid, the gap's rows do not")
        // Not read as blank: no "neither filled" for the members holding the unknown value.
        func neither(_ rows: [[String: String]]) -> Int { rows.filter { $0["rule"] == "member.implausible" && $0["message"]!.contains("均未填写") }.count }
        XCTAssertEqual(neither(findings), neither(try CSVTable(path: SampleRunTests.run.out + "/findings.csv").rows))

        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        let listed = (summary["vocabulary_gaps"] as? [[String: Any]])?.filter { $0["field"] as? String == "education" }
        XCTAssertEqual(listed?.count, 1)
        XCTAssertEqual(listed?.first?["count"] as? Int, 6)
        XCTAssertEqual((listed?.first?["examples"] as? [String])?.count, 5)
        XCTAssertEqual(listed?.first?["yaml"] as? String, "vocabularies: {education: {values: [\"小学文化水平\"]}}")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<section id=\"vocabulary\">") && html.contains("小学文化水平"))
        // The CSVs (each .xlsx beside them holds the same rows).
        let items = try FileManager.default.contentsOfDirectory(atPath: out + "/worklists").filter { $0.hasSuffix(".csv") }
            .map { try String(contentsOfFile: out + "/worklists/" + $0, encoding: .utf8) }.joined()
        XCTAssertFalse(items.contains("小学文化水平"), "a gap is for the data team, not on field worklists")
        XCTAssertTrue(items.contains("初中文化水平"))
    }

    func testGap_PartitioningDoesNotChangeTheOutcome() throws {
        let input = try Self.input(gap: 6)
        let one = try Data(contentsOf: URL(fileURLWithPath: Self.run(input, partitions: 1) + "/findings.csv"))
        let many = try Data(contentsOf: URL(fileURLWithPath: Self.run(input, partitions: 5) + "/findings.csv"))
        XCTAssertEqual(one, many)
    }

    func testGap_ARepeatedValueBelowEveryThresholdStaysValueInvalid() throws {
        // One row: below min_repeats (2) whatever its share of the sample's rows.
        let input = try Self.input(gap: 1)
        let findings = try CSVTable(path: Self.run(input, partitions: 1) + "/findings.csv").rows
        XCTAssertTrue(findings.filter { $0["rule"] == "vocabulary.unknown" && $0["field"] == "education" }.isEmpty)
        XCTAssertEqual(findings.filter { $0["rule"] == "value.invalid" && $0["field"] == "education" }.count, 2)
    }
}
