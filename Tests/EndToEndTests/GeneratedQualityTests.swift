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

/// Runs the default pipeline on a generated dataset (3,000 households, fixed seed, defect rate
/// 0.2, noise rate 0.3) and measures it against the generator's ground truth: per-rule recall of
/// planted defects (`monitor.edge` included; `monitor.relapse` needs two nights), and false
/// findings on clean households and on format noise.
///
/// Thresholds: every SPEC §4 rule is deterministic given the data (no sampling, no learned
/// scores), and each planted defect is written so that only its rule can fire (see
/// DefectPlanter.swift), so recall must be 1.0 for every rule and there must be no finding at all
/// on a clean household. The one probabilistic step, interview member linkage, is kept out of
/// the planted cases' way: names within a household are distinct and never homophones by
/// construction. A failure here is either a generator bug or a pipeline bug; the message lists
/// the cases.
final class GeneratedQualityTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let pipeline = repo.appendingPathComponent("pipelines/five-unities.yaml").path

    /// One generated dataset and one pipeline run, shared by the tests of this class.
    static let run: (input: String, out: String) = {
        let base = TestTemporaryFolder.root.appendingPathComponent("fivefold-quality-\(UUID().uuidString)")
        let input = base.appendingPathComponent("dataset").path
        let out = base.appendingPathComponent("out").path
        let options = GeneratorOptions(households: 3000, seed: 20_201_231, outputFolder: input, defectRate: 0.2, noiseRate: 0.3)
        try! DatasetGenerator(options: options).run()
        let config = try! PipelineConfig.load(path: pipeline)
        try! PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: "2020-12-31")).run()
        return (input, out)
    }()

    static let truth: [[String: String]] = try! CSVTable(path: run.input + "/truth.csv").rows
    static let findings: [[String: String]] = try! CSVTable(path: run.out + "/findings.csv").rows

    /// A finding explains a truth row: same rule and household (for village findings, region;
    /// for unregistered households, a blank household), and member and field where given.
    static func matches(_ t: [String: String], _ f: [String: String]) -> Bool {
        guard t["rule"] == f["rule"], t["household_id"] == f["household_id"] else { return false }
        if t["rule"] == "village.class", t["region_code"] != f["region_code"] { return false }
        if !t["member_id"]!.isEmpty, t["member_id"] != f["member_id"] { return false }
        if !t["field"]!.isEmpty, t["field"] != f["field"] { return false }
        return true
    }

    static var findingsByKey: [String: [[String: String]]] {
        Dictionary(grouping: findings) { "\($0["rule"]!)|\($0["household_id"]!)" }
    }

    func testPlantedDefects_AreFoundByTheirRule() {
        let index = Self.findingsByKey
        var perRule: [String: (found: Int, planted: Int)] = [:]
        var missed: [String: [[String: String]]] = [:]
        for t in Self.truth {
            let hit = (index["\(t["rule"]!)|\(t["household_id"]!)"] ?? []).contains { Self.matches(t, $0) }
            perRule[t["rule"]!, default: (0, 0)].planted += 1
            if hit { perRule[t["rule"]!]!.found += 1 } else { missed[t["rule"]!, default: []].append(t) }
        }
        XCTAssertEqual(Set(perRule.keys), SampleRunTests.assertedRules, "every rule is planted")
        let table = perRule.keys.sorted().map { "\($0) \(perRule[$0]!.found)/\(perRule[$0]!.planted)" }.joined(separator: "\n")
        print("recall by rule:\n" + table)
        for rule in SampleRunTests.assertedRules.sorted() {
            // Recall 1.0 for every rule: all rules are deterministic (see the class comment).
            XCTAssertEqual(perRule[rule]?.found, perRule[rule]?.planted,
                           "\(rule): missed \((missed[rule] ?? []).prefix(5).map { "\($0["household_id"]!) \($0["member_id"]!) \($0["field"]!) (\($0["note"]!))" })")
        }
    }

    func testCleanHouseholds_RaiseNoFinding() {
        let planted = Set(Self.truth.map { $0["household_id"]! })
        let false_ = Self.findings.filter { f in
            let household = f["household_id"]!
            if household.isEmpty {
                // Village and unregistered-household findings must each be planted.
                return !Self.truth.contains { $0["household_id"]!.isEmpty && Self.matches($0, f) }
            }
            return !planted.contains(household)
        }
        XCTAssertGreaterThan(Self.findings.count, 500)
        XCTAssertTrue(false_.isEmpty, "\(false_.count) findings on clean households: \(false_.prefix(8).map { "\($0["rule"]!) \($0["household_id"]!) \($0["member_id"]!) \($0["field"]!): \($0["message"]!)" })")
    }

    /// Stricter than recall: on a household with a planted defect, every finding is one the
    /// truth lists (the defect's own finding or one it necessarily implies, noted as such).
    func testDefectHouseholds_RaiseNothingBeyondTheirTruth() {
        let byHousehold = Dictionary(grouping: Self.truth.filter { !$0["household_id"]!.isEmpty }) { $0["household_id"]! }
        let extra = Self.findings.filter { f in
            guard let rows = byHousehold[f["household_id"]!] else { return false }
            return !rows.contains { Self.matches($0, f) }
        }
        XCTAssertTrue(extra.isEmpty, "\(extra.count) unexplained findings: \(extra.prefix(8).map { "\($0["rule"]!) \($0["household_id"]!) \($0["member_id"]!) \($0["field"]!): \($0["message"]!)" })")
    }

    /// Clean households include near misses of the 建档立卡 policy rules, and raise nothing
    /// (`testCleanHouseholds_RaiseNoFinding`): 政策保障型 with two or more labourers and someone
    /// 患有大病 or 残疾, a 识别年度 equal to the 脱贫年度, 识别年度 2014 exactly.
    func testCleanHouseholds_IncludeNearMissesOfThePolicyRules() throws {
        let planted = Set(Self.truth.map { $0["household_id"]! })
        let households = try CSVTable(path: Self.run.input + "/system/households.csv").rows.filter { !planted.contains($0["户编号"]!) }
        let members = Dictionary(grouping: try CSVTable(path: Self.run.input + "/system/members.csv").rows) { $0["户编号"]! }
        let policyWithLabourers = households.filter { h in
            let people = members[h["户编号"]!] ?? []
            return h["六型类别"] == "政策保障型" && people.filter { ["普通劳动力", "技能劳动力"].contains($0["劳动技能"]!) }.count >= 2
                && people.contains { $0["健康状况"]!.contains("患有大病") || $0["健康状况"]!.contains("残疾") }
        }
        XCTAssertGreaterThan(policyWithLabourers.count, 0, "政策保障型 with two labourers and an ill or disabled member")
        XCTAssertGreaterThan(households.filter { !$0["脱贫年度"]!.isEmpty && $0["脱贫年度"] == $0["识别年度"] }.count, 0, "identified and exited in one year")
        XCTAssertGreaterThan(households.filter { $0["识别年度"] == "2014" }.count, 0, "识别年度 2014 exactly")
    }

    /// `monitor.edge` is planted in all three forms (an exited household and an 边缘户 in the band
    /// [4000, 6000), the line itself included; an 边缘户 below the line), and clean exited
    /// households exactly at the monitoring line 6000 (the band's excluded end) raise nothing.
    func testMonitorEdge_AllFormsPlanted_NearMissAtTheMonitoringLineNotListed() throws {
        let planted = Self.truth.filter { $0["rule"] == "monitor.edge" }
        XCTAssertEqual(Set(planted.map { $0["field"]! }), ["income_per_capita", "status"])
        XCTAssertTrue(planted.contains { $0["note"]!.hasPrefix("已脱贫") } && planted.contains { $0["note"]!.hasPrefix("边缘户 with income") && $0["field"] == "income_per_capita" })
        XCTAssertTrue(planted.contains { $0["note"]!.contains("income 4000 in") }, "the line itself is planted")
        let plantedHouseholds = Set(Self.truth.map { $0["household_id"]! })
        let households = try CSVTable(path: Self.run.input + "/system/households.csv").rows
        let nearMisses = households.filter { $0["人均纯收入"] == "6000" && !plantedHouseholds.contains($0["户编号"]!) }.map { $0["户编号"]! }
        XCTAssertGreaterThan(nearMisses.count, 10, "clean exited households at exactly 6000")
        let listed = Set(Self.findings.filter { $0["rule"] == "monitor.edge" }.map { $0["household_id"]! })
        XCTAssertTrue(listed.isDisjoint(with: nearMisses))
        let entries = Self.findings.filter { $0["rule"] == "monitor.edge" && $0["field"] == "income_per_capita" }
        XCTAssertTrue(entries.allSatisfy { $0["severity"] == "info" && $0["action"] == "info" })
    }

    /// Format noise (full-width digits, 1.2万元, 2016年3月5日, Y/N, 800斤 …) is normalised away.
    func testFormatNoise_RaisesNoFindingOnItsField() throws {
        let noise = try CSVTable(path: Self.run.input + "/noise.csv").rows
        XCTAssertGreaterThan(noise.count, 300)
        XCTAssertGreaterThanOrEqual(Set(noise.map { "\($0["source"]!).\($0["field"]!)" }).count, 25, "noise in many fields and sources")
        let plantedKeys = Set(Self.truth.map { "\($0["household_id"]!)|\($0["field"]!)" })
        let byHousehold = Dictionary(grouping: Self.findings) { $0["household_id"]! }
        var raised: [String] = []
        for n in noise where !plantedKeys.contains("\(n["household_id"]!)|\(n["field"]!)") {
            let fields = n["field"] == "member_names" ? ["member_names", "name"] : [n["field"]!]
            for f in byHousehold[n["household_id"]!] ?? [] where fields.contains(f["field"]!) {
                if n["member_id"]!.isEmpty || f["member_id"] == n["member_id"] { raised.append("\(n) → \(f["rule"]!): \(f["message"]!)") }
            }
        }
        XCTAssertTrue(raised.isEmpty, "\(raised.count) noise values raised findings: \(raised.prefix(5))")
    }
}
