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

/// Issue 13: a pipeline whose mapping does not fit the data stops with exit 2 and one message
/// instead of running with quietly fewer findings; what only looks wrong is a warning.
final class MappingErrorTests: XCTestCase {
    /// The nightly dataset has no exited household, so its 脱贫年度 column is blank throughout:
    /// every run on it says so.
    let exitYearWarning = "system/households.csv: column 脱贫年度 (exit_year) is blank in every row"
    /// The nightly dataset maps no 六型类别 or 帮扶措施: the rules that need them are skipped, and said so.
    let skippedRuleWarnings = [
        "rule household.type skipped: the system source maps no household_type (六型类别); its households are not checked for it (map the column to run it)",
        "rule household.measures skipped: the system source maps no measures (帮扶措施); its households are not checked for it (map the column to run it)",
    ]

    /// The nightly workspace with its input written and `edit` applied to one input file.
    func workspace(editing file: String? = nil, _ edit: (String) -> String = { $0 }) throws -> NightlyWorkspace {
        let ws = try NightlyWorkspace()
        try NightlyDataset.standard().write(to: ws.input)
        if let file {
            let path = ws.input + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try Data(edit(text).utf8).write(to: URL(fileURLWithPath: path))
        }
        return ws
    }

    func editPipeline(_ ws: NightlyWorkspace, _ edit: (String) -> String) throws {
        let text = try String(contentsOfFile: ws.pipeline, encoding: .utf8)
        let edited = edit(text)
        XCTAssertNotEqual(edited, text, "the pipeline edit changed nothing")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: ws.pipeline))
    }

    /// Nothing beside the pipeline and the input: no output, ledger, staging or work folder.
    func assertNothingWritten(_ ws: NightlyWorkspace, file: StaticString = #filePath, line: UInt = #line) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.root).sorted()
        XCTAssertEqual(names, ["input", "nightly.yaml"], file: file, line: line)
    }

    func testMissingColumn_ExitsTwoAtTheKeyWithHeadersAndClosest() throws {
        // The export says 人均纯收入（元） (full-width brackets and a unit); the pipeline says 人均纯收入.
        let ws = try workspace(editing: "system/households.csv") { $0.replacingOccurrences(of: ",人均纯收入,", with: ",人均纯收入（元）,") }
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 2, run.stderr)
        let lines = run.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, run.stderr)
        // The message points at the key: the first line mapping income_per_capita (the system's).
        let yamlLines = try String(contentsOfFile: ws.pipeline, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let index = yamlLines.firstIndex { $0.contains("income_per_capita:") }!
        let column = yamlLines[index].distance(from: yamlLines[index].startIndex, to: yamlLines[index].range(of: "income_per_capita")!.lowerBound) + 1
        XCTAssertTrue(run.stderr.hasPrefix("fivefold: \(ws.pipeline):\(index + 1):\(column): sources.system.households.fields.income_per_capita: no column named \"人均纯收入\" in system/households.csv; found: 户编号, 行政区划代码,"), run.stderr)
        XCTAssertTrue(run.stderr.contains("人均纯收入（元）, 住房安全等级"), run.stderr)
        XCTAssertTrue(run.stderr.contains("; closest: \"人均纯收入（元）\""), run.stderr)
        try assertNothingWritten(ws)
    }

    /// A header naming a mapped column twice (a flattened export titles the head's and the
    /// member's ID both 身份证号): which one is meant cannot be told, so the run stops at the key
    /// instead of reading the first; `fivefold check` says the same.
    func testDuplicatedColumn_ExitsTwoNamingBothColumns() throws {
        let ws = try workspace(editing: "system/households.csv") { text in
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return ([lines[0].replacingOccurrences(of: ",住房安全等级,", with: ",人均纯收入,")] + lines.dropFirst().map(String.init)).joined(separator: "\n")
        }
        let header = try String(contentsOfFile: ws.input + "/system/households.csv", encoding: .utf8).split(separator: "\n")[0]
            .trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}")).split(separator: ",", omittingEmptySubsequences: false)
        let places = header.indices.filter { header[$0] == "人均纯收入" }.map { "\($0 + 1)" }
        XCTAssertEqual(places.count, 2)
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("sources.system.households.fields.income_per_capita: system/households.csv has 2 columns named \"人均纯收入\" (columns \(places.joined(separator: ", "))): which one holds income_per_capita cannot be told from the header"), run.stderr)
        try assertNothingWritten(ws)
        let check = try FivefoldProcess.run(["check", ws.pipeline])
        XCTAssertNotEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue((check.stdout + check.stderr).contains("has 2 columns named \"人均纯收入\""), check.stdout + check.stderr)
    }

    func testOptionalColumn_MayBeAbsentAndOtherFormsStillWork() throws {
        let ws = try workspace(editing: "system/households.csv") { $0.replacingOccurrences(of: ",人均纯收入,", with: ",人均收入,") }
        try editPipeline(ws) {
            $0.replacingOccurrences(of: "income_per_capita: 人均纯收入, house_grade: 住房安全等级, house_area", with: "income_per_capita: {name: 人均纯收入, optional: true}, house_grade: {aliases: [住房等级, 住房安全等级]}, house_area")
        }
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, ([exitYearWarning] + skippedRuleWarnings).map { "fivefold: warning: \($0)\n" }.joined())
        // The inspection's income has no system value to disagree with; the grades are still read.
        let findings = try ws.findings()
        XCTAssertFalse(findings.rows.contains { $0["field"] == "income_per_capita" })
        XCTAssertTrue(findings.rows.isEmpty, "\(findings.rows)")
    }

    func testBlankColumn_IsAWarningPrintedAndInSummary() throws {
        let ws = try workspace(editing: "verification/inspection.csv") { $0.replacingOccurrences(of: ",核查员,", with: ",,") }
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let expected = [
            exitYearWarning,
            "verification/inspection.csv: column 核查人 (inspector) is blank in every row",
        ] + skippedRuleWarnings
        XCTAssertEqual(run.stderr, expected.map { "fivefold: warning: \($0)\n" }.joined())
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.out + "/summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["warnings"] as? [String], expected)
    }

    /// An archive XML beside the nightly input: households as attributes, members nested.
    func addArchive(_ ws: NightlyWorkspace, recordPath: String, memberPath: String, headField: String = "户主姓名") throws {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<档案>\n"
        for h in NightlyDataset.standard().households {
            xml += "  <户 户编号=\"\(h.id)\"><户主姓名>\(h.head.name)</户主姓名><家庭人口数>\(h.members.count)</家庭人口数><成员列表>"
            for m in h.members { xml += "<成员><姓名>\(m.name)</姓名><身份证号>\(m.id)</身份证号></成员>" }
            xml += "</成员列表></户>\n"
        }
        xml += "</档案>\n"
        try FileManager.default.createDirectory(atPath: ws.input + "/archive", withIntermediateDirectories: true)
        try Data(xml.utf8).write(to: URL(fileURLWithPath: ws.input + "/archive/archive.xml"))
        try editPipeline(ws) {
            $0.replacingOccurrences(of: "  verification:\n", with: """
                  archive:
                    households:
                      file: archive/archive.xml
                      record_path: \(recordPath)
                      member_path: \(memberPath)
                      fields: {household_id: 户编号, head_name: \(headField), size: 家庭人口数}
                      member_fields: {name: 姓名, id_number: 身份证号}
                  verification:

                """)
        }
    }

    func testXMLRecordPathMatchingNothing_ExitsTwoListingThePathsFound() throws {
        let ws = try workspace()
        try addArchive(ws, recordPath: "档案/家庭", memberPath: "成员列表/成员")
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains(": sources.archive.households.record_path: record_path 档案/家庭 matches no element of archive/archive.xml; element paths found: 档案 (1), 档案/户 (6), 档案/户/户主姓名 (6), 档案/户/家庭人口数 (6), 档案/户/成员列表 (6), 档案/户/成员列表/成员 (12), 档案/户/成员列表/成员/姓名 (12), 档案/户/成员列表/成员/身份证号 (12)\n"), run.stderr)
        try assertNothingWritten(ws)
    }

    func testXMLFieldNoRecordHas_ExitsTwoNamingTheNamesFound() throws {
        let ws = try workspace()
        try addArchive(ws, recordPath: "档案/户", memberPath: "成员列表/成员", headField: "户主")
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("sources.archive.households.fields.head_name: no element or attribute named \"户主\" in archive/archive.xml (6 records at 档案/户); found: @户编号, 家庭人口数, 户主姓名 (map the name the file uses, or add optional: true if the element or attribute may be absent)\n"), run.stderr)
        try assertNothingWritten(ws)
    }

    /// Member fields mapped and not one member found: a wrong member_path (every member would be
    /// reported missing from the archive), so it stops the run like a wrong record_path.
    func testXMLMemberPathWithoutMembers_ExitsTwoNamingWhatTheRecordsHold() throws {
        let ws = try workspace()
        try addArchive(ws, recordPath: "档案/户", memberPath: "成员/成员")
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains(": sources.archive.households.member_path: member_path 成员/成员 found no members in 6 records at 档案/户; elements and attributes of those records: @户编号, 户主姓名, 家庭人口数"), run.stderr)
        try assertNothingWritten(ws)
    }

    /// A table whose 户编号 may be blank (require_key: false, as the interview's is: a blank key is
    /// a household the system lacks) with 户编号 blank in every row: the export left the key out.
    /// The run went on with exit 0, every household missing from the source and every row an
    /// unregistered household; now it stops (exit 2) at the key, and `check` says so too.
    func testKeyBlankInEveryRow_CSV_ExitsTwoAtTheKey() throws {
        let ws = try workspace(editing: "verification/inspection.csv") { text in
            text.components(separatedBy: "\r\n").enumerated().map { i, line in
                guard i > 0, let comma = line.firstIndex(of: ",") else { return line }
                return String(line[comma...])
            }.joined(separator: "\r\n")
        }
        try editPipeline(ws) { $0.replacingOccurrences(of: "  verification:\n    households:", with: "  verification:\n    require_key: false\n    households:") }
        let run = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains(": sources.verification.households.fields.household_id: 户编号 (household_id) is blank in every row of verification/inspection.csv: it is the key of this table"), run.stderr)
        try assertNothingWritten(ws)
        let check = try FivefoldProcess.run(["check", ws.pipeline])
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stderr.contains("户编号 (household_id) is blank in all 6 rows of verification/inspection.csv: it is the key of this table"), check.stderr)
        XCTAssertFalse(check.stderr.contains("warning: verification/inspection.csv: column 户编号"), check.stderr)
    }

    /// The sample's interview (gzipped XML, require_key: false) with every <户编号> empty: before,
    /// exit 0 with 113 findings instead of 59 (50 households "missing" from the interview).
    func testKeyBlankInEveryRecord_XML_ExitsTwoAtTheKey() throws {
        let copy = try SampleCopy(self)
        let survey = copy.input + "/interview/survey.xml.gz"
        let text = try Self.shell("zcat '\(survey)'")
        let blanked = text.replacingOccurrences(of: #"<户编号>[0-9]+</户编号>"#, with: "<户编号></户编号>", options: .regularExpression)
        XCTAssertNotEqual(blanked, text)
        try Data(blanked.utf8).write(to: URL(fileURLWithPath: survey))  // plain XML: the reader goes by content
        let run = try FivefoldProcess.run(copy.runArguments())
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix(": sources.interview.households.fields.household_id: 户编号 (household_id) is blank in every record of interview/survey.xml.gz: it is the key of this table, so no record would be matched to a household or person, and the run's findings on this source would be false (every household missing from it) or missing (map the element or attribute that holds the 户编号; fivefold inspect shows the file's values)\n"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.out))
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", copy.input])
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stderr.contains("户编号 (household_id) is blank in all 50 records of interview/survey.xml.gz"), check.stderr)
    }

    /// The same interview with <户编号> left in 5 records of 50: the run goes on (a village-wide
    /// 走访 lists unregistered households without one) and says how many are blank and why it
    /// matters, on stderr and in summary.json; the sample as shipped (every record keyed) says
    /// nothing.
    func testKeyBlankInMostRecords_XML_WarnsAndRuns() throws {
        let copy = try SampleCopy(self)
        let survey = copy.input + "/interview/survey.xml.gz"
        let text = try Self.shell("zcat '\(survey)'")
        var kept = 0
        var blanked = ""
        var rest = Substring(text)
        while let r = rest.range(of: #"<户编号>[0-9]+</户编号>"#, options: .regularExpression) {
            blanked += rest[..<r.lowerBound]
            kept += 1
            blanked += kept <= 5 ? String(rest[r]) : "<户编号></户编号>"
            rest = rest[r.upperBound...]
        }
        blanked += rest
        XCTAssertEqual(kept, 48, "the sample's interview keys 48 of its 50 records (2 unregistered households)")
        try Data(blanked.utf8).write(to: URL(fileURLWithPath: survey))
        let run = try FivefoldProcess.run(copy.runArguments().filter { $0 != "-q" })
        XCTAssertEqual(run.status, 0, run.stderr)
        let warning = "interview/survey.xml.gz: 户编号 (household_id) is blank in 45 of 50 records (90 %); each is read as a household the system lacks and judged by 四看法 for 漏评. If these households are registered, the key is mapped to the wrong element (fivefold inspect shows the file's values)"
        XCTAssertTrue(run.stderr.contains(warning), run.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: copy.out + "/summary.json"))) as! [String: Any]
        XCTAssertTrue((summary["warnings"] as? [String] ?? []).contains(warning), "\(summary["warnings"] ?? "none")")
        // `fivefold check` says the same from the records it reads (here all 50).
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", copy.input])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stderr.contains("warning: " + warning), check.stderr)
        XCTAssertFalse(Partitioner.isMostly(25, of: 50), "half is not most")
        XCTAssertFalse(Partitioner.isMostly(9, of: 9), "all blank stops the run instead")
        XCTAssertFalse(Partitioner.isMostly(8, of: 9), "too few records to tell")
    }

    /// The archive writes every 户编号 with a prefix the system does not (LZ5202031002010001):
    /// no key matches, and the run, which goes on, says so with both forms; the sample as
    /// shipped says nothing.
    func testKeysWrittenDifferentlyInASource_WarnsWithBothForms() throws {
        let copy = try SampleCopy(self)
        let archive = copy.input + "/archive/archive.xml"
        let gbk = String.Encoding(rawValue: 0x8000_0632)
        let xml = try XCTUnwrap(String(data: try Data(contentsOf: URL(fileURLWithPath: archive)), encoding: gbk))
        try XCTUnwrap(xml.replacingOccurrences(of: "户编号=\"52", with: "户编号=\"LZ52").data(using: gbk)).write(to: URL(fileURLWithPath: archive))
        let run = try FivefoldProcess.run(copy.runArguments())
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("warning: archive (档案): 0 of 49 households have a 户编号 the system holds (the archive's first: LZ5202031002010001; the system's: 5202031002010001)"), run.stderr)
        XCTAssertFalse(run.stderr.contains("wall (") || run.stderr.contains("interview ("), "the other sources match")

        let plain = try SampleCopy(self)
        let clean = try FivefoldProcess.run(plain.runArguments())
        XCTAssertFalse(clean.stderr.contains("households have a 户编号 the system holds"), clean.stderr)
    }

    /// The legacy pipeline declares 县级导出/户/导出.txt GB18030; the county sends it as UTF-8
    /// this time. The header cannot be read, and the message says the header is valid UTF-8.
    func testUTF8FileUnderDeclaredGB18030_SaysTheHeaderIsUTF8() throws {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-legacy-utf8-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.repo.appendingPathComponent("fixtures/legacy").path, toPath: input)
        addTeardownBlock { try? fm.removeItem(atPath: input) }
        let file = input + "/县级导出/户/导出.txt"
        let utf8 = try Self.shell("iconv -f GB18030 -t UTF-8 '\(file)'")
        XCTAssertTrue(utf8.contains("户编号"))
        try Data(utf8.utf8).write(to: URL(fileURLWithPath: file))
        let pipeline = SampleRunTests.repo.appendingPathComponent("pipelines/legacy-county.yaml").path
        let run = try FivefoldProcess.run(["run", pipeline, "--input", input, "--out", input + "-out", "--as-of", "2020-12-31", "-q", "--no-ledger"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertEqual(run.stderr, "fivefold: 县级导出/户/导出.txt:3: header is not valid GB18030 (field 2); the header is valid UTF-8: if the file is UTF-8, set the table's encoding to utf-8 or auto\n")
    }

    static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
