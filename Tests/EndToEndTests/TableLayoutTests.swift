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

/// Issue 13: title rows above the header, exact field counts, and the wall's member-name
/// separators, each on a nightly dataset written by the test.
final class TableLayoutTests: XCTestCase {
    func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        XCTAssertNotEqual(changed, text, "the edit changed nothing in \(path)")
        try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
    }

    func summaryInputs(_ ws: NightlyWorkspace) throws -> [[String: Any]] {
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.out + "/summary.json"))) as! [String: Any]
        return summary["inputs"] as! [[String: Any]]
    }

    /// Regression: the sample's wall cards (GBK) with each head named 王德明(户主) and each
    /// spouse 刘桂芬（配偶）, as cards list a family. Read as names, every annotated member was
    /// missing from the card and an extra name on it: exit 0 and 245 findings instead of 59.
    /// The notes in brackets are dropped: the sample's findings and corrections byte for byte.
    func testWallMembersWithTheirRelationInBrackets_ReadAsTheNames() throws {
        let copy = try SampleCopy(self)
        let cards = copy.input + "/wall/cards.csv"
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        let text = try XCTUnwrap(String(data: Data(contentsOf: URL(fileURLWithPath: cards)), encoding: gb18030))
        var lines = text.components(separatedBy: "\r\n")
        XCTAssertTrue(lines[1].contains(",王德明、刘桂芬、王小军、王小梅,"), lines[1])
        for i in 1..<lines.count where !lines[i].isEmpty {
            var cells = lines[i].components(separatedBy: ",")
            var names = cells[3].components(separatedBy: "、")
            names[0] += "(户主)"
            if names.count > 1 { names[1] += "（配偶）" }
            cells[3] = names.joined(separator: "、")
            lines[i] = cells.joined(separator: ",")
        }
        XCTAssertTrue(lines[1].contains(",王德明(户主)、刘桂芬（配偶）、王小军、王小梅,"), lines[1])
        try XCTUnwrap(lines.joined(separator: "\r\n").data(using: gb18030)).write(to: URL(fileURLWithPath: cards))
        let run = try FivefoldProcess.run(copy.runArguments())
        XCTAssertEqual(run.status, 0, run.stderr)
        for file in ["findings.csv", "corrections.csv"] {
            XCTAssertEqual(try String(contentsOfFile: copy.out + "/" + file, encoding: .utf8), try String(contentsOfFile: SampleRunTests.run.out + "/" + file, encoding: .utf8), file)
        }
    }

    func testHeaderRow_SkipsTheTitleCountsItAndKeepsItInCorrected() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[0].inspectedGrade = "A"  // the inspection corrects the grade: a rewritten row
        try data.write(to: ws.input)
        let households = ws.input + "/system/households.csv"
        // (Foundation drops the BOM when it reads the text; the edit writes it back, before the title.)
        try edit(households) { "\u{FEFF}建档立卡贫困户家庭基本信息表\r\n" + $0 }

        // Without header_row the title is taken for the header: a mapping error, not a quiet run.
        let wrong = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("no column named \"户编号\" in system/households.csv; found: 建档立卡贫困户家庭基本信息表"), wrong.stderr)
        // … which says where the header is (the line below holds every mapped name), as check does.
        XCTAssertTrue(wrong.stderr.hasSuffix("; the header is on line 2 (line 1 looks like a title): set `header_row: 2` on this table\n"), wrong.stderr)
        let check = try FivefoldProcess.run(["check", ws.pipeline])
        XCTAssertTrue(check.stderr.contains("system/households.csv: no mapped column in the header row 1; the header is on line 2 (line 1 looks like a title): set `header_row: 2` on this table"),
                      check.stdout + check.stderr)

        try edit(ws.pipeline) { $0.replacingOccurrences(of: "file: system/households.csv\n", with: "file: system/households.csv\n      header_row: 2\n") }
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let input = try summaryInputs(ws)[0]
        XCTAssertEqual(input["file"] as? String, "system/households.csv")
        XCTAssertEqual(input["skipped"] as? Int, 1)
        XCTAssertEqual(input["read"] as? Int, 6)
        XCTAssertEqual(input["accepted"] as? Int, 6)
        XCTAssertEqual(input["quarantined"] as? Int, 0)
        let corrected = String(decoding: try Data(contentsOf: URL(fileURLWithPath: ws.out + "/corrected/households.csv")), as: UTF8.self)
        let original = String(decoding: try Data(contentsOf: URL(fileURLWithPath: households)), as: UTF8.self)
        XCTAssertTrue(corrected.hasPrefix("\u{FEFF}建档立卡贫困户家庭基本信息表\r\n户编号,"), String(corrected.prefix(40)))
        XCTAssertEqual(corrected.components(separatedBy: "\r\n").count, original.components(separatedBy: "\r\n").count)
        XCTAssertTrue(corrected.contains(",A,80,"), "the corrected grade")
    }

    func testFieldCounts_ExtraTrailingFieldIsQuarantined_PadAcceptsShortRows() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[0].inspectedGrade = "A"
        try data.write(to: ws.input)
        let members = ws.input + "/system/members.csv"
        let spouse = data[1].members[1]
        // One field too many, the last one blank: the row's values may have shifted.
        try edit(members) { text in
            text.components(separatedBy: "\r\n").map { $0.contains(spouse.id) ? $0 + "," : $0 }.joined(separator: "\r\n")
        }
        try ws.runBinary()
        let quarantine = try CSVTable(path: ws.out + "/quarantine/system.csv")
        XCTAssertEqual(quarantine.rows.map { $0["reason"] }, ["expected 13 fields, found 14"])
        XCTAssertEqual(quarantine.rows.first?["line"], "5")
        let input = try summaryInputs(ws)[1]
        XCTAssertEqual([input["read"], input["accepted"], input["quarantined"]].map { $0 as? Int }, [12, 11, 1])

        // ragged: pad — a short household row (the export dropped the empty 责任人电话) is read
        // and, corrected, written back with every column.
        try edit(ws.input + "/system/households.csv") { $0.replacingOccurrences(of: ",是,李明,13908580101\r\n", with: ",是,李明\r\n") }
        // Strict, every household row is short: no row of the table can be read, so the run
        // stops (exit 2, nothing written) rather than report every household missing.
        try FileManager.default.removeItem(atPath: ws.out)
        let strict = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(strict.status, 2, strict.stderr)
        XCTAssertEqual(strict.stderr, "fivefold: system/households.csv: every one of its 6 rows is unreadable and would be quarantined (line 2: expected 20 fields, found 19); if the export leaves out empty trailing fields, set `ragged: pad` on the table. Nothing was written; `fivefold check` lists every reason\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.out))
        try edit(ws.pipeline) { $0.replacingOccurrences(of: "file: system/households.csv\n", with: "file: system/households.csv\n      ragged: pad\n") }
        try ws.runBinary()
        XCTAssertEqual([try summaryInputs(ws)[0]["read"], try summaryInputs(ws)[0]["quarantined"]].map { $0 as? Int }, [6, 0])
        let lines = try String(contentsOfFile: ws.out + "/corrected/households.csv", encoding: .utf8).components(separatedBy: "\r\n")
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        XCTAssertEqual(first.count, 20, "the corrected row is padded to the header")
        XCTAssertEqual(first[14], "A")
        XCTAssertEqual(first[19], "")
        XCTAssertEqual(lines[2].split(separator: ",", omittingEmptySubsequences: false).count, 19, "an untouched short row is copied as it was")
    }

    func testMemberSeparator_SpacesSplitNamesByDefaultAndCanBeNarrowed() throws {
        let ws = try NightlyWorkspace()
        let data = NightlyDataset.standard()
        try data.write(to: ws.input)
        var cards = "户编号,户主姓名,家庭人口数,家庭成员\r\n"
        let joins = [" ", "\u{3000}", "、", "，", ";", " 、 "]
        for (h, join) in zip(data.households, joins) {
            cards += "\(h.id),\(h.head.name),2,\(h.members.map(\.name).joined(separator: join))\r\n"
        }
        try Data(cards.utf8).write(to: URL(fileURLWithPath: ws.input + "/wall.csv"))
        try edit(ws.pipeline) {
            $0.replacingOccurrences(of: "  verification:\n", with: """
                  wall:
                    households:
                      file: wall.csv
                      fields: {household_id: 户编号, head_name: 户主姓名, size: 家庭人口数, member_names: 家庭成员}
                  verification:

                """)
        }
        try ws.runBinary()
        XCTAssertEqual(try ws.findings().rows.map { $0["rule"]! }, [], "every wall lists both members")

        try edit(ws.pipeline) { $0.replacingOccurrences(of: "member_names: 家庭成员}", with: "member_names: 家庭成员}\n      member_separator: \"、，,；;\"") }
        try ws.runBinary()
        let mismatches = try ws.findings().rows.filter { $0["rule"] == "unify.mismatch" && $0["field"] == "member_names" }
        // Reported per member (issue 12): the joined name is one extra card name, the two members missing from the card.
        XCTAssertEqual(Set(mismatches.map { $0["household_id"]! }), [data[0].id, data[1].id], "space-joined names are one name without the spaces")
        for h in data.households.prefix(2) {
            let joined = h.members.map(\.name).joined()
            XCTAssertTrue(mismatches.contains { $0["household_id"] == h.id && $0["member_id"] == joined }, "\(joined) is an extra card name: \(mismatches.map { $0["member_id"]! })")
        }
    }

    /// A copy of the sample with `column` of `file` rewritten by `rewrite(value, row index)`
    /// (written back as UTF-8 CSV, quoted as needed), its findings, and the sample's own.
    func findingsWithRewrittenColumn(_ file: String, _ column: String, _ rewrite: (String, Int) -> String) throws -> (rewritten: CSVTable, sample: CSVTable, changed: Int) {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-separators-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        defer { try? fm.removeItem(atPath: input) }
        let table = try CSVTable(path: input + "/" + file)
        func cell(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var text = table.header.joined(separator: ",") + "\r\n"
        var changed = 0
        for (i, row) in table.rows.enumerated() {
            text += table.header.map { name in
                let value = row[name] ?? ""
                guard name == column else { return cell(value) }
                let new = rewrite(value, i)
                if new != value { changed += 1 }
                return cell(new)
            }.joined(separator: ",") + "\r\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: input + "/" + file))
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: input + "/out", asOf: SampleRunTests.asOf, useLedger: false)).run()
        try PipelineRunner(config: config, options: .init(outputFolder: input + "/reference", asOf: SampleRunTests.asOf, useLedger: false)).run()
        return (try CSVTable(path: input + "/out/findings.csv"), try CSVTable(path: input + "/reference/findings.csv"), changed)
    }

    /// The findings without the raw values they quote (which keep the file's own spelling).
    func outcomes(_ findings: CSVTable) -> [String] {
        findings.rows.map { [$0["finding_id"]!, $0["rule"]!, $0["action"]!, $0["message"]!].joined(separator: "|") }
    }

    /// The sample's wall cards with 家庭成员 written 王德明/刘桂芬 (even rows) or one name a line
    /// in the cell (odd rows, as Alt+Enter leaves it in a spreadsheet) give the sample's own
    /// findings: with only 、，,；; as separators, 197 false 五个统一 mismatches came out (exit 0).
    func testMemberSeparator_SlashesAndLineBreaksSplitNamesByDefault() throws {
        let result = try findingsWithRewrittenColumn("wall/cards.csv", "家庭成员") { value, i in
            value.replacingOccurrences(of: "、", with: i % 2 == 0 ? "/" : "\n")
        }
        XCTAssertGreaterThan(result.changed, 40)
        XCTAssertEqual(outcomes(result.rewritten), outcomes(result.sample))
    }

    /// The same for the system's 帮扶措施 (a set): 产业扶持/小额信贷 or one measure a line gave 45
    /// false mismatches, 44 of them "corrected" to the wall's spelling.
    func testSetSeparator_SlashesAndLineBreaksSplitMeasures() throws {
        let result = try findingsWithRewrittenColumn("system/households.csv", "帮扶措施") { value, i in
            value.replacingOccurrences(of: "、", with: i % 2 == 0 ? "/" : "\n").replacingOccurrences(of: ",", with: i % 2 == 0 ? "|" : "\r\n")
        }
        XCTAssertGreaterThan(result.changed, 40)
        XCTAssertEqual(outcomes(result.rewritten), outcomes(result.sample))
    }

    func testGB18030TabSeparatedWithTitle_GivesTheSameFindings() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[1].cadre = ""
        data[4].inspectedGrain = "900"
        try data.write(to: ws.input)
        try ws.runBinary()
        let expected = try Data(contentsOf: URL(fileURLWithPath: ws.out + "/findings.csv"))
        XCTAssertEqual(try ws.findings().rows.count, 2)
        // The same member table as a legacy export: GB18030, tab-separated, a title line on top.
        let members = ws.input + "/system/members.csv"
        let text = try String(contentsOfFile: members, encoding: .utf8)
        let legacy = "建档立卡贫困人口信息表\r\n" + text.replacingOccurrences(of: ",", with: "\t")
        try Data(try Transcoder.utf8ToGB18030().encode(legacy)).write(to: URL(fileURLWithPath: members))
        try edit(ws.pipeline) { $0.replacingOccurrences(of: "file: system/members.csv\n", with: "file: system/members.csv\n      delimiter: tab\n      header_row: 2\n") }
        try ws.runBinary()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ws.out + "/findings.csv")), expected)
        let input = try summaryInputs(ws)[1]
        XCTAssertEqual(input["encoding"] as? String, "gb18030")
        XCTAssertEqual([input["read"], input["accepted"], input["skipped"]].map { $0 as? Int }, [12, 12, 1])
        let corrected = try Data(contentsOf: URL(fileURLWithPath: ws.out + "/corrected/members.csv"))
        XCTAssertEqual(corrected, try Data(contentsOf: URL(fileURLWithPath: members)), "no member corrected: copied byte for byte, title included")
    }

    func testCorrected_TwoSystemTablesNamedAlikeKeepTheirFolders() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[2].inspectedGrade = "C"
        try data.write(to: ws.input)
        let fm = FileManager.default
        for folder in ["户", "人员"] { try fm.createDirectory(atPath: ws.input + "/" + folder, withIntermediateDirectories: true) }
        try fm.moveItem(atPath: ws.input + "/system/households.csv", toPath: ws.input + "/户/导出.txt")
        try fm.moveItem(atPath: ws.input + "/system/members.csv", toPath: ws.input + "/人员/导出.txt")
        try edit(ws.pipeline) {
            $0.replacingOccurrences(of: "file: system/households.csv", with: "file: 户/导出.txt")
                .replacingOccurrences(of: "file: system/members.csv", with: "file: 人员/导出.txt")
        }
        try ws.runBinary()
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: ws.out + "/corrected").sorted(), ["人员", "户"])
        let households = try CSVTable(path: ws.out + "/corrected/户/导出.txt")
        XCTAssertEqual(households.rows.first { $0["户编号"] == data[2].id }?["住房安全等级"], "C")
        let members = try CSVTable(path: ws.out + "/corrected/人员/导出.txt")
        XCTAssertEqual(members.header.first, "户编号")
        XCTAssertEqual(members.rows.count, 12)
        XCTAssertEqual(CorrectedDatasetWriter.outputNames(["system/households.csv", "system/members.csv"]), ["households.csv", "members.csv"])
        XCTAssertEqual(CorrectedDatasetWriter.outputNames(["../a/x.csv", "b/x.csv"]), ["a/x.csv", "b/x.csv"])
    }
}

extension NightlyWorkspace {
    /// Runs the real binary on the workspace's pipeline and fails the test unless it exits 0.
    func runBinary(file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try FivefoldProcess.run(["run", pipeline, "-q", "--no-ledger"])
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
    }
}
