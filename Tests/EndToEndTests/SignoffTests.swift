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

/// 分级签字确认: worklists come back signed; good rows become the strongest evidence of the next
/// run, bad rows are refused with the file, line and column at fault.
final class SignoffTests: XCTestCase {
    /// A worklist returned as GBK (re-saved by a spreadsheet) with one good row and two bad ones.
    func testReturnedGBKWorklist_ImportsOnlyTheGoodRowAndNextRunCorrectsCitingTheSigner() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        let hh = data.households.map(\.id)
        data[3].recordedSize = 3  // worklist: size
        data[4].inspectedGrain = "900"  // worklist: grain, system 300
        try ws.run(data)
        let grain = try XCTUnwrap(ws.findingID("unify.mismatch", household: hh[4], field: "grain_kg"))
        let size = try XCTUnwrap(ws.findingID("household.size_mismatch", household: hh[3]))

        let sent = try CSVTable(path: ws.out + "/worklists/岩脚镇.csv")
        XCTAssertEqual(Set(sent.rows.map { $0["问题编号"]! }), [grain, size])
        var rows: [[String]] = []
        for item in sent.rows {
            var row = sent.header.map { item[$0] ?? "" }
            func set(_ column: String, _ value: String) { row[sent.header.firstIndex(of: column)!] = value }
            if item["问题编号"] == grain {
                set("核实结果", "1500公斤")
                set("核实人", "张三")
                set("核实日期", "2021/1/5")
            } else {
                set("核实结果", "3")  // no signer
                set("核实日期", "2021-01-06")
            }
            rows.append(row)
        }
        var unknown = rows[0]
        unknown[0] = "0123456789abcdef"
        unknown[sent.header.firstIndex(of: "核实结果")!] = "属实"
        unknown[sent.header.firstIndex(of: "核实人")!] = "李四"
        unknown[sent.header.firstIndex(of: "核实日期")!] = "2021-01-07"
        rows.append(unknown)
        let returned = ws.root + "/returned-岩脚镇.csv"
        let writer = try CSVWriter(path: returned, encoding: .gb18030, bom: false)
        try writer.writeRow(sent.header)
        for row in rows { try writer.writeRow(row) }
        try writer.close()
        XCTAssertNil(String(data: try Data(contentsOf: URL(fileURLWithPath: returned)), encoding: .utf8), "the file is GBK, not UTF-8")

        let ledger = try Ledger(path: ws.ledger, create: false)
        let config = try PipelineConfig.load(path: ws.pipeline)
        let normalizer = FieldNormalizer(vocabulary: try PipelineRunner(config: config, options: .init()).loadVocabulary())
        let importer = SignoffImporter(ledger: ledger, normalizer: normalizer, today: CivilDate(year: 2021, month: 3, day: 1)!)
        var batch = SignoffBatch()
        try importer.read(file: returned, displayName: "returned-岩脚镇.csv", into: &batch)
        let lineOf = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($0.element[0] == "0123456789abcdef" ? "unknown" : $0.element[0], $0.offset + 2) })
        XCTAssertEqual(batch.problems.map(\.description).sorted(), [
            "returned-岩脚镇.csv:\(lineOf[size]!): 核实人: missing: the person who verified must sign",
            "returned-岩脚镇.csv:\(lineOf["unknown"]!): 问题编号: unknown item \"0123456789abcdef\": not in the ledger (a worklist from another pipeline or ledger?)",
        ].sorted())
        XCTAssertEqual(batch.refusedRows, 2)
        XCTAssertEqual(batch.results.count, 1)
        XCTAssertEqual(try ledger.store(batch.results).inserted, 1)
        XCTAssertEqual(try ledger.store(batch.results).inserted, 0, "importing the same file again adds nothing")
        let stored = try ledger.signedResults()
        XCTAssertEqual(stored.count, 1)
        XCTAssertEqual(stored.first.map { [$0.findingID, $0.householdID, $0.memberID, $0.field, $0.value, $0.signer, $0.signedOn, $0.sourceFile] },
                       [grain, hh[4], "", "grain_kg", "1500", "张三", "2021-01-05", "returned-岩脚镇.csv"])

        // The same input again is a new run now: the signed value settles the field.
        let next = try ws.run(data)
        XCTAssertEqual(next.ledger?.run, 2, "a new signed result makes the same input a new run")
        let corrections = try CSVTable(path: ws.out + "/corrections.csv").rows
        let fix = try XCTUnwrap(corrections.first { $0["finding_id"] == grain })
        XCTAssertEqual(fix["household_id"], hh[4])
        XCTAssertEqual(fix["field"], "grain_kg")
        XCTAssertEqual(fix["old_value"], "300")
        XCTAssertEqual(fix["new_value"], "1500")
        XCTAssertEqual(fix["evidence"], "signoff=1500 (核实人 张三 2021-01-05)")
        XCTAssertEqual(fix["policy"], "trust:signoff>system>verification;authoritative:signoff;signoff:核实人 张三 2021-01-05")
        let finding = try XCTUnwrap(ws.findings().rows.first { $0["finding_id"] == grain })
        // The system is corrected; the inspection still says 900, so the item stays on the
        // worklist until the inspection record is fixed too.
        XCTAssertEqual(finding["action"], "worklist")
        XCTAssertEqual(finding["status"], "persisting")
        XCTAssertEqual(finding["values"], "system=300;verification=900;signoff=1500")
        XCTAssertTrue(finding["message"]!.hasSuffix("已依据签字核实（核实人 张三 2021-01-05）将系统值更正为1500，核查需更正"), finding["message"]!)
        let corrected = try CSVTable(path: ws.out + "/corrected/households.csv").rows.first { $0["户编号"] == hh[4] }
        XCTAssertEqual(corrected?["粮食产量"], "1500")
        XCTAssertEqual(Set(try CSVTable(path: ws.out + "/worklists/岩脚镇.csv").rows.map { $0["问题编号"]! }), [size, grain])
    }

    /// 属实 / 不属实 on a finding without a field: 不属实 takes it off the worklists.
    func testVerdicts_RefutedLeavesTheWorklistConfirmedStays() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        let hh = data.households.map(\.id)
        data[1].cadre = ""
        data[5].cadre = ""
        data[2].inspected = false
        try ws.run(data)
        let missing = try XCTUnwrap(ws.findingID("unify.missing", household: hh[2]))
        let refuted = try XCTUnwrap(ws.findingID("household.no_cadre", household: hh[1]))
        let confirmed = try XCTUnwrap(ws.findingID("household.no_cadre", household: hh[5]))
        let ledger = try Ledger(path: ws.ledger, create: false)
        let importer = SignoffImporter(
            ledger: ledger, normalizer: FieldNormalizer(vocabulary: try PipelineRunner(config: PipelineConfig.load(path: ws.pipeline), options: .init()).loadVocabulary()),
            today: CivilDate(year: 2021, month: 3, day: 1)!)
        var batch = SignoffBatch()
        try importer.check(row: 2, file: "r.csv", id: refuted, household: hh[1], result: "不属实", signer: "张三", date: "2021-01-05", imported: "", into: &batch)
        try importer.check(row: 3, file: "r.csv", id: confirmed, household: hh[5], result: "属实", signer: "王五", date: "20210106", imported: "", into: &batch)
        try importer.check(row: 4, file: "r.csv", id: missing, household: hh[2], result: "A", signer: "王五", date: "2021-01-06", imported: "", into: &batch)
        try importer.check(row: 5, file: "r.csv", id: confirmed, household: hh[1], result: "属实", signer: "王五", date: "2031-01-06", imported: "", into: &batch)
        XCTAssertEqual(batch.problems.map(\.description), [
            "r.csv:4: 核实结果: \"A\": this item is not about one field, so write 属实 or 不属实",
            "r.csv:5: 户编号: \"\(hh[1])\" does not match item \(confirmed), which is about household \"\(hh[5])\"",
            "r.csv:5: 核实日期: 2031-01-06 is in the future",
        ])
        try ledger.store(batch.results)
        try ws.run(data)
        let rows = try ws.findings().rows
        let r = try XCTUnwrap(rows.first { $0["finding_id"] == refuted })
        let c = try XCTUnwrap(rows.first { $0["finding_id"] == confirmed })
        XCTAssertEqual(r["action"], "info")
        XCTAssertTrue(r["message"]!.hasSuffix("；经核实不属实（核实人 张三 2021-01-05），不再列入核实清单"), r["message"]!)
        XCTAssertEqual(c["action"], "worklist")
        XCTAssertTrue(c["message"]!.hasSuffix("；经核实属实（核实人 王五 2021-01-06），请整改"), c["message"]!)
        let worklist = try CSVTable(path: ws.out + "/worklists/郎岱镇.csv").rows.map { $0["问题编号"]! }
        XCTAssertEqual(worklist, [missing], "the refuted item left the worklist")
    }

    /// A signed value for a field the system left blank fills it; the finding about the blank is
    /// then reported as resolved by the correction (action `corrected`).
    func testSignedValueForABlankField_FillsItAndResolvesTheFinding() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[1].cadre = ""
        try ws.run(data)
        let id = try XCTUnwrap(ws.findingID("household.no_cadre", household: data[1].id))
        XCTAssertEqual(try ws.findings().rows.first { $0["finding_id"] == id }?["field"], "cadre_name")
        let ledger = try Ledger(path: ws.ledger, create: false)
        let importer = SignoffImporter(
            ledger: ledger, normalizer: FieldNormalizer(vocabulary: try PipelineRunner(config: PipelineConfig.load(path: ws.pipeline), options: .init()).loadVocabulary()),
            today: CivilDate(year: 2021, month: 3, day: 1)!)
        var batch = SignoffBatch()
        try importer.check(row: 2, file: "r.csv", id: id, household: data[1].id, result: "周海燕", signer: "张三", date: "2021-01-05", imported: "", into: &batch)
        try ledger.store(batch.results)
        let summary = try ws.run(data)
        let fix = try XCTUnwrap(CSVTable(path: ws.out + "/corrections.csv").rows.first { $0["household_id"] == data[1].id })
        XCTAssertEqual([fix["field"], fix["old_value"], fix["new_value"], fix["evidence"]], ["cadre_name", "", "周海燕", "signoff=周海燕 (核实人 张三 2021-01-05)"])
        // New: the signed value against the blank (unify.mismatch, corrected); persisting: the
        // blank cadre itself, now resolved by that correction.
        XCTAssertEqual(summary.status, FindingStatusCounts(new: 1, persisting: 1))
        let fill = try XCTUnwrap(ws.findingID("unify.mismatch", household: data[1].id, field: "cadre_name"))
        XCTAssertEqual(try ws.findings().rows.first { $0["finding_id"] == fill }?["action"], "corrected")
        let finding = try XCTUnwrap(ws.findings().rows.first { $0["finding_id"] == id })
        XCTAssertEqual(finding["action"], "corrected")
        XCTAssertTrue(finding["message"]!.hasSuffix("（已由本次更正解决）"), finding["message"]!)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.out + "/worklists/郎岱镇.csv"), "nothing left to visit")
        let corrected = try CSVTable(path: ws.out + "/corrected/households.csv").rows.first { $0["户编号"] == data[1].id }
        XCTAssertEqual(corrected?["帮扶责任人"], "周海燕")
    }

    /// A value that the field's normaliser rejects is refused, naming the field.
    func testInvalidValue_RefusedNamingTheField() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[4].inspectedGrade = "A"
        data[4].grade = "B"
        try ws.run(data)
        let id = try XCTUnwrap(ws.findingID("unify.mismatch", household: data[4].id, field: "house_grade"))
        let ledger = try Ledger(path: ws.ledger, create: false)
        let importer = SignoffImporter(
            ledger: ledger, normalizer: FieldNormalizer(vocabulary: try PipelineRunner(config: PipelineConfig.load(path: ws.pipeline), options: .init()).loadVocabulary()),
            today: CivilDate(year: 2021, month: 3, day: 1)!)
        var batch = SignoffBatch()
        try importer.check(row: 7, file: "r.csv", id: id, household: nil, result: "E", signer: "张三", date: "2021-01-05", imported: "", into: &batch)
        try importer.check(row: 8, file: "r.csv", id: id, household: nil, result: "", signer: "张三", date: "2021-13-45", imported: "", into: &batch)
        try importer.check(row: 9, file: "r.csv", id: "1.23457E+15", household: nil, result: "ａ", signer: "张三", date: "2021-01-05", imported: "", into: &batch)
        try importer.check(row: 10, file: "r.csv", id: id, household: nil, result: "ａ", signer: "张三", date: "2021-01-05", imported: "", into: &batch)
        XCTAssertEqual(batch.problems.count, 4)
        XCTAssertTrue(batch.problems[0].description.hasPrefix("r.csv:7: 核实结果: \"E\" is not a valid 住房安全等级"), batch.problems[0].description)
        XCTAssertEqual(batch.problems[1].description, "r.csv:8: 核实日期: \"2021-13-45\" is not a date: write it as 2021-01-05")
        XCTAssertEqual(batch.problems[2].description, "r.csv:8: 核实结果: empty: write the verified value, or 属实 / 不属实")
        XCTAssertTrue(batch.problems[3].description.hasPrefix("r.csv:9: 问题编号: “1.23457E+15”是被电子表格转成了数字的问题编号（变成了科学计数法）"), batch.problems[3].description)
        XCTAssertEqual(batch.results.map(\.value), ["A"], "full-width ａ normalised like the field's data")
        XCTAssertEqual(batch.refusedRows, 3)
    }
}

/// Sharded runs: each shard reads the signed results from the shared ledger, and the merge
/// records the run; the result equals a whole run's.
final class ShardedLedgerTests: XCTestCase {
    func testShardsReadSignedResultsAndMergeRecordsTheRun() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[4].inspectedGrain = "900"
        data[1].cadre = ""
        try ws.run(data)
        let grain = try XCTUnwrap(ws.findingID("unify.mismatch", household: data[4].id, field: "grain_kg"))
        let ledger = try Ledger(path: ws.ledger, create: false)
        let config = try PipelineConfig.load(path: ws.pipeline)
        let importer = SignoffImporter(
            ledger: ledger, normalizer: FieldNormalizer(vocabulary: try PipelineRunner(config: config, options: .init()).loadVocabulary()),
            today: CivilDate(year: 2021, month: 3, day: 1)!)
        var batch = SignoffBatch()
        try importer.check(row: 2, file: "r.csv", id: grain, household: nil, result: "1500", signer: "张三", date: "2021-01-05", imported: "", into: &batch)
        try ledger.store(batch.results)

        // Shards run with --no-ledger (as the shipped Slurm and Kubernetes files ran them) read no
        // signed results: their merge into this ledger recorded, with exit 0, a run whose outputs
        // ignored the signature. It is refused now, before anything is written.
        let blind = try (0..<2).map { i -> String in
            let folder = ws.root + "/blind-\(i)"
            try PipelineRunner(config: config, options: .init(outputFolder: folder, shard: Shard(index: i, count: 2), useLedger: false)).run()
            return folder
        }
        XCTAssertThrowsError(try PipelineRunner(config: config, options: .init(outputFolder: ws.out, ledgerPath: ws.ledger)).merge(shardFolders: blind)) { error in
            XCTAssertTrue("\(error)".contains("the shards resolved with other signed results (fivefold signoff) than this ledger holds: give every shard the ledger the merge records into (--ledger \(ws.ledger))"), "\(error)")
        }
        XCTAssertEqual(try ledger.runs().count, 1, "nothing recorded")

        let shards = try (0..<2).map { i -> String in
            let folder = ws.root + "/shard-\(i)"
            try PipelineRunner(config: config, options: .init(outputFolder: folder, shard: Shard(index: i, count: 2), ledgerPath: ws.ledger)).run()
            return folder
        }
        XCTAssertEqual(try ledger.runs().count, 1, "shards only read the ledger")
        let merged = try PipelineRunner(config: config, options: .init(outputFolder: ws.out, ledgerPath: ws.ledger)).merge(shardFolders: shards)
        XCTAssertEqual(merged.ledger?.run, 2)
        XCTAssertEqual(merged.status, FindingStatusCounts(persisting: 2))
        let fix = try XCTUnwrap(CSVTable(path: ws.out + "/corrections.csv").rows.first { $0["finding_id"] == grain })
        XCTAssertEqual(fix["evidence"], "signoff=1500 (核实人 张三 2021-01-05)")

        // A whole run of the same night is a repeat of the merged run: the same outputs.
        let mergedFiles = try ws.outputFiles()
        let whole = try PipelineRunner(config: config, options: .init(ledgerPath: ws.ledger)).run()
        XCTAssertEqual(whole.ledger?.run, 2, "the same input, pipeline and signed results: a repeat")
        let wholeFiles = try ws.outputFiles()
        for (name, bytes) in mergedFiles where name != "summary.json" { XCTAssertEqual(wholeFiles[name], bytes, name) }
    }
}
