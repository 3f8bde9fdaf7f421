import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// `fivefold check` reads the data (issue 13): every problem of every table in one pass, from
/// the beginnings of the files only.
final class CheckTests: XCTestCase {
    func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(change(text).utf8).write(to: URL(fileURLWithPath: path))
    }

    func testCheck_ListsEveryProblemOfEveryTableAndExitsTwo() throws {
        let ws = try NightlyWorkspace()
        try NightlyDataset.standard().write(to: ws.input)
        // 1. a renamed column; 2. a member row with a field too many; 3. an archive whose record
        // path matches nothing; 4. a tab-separated table read with commas (its columns then all
        // look missing: the delimiter is named once instead).
        try edit(ws.input + "/system/households.csv") { $0.replacingOccurrences(of: ",帮扶责任人,", with: ",帮扶干部,") }
        try edit(ws.input + "/system/members.csv") { text in
            var lines = text.components(separatedBy: "\r\n")
            lines[3] += ","
            return lines.joined(separator: "\r\n")
        }
        try edit(ws.input + "/verification/inspection.csv") { $0.replacingOccurrences(of: ",", with: "\t") }
        try FileManager.default.createDirectory(atPath: ws.input + "/archive", withIntermediateDirectories: true)
        try Data("<档案><户><户编号>1</户编号></户></档案>\n".utf8).write(to: URL(fileURLWithPath: ws.input + "/archive/a.xml"))
        try edit(ws.pipeline) {
            $0.replacingOccurrences(of: "  verification:\n", with: """
                  archive:
                    households: {file: archive/a.xml, record_path: 档案/家庭, fields: {household_id: 户编号}}
                  verification:

                """)
        }
        let result = try FivefoldProcess.run(["check", ws.pipeline])
        XCTAssertEqual(result.status, 2, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let problems = lines.filter { !$0.hasPrefix("fivefold: warning: ") }
        XCTAssertEqual(problems.count, 5, result.stderr)
        XCTAssertTrue(lines.contains("fivefold: warning: system/households.csv: column 脱贫年度 (exit_year) is blank in all 6 rows"), result.stderr)
        XCTAssertTrue(problems[0].hasPrefix("fivefold: \(ws.pipeline):10:"), problems[0])
        XCTAssertTrue(problems[0].contains("sources.system.households.fields.cadre_name: no column named \"帮扶责任人\" in system/households.csv"), problems[0])
        XCTAssertEqual(problems[1], "fivefold: system/members.csv: 1 of all 12 rows would be quarantined: expected 13 fields, found 14 (line 4)")
        XCTAssertTrue(problems[2].contains("archive.households.record_path: record_path 档案/家庭 matches no element of archive/a.xml; element paths found: 档案 (1), 档案/户 (1), 档案/户/户编号 (1)"), problems[2])
        XCTAssertEqual(problems[3], "fivefold: verification/inspection.csv: the file looks tab-separated, but the pipeline reads it with delimiter \",\" (set delimiter: tab)")
        XCTAssertEqual(problems[4], "fivefold: \(ws.pipeline): 4 problems found")
        XCTAssertTrue(result.stdout.contains("system/members.csv: csv, utf-8, delimiter \",\", 13 columns, 13 of 13 fields mapped; all 12 rows read, 1 would be quarantined\n"), result.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ws.root).sorted(), ["input", "nightly.yaml"], "check writes nothing")
    }

    func testCheck_ReadsOnlyTheBeginningOfABigTable() throws {
        let ws = try NightlyWorkspace()
        try NightlyDataset.standard().write(to: ws.input)
        // 300,000 member rows (~30 MB), the last one broken: a sample of 1,000 never reaches it.
        let path = ws.input + "/system/members.csv"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        let row = "5202031002019999,520203196503010011,某某,之子,男,1990-01-01,汉族,小学,非在校生,健康,普通劳动力,6,是\r\n"
        let block = Data(String(repeating: row, count: 10_000).utf8)
        for _ in 0..<30 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("broken,row\r\n".utf8))
        try handle.close()
        let started = Date()
        let result = try FivefoldProcess.run(["check", ws.pipeline])
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("system/members.csv: csv, utf-8, delimiter \",\", 13 columns, 13 of 13 fields mapped; the first 1000 rows read, 0 would be quarantined"), result.stdout)
        XCTAssertLessThan(seconds, 2, "check reads only the beginnings")
    }

    func testCheck_XMLReadsPastTheSampleForANameOnlyLaterRecordsCarry() throws {
        let ws = try NightlyWorkspace()
        try NightlyDataset.standard().write(to: ws.input)
        // 1,500 archive households; only the 1,200th has exited and carries 脱贫年度.
        var xml = "<档案>\n"
        for i in 1...1500 {
            xml += "<户 户编号=\"H\(i)\">" + (i == 1200 ? "<脱贫年度>2019</脱贫年度>" : "") + "</户>\n"
        }
        xml += "</档案>\n"
        try FileManager.default.createDirectory(atPath: ws.input + "/archive", withIntermediateDirectories: true)
        try Data(xml.utf8).write(to: URL(fileURLWithPath: ws.input + "/archive/a.xml"))
        let text = try String(contentsOfFile: ws.pipeline, encoding: .utf8)
        func pipeline(_ name: String) throws {
            try Data(text.replacingOccurrences(of: "  verification:\n", with: """
                  archive:
                    households: {file: archive/a.xml, record_path: 档案/户, fields: {household_id: 户编号, exit_year: \(name)}}
                  verification:

                """).utf8).write(to: URL(fileURLWithPath: ws.pipeline))
        }
        try pipeline("脱贫年度")
        let found = try FivefoldProcess.run(["check", ws.pipeline])
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertTrue(found.stdout.contains("archive/a.xml: xml, UTF-8, record_path 档案/户; the first 1200 records read, 0 members"), found.stdout)
        try pipeline("脱贫年份")
        let missing = try FivefoldProcess.run(["check", ws.pipeline])
        XCTAssertEqual(missing.status, 2, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("sources.archive.households.fields.exit_year: no element or attribute named \"脱贫年份\" in archive/a.xml (all 1500 records at 档案/户); found: @户编号, 脱贫年度"), missing.stderr)
    }
}
