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

/// 大纠错 for whole rows (`resolution.members`) on the sample with row defects planted on top:
/// a member the system lacks (added), a ghost member (removed), one person in two households
/// (moved), and a refusal of each kind. Then the round trip and the row accounting of corrected/.
final class MemberRowTests: XCTestCase {
    /// Planted on a copy of fixtures/sample (all in households the sample keeps clean):
    static let missing = (household: "5202031002010002", id: "520203200309015672")      // 张文博: archive, wall, interview, hukou list him
    static let unregistered = (household: "5202031002020001", id: "520203200403304534") // 马晓东: gone from system and hukou
    static let ghost = (household: "5202031002010001", id: "52020319800101123" + String(IDNumber.checkCharacter("52020319800101123")!), name: "孙鬼生")
    static let ghostWithoutID = (household: "5202031002020010", name: "钱无号")
    /// Already in the sample: one 身份证号 in two households, the hukou registry names 020007; and a
    /// head of two households, which is never moved.
    static let duplicate = (from: "5202031002020006", to: "5202031002020007", id: "520203199508265628")
    static let duplicateHead = (household: "5202031012010007", id: "520203195510012277")

    /// The sample is 2020 data (its interview ages were told in 2020).
    static let asOf = "2020-12-31"

    static let dataset: String = {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-rows-\(UUID().uuidString)").path
        try! fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        let members = input + "/system/members.csv"
        var lines = try! String(contentsOfFile: members, encoding: .utf8).components(separatedBy: "\n")
        lines.removeAll { $0.contains(missing.id) || $0.contains(unregistered.id) }
        let last = lines.last == "" ? lines.count - 1 : lines.count
        lines.insert("\(ghost.household),\(ghost.id),\(ghost.name),其他,男,1980-01-01,汉族,初中,非在校生,健康,普通劳动力,0,是", at: last)
        lines.insert("\(ghostWithoutID.household),,\(ghostWithoutID.name),其他,女,1985-02-02,汉族,初中,非在校生,健康,普通劳动力,0,是", at: last)
        try! lines.joined(separator: "\n").write(toFile: members, atomically: true, encoding: .utf8)
        let hukou = input + "/verification/registry/hukou.csv"
        let registry = try! String(contentsOfFile: hukou, encoding: .utf8).components(separatedBy: "\n").filter { !$0.contains(unregistered.id) }
        try! registry.joined(separator: "\n").write(toFile: hukou, atomically: true, encoding: .utf8)
        return input
    }()

    static func config() throws -> PipelineConfig {
        var config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        config.resolution.members.add.enabled = true
        config.resolution.members.remove.enabled = true
        config.resolution.members.duplicatePerson.enabled = true
        return config
    }

    static let run: (out: String, summary: RunSummary) = {
        let out = dataset + "-out"
        let summary = try! PipelineRunner(config: try! config(), options: .init(inputFolder: dataset, outputFolder: out, asOf: asOf)).run()
        return (out, summary)
    }()

    func rows(_ file: String) throws -> [[String: String]] { try CSVTable(path: Self.run.out + "/" + file).rows }

    func rowChange(_ household: String, _ member: String) throws -> [String: String]? {
        try rows("corrections.csv").first { $0["field"] == "member_row" && $0["household_id"] == household && $0["member_id"] == member }
    }

    func memberFinding(_ rule: String, _ household: String, _ member: String) throws -> [String: String]? {
        try rows("findings.csv").first { $0["rule"] == rule && $0["household_id"] == household && $0["member_id"] == member }
    }

    func testMemberRows_MissingMemberIsAddedWithTheCellsTheSourcesSettle() throws {
        let change = try XCTUnwrap(try rowChange(Self.missing.household, Self.missing.id))
        XCTAssertEqual(change["old_value"], "absent")
        XCTAssertEqual(change["new_value"], "added")
        XCTAssertEqual(change["policy"], "members.add:min_agree=3;require=hukou")
        for source in ["archive=", "wall=", "interview=", "hukou=户\(Self.missing.household)"] {
            XCTAssertTrue(change["evidence"]!.contains(source), change["evidence"]!)
        }
        let added = try CSVTable(path: Self.run.out + "/corrected/members.csv").rows.filter { $0["身份证号"] == Self.missing.id }
        XCTAssertEqual(added.count, 1)
        XCTAssertEqual(added.first?["户编号"], Self.missing.household)
        XCTAssertEqual(added.first?["姓名"], "张文博")
        XCTAssertEqual(added.first?["性别"], "男")
        XCTAssertEqual(added.first?["出生日期"], "2003-09-01")
        XCTAssertEqual(added.first?["与户主关系"], "之子")
        // Every cell written is a logged correction of the same finding.
        let cells = try rows("corrections.csv").filter { $0["member_id"] == Self.missing.id && $0["field"] != "member_row" }
        XCTAssertTrue(cells.allSatisfy { $0["finding_id"] == change["finding_id"] && $0["old_value"] == "" })
        XCTAssertEqual(Set(cells.map { $0["field"]! }).intersection(["id_number", "name", "sex", "birth_date", "relation"]).count, 5)
        let finding = try XCTUnwrap(try memberFinding("unify.missing", Self.missing.household, Self.missing.id))
        XCTAssertEqual(finding["finding_id"], change["finding_id"])
        XCTAssertEqual(finding["action"], "corrected")
        XCTAssertTrue(finding["message"]!.contains("补录至系统"), finding["message"]!)
    }

    func testMemberRows_AddedMemberSettlesTheSizeCheckOfTheCorrectedHousehold() throws {
        let size = try rows("findings.csv").filter { $0["rule"] == "household.size_mismatch" && $0["household_id"] == Self.missing.household }
        XCTAssertEqual(size.count, 1, "the received household lacks a member")
        XCTAssertEqual(size.first?["action"], "corrected")
        // So does the wall card's list of names against the system's.
        let names = try rows("findings.csv").filter { $0["field"] == "member_names" && $0["household_id"] == Self.missing.household }
        XCTAssertEqual(names.map { $0["action"] }, ["corrected"])
    }

    func testMemberRows_ThreeSourcesAgreeButHukouSilentStaysOnWorklist() throws {
        XCTAssertNil(try rowChange(Self.unregistered.household, Self.unregistered.id))
        let findings = try rows("findings.csv").filter { $0["rule"] == "unify.missing" && $0["household_id"] == Self.unregistered.household }
        let finding = try XCTUnwrap(findings.first { $0["message"]!.contains("马晓东") })
        XCTAssertEqual(finding["action"], "worklist")
        XCTAssertTrue(finding["message"]!.contains("未自动补录：户籍登记中本户无此人"), finding["message"]!)
        XCTAssertFalse(try CSVTable(path: Self.run.out + "/corrected/members.csv").rows.contains { $0["姓名"] == "马晓东" })
    }

    func testMemberRows_GhostMemberIsRemoved() throws {
        let change = try XCTUnwrap(try rowChange(Self.ghost.household, Self.ghost.id))
        XCTAssertEqual(change["old_value"], "present")
        XCTAssertEqual(change["new_value"], "removed")
        XCTAssertEqual(change["evidence"], "archive=无;wall=无;interview=无;hukou=无")
        XCTAssertEqual(change["policy"], "members.remove:min_agree=3;require_absent=hukou")
        XCTAssertFalse(try CSVTable(path: Self.run.out + "/corrected/members.csv").rows.contains { $0["身份证号"] == Self.ghost.id })
        XCTAssertEqual(try memberFinding("unify.missing", Self.ghost.household, Self.ghost.id)?["action"], "corrected")
        let size = try rows("findings.csv").filter { $0["rule"] == "household.size_mismatch" && $0["household_id"] == Self.ghost.household }
        XCTAssertEqual(size.map { $0["action"] }, ["corrected"])
    }

    func testMemberRows_GhostWithoutIDNumberStaysOnWorklist() throws {
        let finding = try XCTUnwrap(try memberFinding("unify.missing", Self.ghostWithoutID.household, Self.ghostWithoutID.name))
        XCTAssertEqual(finding["action"], "worklist")
        XCTAssertTrue(finding["message"]!.contains("未自动删除：系统中此人无有效身份证号，无法查户籍"), finding["message"]!)
        XCTAssertTrue(try CSVTable(path: Self.run.out + "/corrected/members.csv").rows.contains { $0["姓名"] == Self.ghostWithoutID.name })
    }

    func testMemberRows_PersonInTwoHouseholdsStaysWhereHukouSays() throws {
        let change = try XCTUnwrap(try rowChange(Self.duplicate.from, Self.duplicate.id))
        XCTAssertEqual(change["new_value"], "moved")
        XCTAssertEqual(change["evidence"], "hukou=户\(Self.duplicate.to);system=户\(Self.duplicate.from)、户\(Self.duplicate.to)")
        XCTAssertTrue(change["policy"]!.hasSuffix("kept_in=\(Self.duplicate.to)"))
        let kept = try CSVTable(path: Self.run.out + "/corrected/members.csv").rows.filter { $0["身份证号"] == Self.duplicate.id }
        XCTAssertEqual(kept.map { $0["户编号"] }, [Self.duplicate.to])
        let findings = try rows("findings.csv").filter { $0["rule"] == "duplicate.person" && $0["member_id"] == Self.duplicate.id }
        XCTAssertEqual(findings.count, 2)
        XCTAssertEqual(findings.first { $0["household_id"] == Self.duplicate.to }?["action"], "corrected")
        // The archive, wall card and interview of the household she left still list her: they need fixing.
        let left = try XCTUnwrap(findings.first { $0["household_id"] == Self.duplicate.from })
        XCTAssertEqual(left["finding_id"], change["finding_id"])
        XCTAssertEqual(left["action"], "worklist")
        XCTAssertTrue(left["message"]!.hasSuffix("户\(Self.duplicate.from)的档案、明白卡、走访仍列有此人，需更正"), left["message"]!)
        // The household the person left is judged as corrected: its 家庭人口数 4 now counts 3 rows.
        let size = try rows("findings.csv").filter { $0["rule"] == "household.size_mismatch" && $0["household_id"] == Self.duplicate.from }
        XCTAssertEqual(size.map { $0["message"]! }, ["系统中家庭人口数为4，但列出成员3人"])
        XCTAssertEqual(size.first?["action"], "worklist")
        let items = try CSVTable(path: Self.run.out + "/worklists/郎岱镇.csv").rows
        XCTAssertTrue(items.contains { $0.values.contains(size.first!["finding_id"]!) }, "the new finding is on the worklist")
    }

    func testMemberRows_HeadOfTwoHouseholdsIsNeverMoved() throws {
        XCTAssertNil(try rowChange(Self.duplicateHead.household, Self.duplicateHead.id))
        let findings = try rows("findings.csv").filter { $0["rule"] == "duplicate.person" && $0["member_id"] == Self.duplicateHead.id }
        XCTAssertEqual(findings.count, 2)
        for f in findings {
            XCTAssertEqual(f["action"], "worklist")
            XCTAssertTrue(f["message"]!.contains("此人为户\(Self.duplicateHead.household)的户主，不自动移除"), f["message"]!)
        }
    }

    func testMemberRows_CorrectedRowsAccountForEveryInputRow() throws {
        let input = Self.run.summary.inputs.first { $0.file == "system/members.csv" }!
        let changes = try rows("corrections.csv").filter { $0["field"] == "member_row" }
        let added = changes.filter { $0["new_value"] == "added" }.count
        let removed = changes.filter { $0["new_value"] == "removed" || $0["new_value"] == "moved" }.count
        let output = try CSVTable(path: Self.run.out + "/corrected/members.csv")
        XCTAssertEqual([added, removed], [1, 2])
        XCTAssertEqual(input.accepted, output.rows.count + removed - added)
        // The dialect of the input survives the appended row.
        let original = try CSVTable(path: Self.dataset + "/system/members.csv")
        XCTAssertEqual(output.header, original.header)
        XCTAssertEqual(output.hasBOM, original.hasBOM)
        XCTAssertEqual(output.lineTerminator, original.lineTerminator)
    }

    func testMemberRows_RoundTripChangesNothingFurther() throws {
        let fm = FileManager.default
        let input = Self.dataset + "-again"
        try fm.copyItem(atPath: Self.dataset, toPath: input)
        for name in try fm.contentsOfDirectory(atPath: Self.run.out + "/corrected") {
            try fm.removeItem(atPath: input + "/system/" + name)
            try fm.copyItem(atPath: Self.run.out + "/corrected/" + name, toPath: input + "/system/" + name)
        }
        let second = input + "-out"
        try PipelineRunner(config: try Self.config(), options: .init(inputFolder: input, outputFolder: second, asOf: Self.asOf)).run()
        XCTAssertEqual(try CSVTable(path: second + "/corrections.csv").rows.map { "\($0)" }, [], "nothing left to correct")
        for name in try fm.contentsOfDirectory(atPath: second + "/corrected") {
            XCTAssertEqual(fm.contents(atPath: second + "/corrected/" + name), fm.contents(atPath: input + "/system/" + name), name)
        }
        // Every finding left open is the same finding again, and nothing new appears — except in the
        // household the person moved out of, whose other sources the first run said still list her:
        // there the duplicate is gone and her listing there is what remains (the add is refused).
        let before = try rows("findings.csv").filter { $0["action"] != "corrected" }
        let after = try CSVTable(path: second + "/findings.csv").rows
        let gone = Set(before.map { $0["finding_id"]! }).subtracting(after.map { $0["finding_id"]! })
        let new = after.filter { f in !before.contains { $0["finding_id"] == f["finding_id"] } }
        XCTAssertEqual(gone, [try XCTUnwrap(try rowChange(Self.duplicate.from, Self.duplicate.id))["finding_id"]!])
        XCTAssertEqual(Set(new.map { "\($0["rule"]!) \($0["household_id"]!) \($0["member_id"]!) \($0["field"]!)" }), [
            "unify.missing \(Self.duplicate.from) \(Self.duplicate.id) ", "unify.mismatch \(Self.duplicate.from) 黄秀兰 member_names",
        ])
        XCTAssertTrue(new.allSatisfy { $0["action"] == "worklist" })
    }

    /// Rows are added and removed per household and moves are decided in the assembly: neither the
    /// number of partitions nor shards and their merge change any output.
    func testMemberRows_PartitionsAndShardsDoNotChangeTheResult() throws {
        func run(_ options: PipelineRunner.Options) throws -> String {
            let out = Self.dataset + "-part-\(UUID().uuidString)"
            var o = options
            o.inputFolder = Self.dataset
            o.outputFolder = out
            try PipelineRunner(config: try Self.config(), options: o).run()
            return out
        }
        let one = try PartitioningTests.snapshot(run(.init(asOf: Self.asOf, jobs: 1, partitions: 1)))
        let many = try PartitioningTests.snapshot(run(.init(asOf: Self.asOf, jobs: 2, partitions: 7)))
        let shards = try (0..<3).map { i in try run(.init(asOf: Self.asOf, partitions: 2, shard: Shard(index: i, count: 3))) }
        let mergedFolder = Self.dataset + "-merged-\(UUID().uuidString)"
        try PipelineRunner(config: try Self.config(), options: .init(inputFolder: Self.dataset, outputFolder: mergedFolder, asOf: Self.asOf)).merge(shardFolders: shards)
        let merged = try PartitioningTests.snapshot(mergedFolder)
        XCTAssertTrue(String(decoding: one["corrections.csv"]!, as: UTF8.self).contains(",moved,"))
        for other in [many, merged] {
            XCTAssertEqual(Set(one.keys), Set(other.keys))
            for (path, data) in one { XCTAssertEqual(data, other[path], path) }
        }
    }
}
