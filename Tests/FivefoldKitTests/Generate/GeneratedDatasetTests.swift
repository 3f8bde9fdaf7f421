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

/// The contents of a generated dataset: layout and encodings, valid ID numbers, ground truth
/// coverage, consistent counts, and clean households that raise nothing.
final class GeneratedDatasetTests: XCTestCase {
    var folder: String { GeneratedDatasets.standard.folder }
    var summary: GeneratorSummary { GeneratedDatasets.standard.summary }

    func testFiles_DecodeInTheirDeclaredEncodings() throws {
        let households = try CSVTable(path: folder + "/system/households.csv")
        XCTAssertTrue(households.hasBOM)
        XCTAssertEqual(households.lineTerminator, "\r\n")
        XCTAssertEqual(households.encoding, .utf8)
        XCTAssertEqual(households.header, OutputFile.systemHouseholds.header)
        let members = try CSVTable(path: folder + "/system/members.csv")
        XCTAssertFalse(members.hasBOM)
        XCTAssertEqual(members.encoding, .utf8)
        let wall = try CSVTable(path: folder + "/wall/cards.csv")
        XCTAssertEqual(wall.encoding, .gb18030, "the wall is GBK")
        XCTAssertEqual(wall.header, OutputFile.wall.header)
        let rawWall = try Data(contentsOf: URL(fileURLWithPath: folder + "/wall/cards.csv"))
        XCTAssertNil(String(data: rawWall, encoding: .utf8), "GBK bytes are not UTF-8")
        XCTAssertNoThrow(try Transcoder(from: "GBK", to: "UTF-8").decode(UnsafeRawBufferPointer(start: nil, count: 0)))
        try rawWall.withUnsafeBytes { XCTAssertFalse(try Transcoder(from: "GBK", to: "UTF-8").decode($0).isEmpty) }

        let archiveBytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/archive/archive.xml"))
        XCTAssertTrue(archiveBytes.starts(with: Array("<?xml version=\"1.0\" encoding=\"GBK\"?>".utf8)))
        try archiveBytes.withUnsafeBytes { XCTAssertFalse(try Transcoder(from: "GBK", to: "UTF-8").decode($0).isEmpty, "strict GBK") }
        let archive = try readXML(folder + "/archive/archive.xml", record: "档案/户", member: "成员列表/成员")
        XCTAssertEqual(archive.encoding, "GB18030")
        XCTAssertFalse(archive.gzipped)
        XCTAssertGreaterThan(archive.records.count, 1900)
        let first = archive.records[0]
        XCTAssertNotNil(first.values["@户编号"] ?? first.values["户编号"])
        for header in OutputFile.systemHouseholds.header!.dropFirst() { XCTAssertNotNil(first.values[header], header) }
        XCTAssertNotNil(first.members.first?.values["身份证号"])

        let interview = try readXML(folder + "/interview/survey.xml.gz", record: "submissions/submission", member: "members/member")
        XCTAssertTrue(interview.gzipped)
        let blank = interview.records.filter { ($0.values["户编号"] ?? "").isEmpty }
        XCTAssertEqual(blank.count, summary.unregisteredInterviewHouseholds)
        XCTAssertGreaterThan(blank.count, 0)
        XCTAssertNil(interview.records[0].members.first?.values["身份证号"], "no ID numbers in the interview")
        XCTAssertNotNil(interview.records[0].members.first?.values["年龄"])
    }

    func testIDNumbers_AreValidUnlessPlantedAsIDDefects() throws {
        let truth = try CSVTable(path: folder + "/truth.csv")
        let plantedIDs = Set(truth.rows.filter { $0["rule"]!.hasPrefix("id.") }.map { $0["household_id"]! })
        let members = try CSVTable(path: folder + "/system/members.csv")
        var checked = 0
        for row in members.rows where !plantedIDs.contains(row["户编号"]!) {
            let parsed = IDNumber.parse(row["身份证号"]!)
            XCTAssertTrue(parsed.isFormatValid && parsed.isChecksumValid, "invalid ID \(row)")
            XCTAssertEqual(parsed.birthDate?.iso, DateParser.parse(row["出生日期"]!)?.iso, "birth date vs ID \(row)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 5000)
        let hukou = try CSVTable(path: folder + "/verification/registry/hukou.csv")
        var seen = Set<String>()
        for row in hukou.rows {
            let id = IDNumber.parse(row["身份证号"]!).normalized!
            XCTAssertTrue(seen.insert(id).inserted, "hukou lists \(id) twice")
            if !plantedIDs.contains(row["户编号"]!) { XCTAssertTrue(IDNumber.parse(id).isChecksumValid, id) }
        }
    }

    func testTruth_CoversEveryRuleOfSpec() throws {
        let truth = try CSVTable(path: folder + "/truth.csv")
        XCTAssertEqual(truth.header, TruthRow.header)
        XCTAssertEqual(Set(truth.rows.map { $0["rule"]! }), Set(DefectKind.allRules))
        // Every rule but duplicate.household_id: a repeated 户编号 is a defect of the export, not of a
        // household, and the generator plants household defects; monitor.relapse, which needs two
        // nights (RelapseRunTests); nor the rules of the optional accountability tables
        // (fixtures/accountability plants those).
        let plantable = Set(RuleRegistry.ids.filter { !RuleRegistry.optionalInputFamilies.contains($0.family) }.map(\.rawValue))
            .subtracting([RuleID.duplicateHouseholdID.rawValue, RuleID.monitorRelapse.rawValue])
        XCTAssertEqual(Set(DefectKind.allRules), plantable, "the generator knows every rule the pipeline has")
        XCTAssertEqual(truth.rows.count, summary.truthRows)
        let mismatchFields = Set(truth.rows.filter { $0["rule"] == "unify.mismatch" }.map { $0["field"]! })
        XCTAssertGreaterThanOrEqual(mismatchFields.count, 8, "unify.mismatch is planted on several fields: \(mismatchFields)")
    }

    func testRowCounts_AreConsistentAcrossFiles() throws {
        let households = try CSVTable(path: folder + "/system/households.csv")
        let members = try CSVTable(path: folder + "/system/members.csv")
        XCTAssertEqual(households.rows.count, summary.systemHouseholdRows)
        XCTAssertEqual(members.rows.count, summary.systemMemberRows)
        var perHousehold: [String: Int] = [:]
        for row in members.rows { perHousehold[row["户编号"]!, default: 0] += 1 }
        XCTAssertEqual(Set(perHousehold.keys), Set(households.rows.map { $0["户编号"]! }))
        XCTAssertEqual(perHousehold.values.reduce(0, +), summary.systemMemberRows)
        let sizePlanted = Set(try CSVTable(path: folder + "/truth.csv").rows.filter { $0["rule"] == "household.size_mismatch" }.map { $0["household_id"]! })
        for row in households.rows where !sizePlanted.contains(row["户编号"]!) {
            let size = Int(row["家庭人口数"]!.filter(\.isNumber).map { String($0.wholeNumberValue!) }.joined())
            XCTAssertEqual(size, perHousehold[row["户编号"]!], "size of \(row["户编号"]!)")
            XCTAssertTrue((1...8).contains(perHousehold[row["户编号"]!]!))
        }
        let insurance = try CSVTable(path: folder + "/verification/registry/insurance.csv")
        let hukou = try CSVTable(path: folder + "/verification/registry/hukou.csv")
        XCTAssertEqual(insurance.rows.count, hukou.rows.count, "one insurance row per registered person")
        let inspection = try CSVTable(path: folder + "/verification/inspection.csv")
        XCTAssertGreaterThan(inspection.rows.count, 1900)
    }

    /// Clean households violate no within-household rule; planted ones violate exactly their own.
    func testHouseholds_RaiseExactlyTheirPlantedRule() {
        let options = GeneratorOptions(households: 2000, seed: 20201231, outputFolder: "", defectRate: 0.2, noiseRate: 0.3)
        let plan = RegionPlan(seed: options.seed, households: options.households, counties: options.counties)
        let assembler = HouseholdAssembler(seed: options.seed, plan: plan, asOf: options.asOf, defectRate: 0.2, noiseRate: 0.3)
        var clean = 0
        for index in 0..<options.households {
            let s = assembler.assemble(index)
            guard let system = s.system else { continue }
            let found = HouseholdInvariants.violations(system: system, registry: s.registry, asOf: options.asOf)
            if let rule = s.plantedRule, DefectPlanter.checkedRules.contains(rule), !s.truthRows.contains(where: { $0.householdID.isEmpty }) {
                XCTAssertEqual(found, [rule], "household \(index) planted \(rule)")
            } else {
                XCTAssertEqual(found, [], "household \(index) (\(s.plantedRule ?? "clean"))")
                if s.plantedRule == nil { clean += 1 }
            }
            XCTAssertLessThanOrEqual(system.members.count, 8)
        }
        XCTAssertGreaterThan(clean, 1400)
    }

    func testVillages_ClassFollowsIncidenceExceptWherePlanted() throws {
        let households = try CSVTable(path: folder + "/system/households.csv")
        let members = try CSVTable(path: folder + "/system/members.csv")
        let villages = try CSVTable(path: folder + "/verification/villages.csv")
        let truth = try CSVTable(path: folder + "/truth.csv")
        let planted = Set(truth.rows.filter { $0["rule"] == "village.class" }.map { $0["region_code"]! })
        XCTAssertFalse(planted.isEmpty)
        var poorHouseholds = Set<String>()
        var regionOf: [String: String] = [:]
        for row in households.rows {
            regionOf[row["户编号"]!] = row["行政区划代码"]!
            let status = row["脱贫状态"]!
            if ["未脱贫", "返贫", "预脱贫", "贫困户", "0", "3", "返贫户"].contains(status) { poorHouseholds.insert(row["户编号"]!) }
        }
        var poor: [String: Int] = [:]
        for row in members.rows where poorHouseholds.contains(row["户编号"]!) { poor[regionOf[row["户编号"]!]!, default: 0] += 1 }
        var classes = Set<String>()
        for v in villages.rows {
            let code = v["行政区划代码"]!
            XCTAssertTrue((200...399).contains(Int(code.suffix(3))!), "rural village code \(code)")
            let computed = VillageRegister.classify(poor: poor[code] ?? 0, population: Int(v["户籍人口"]!)!)
            classes.insert(computed)
            if planted.contains(code) {
                XCTAssertNotEqual(v["贫困村类别"], computed, code)
            } else {
                XCTAssertEqual(v["贫困村类别"], computed, code)
            }
        }
        XCTAssertGreaterThanOrEqual(classes.count, 2, "villages differ in class")
    }
}
