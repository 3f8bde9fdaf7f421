import Foundation
import GRDB
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Nightly use (SPEC §8): every finding classified against the previous run, and a repeated
/// night that changes nothing.
final class LedgerRunTests: XCTestCase {
    func testCleanDataset_RaisesNoFinding() throws {
        let ws = try NightlyWorkspace()
        let summary = try ws.run(.standard())
        XCTAssertEqual(try ws.findings().rows.map { "\($0["rule"]!) \($0["household_id"]!) \($0["message"]!)" }, [])
        XCTAssertEqual(summary.households, 6)
        XCTAssertEqual(summary.status, FindingStatusCounts())
    }

    /// Run 1 plants four defects; run 2 fixes one and adds one; run 3 brings the fixed one back
    /// and fixes two more. Every status is asserted, in findings.csv, summary.json and the ledger.
    func testThreeRuns_NewPersistingResolvedReopened() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        let hh = data.households.map(\.id)
        data[0].inspectedGrade = "A"  // D1: grade, corrected
        data[1].cadre = ""  // D2: no cadre
        data[3].recordedSize = 3  // D3: size
        data[4].inspectedGrain = "900"  // D5: grain, worklist
        let first = try ws.run(data)
        let d1 = try XCTUnwrap(ws.findingID("unify.mismatch", household: hh[0], field: "house_grade"))
        let d2 = try XCTUnwrap(ws.findingID("household.no_cadre", household: hh[1]))
        let d3 = try XCTUnwrap(ws.findingID("household.size_mismatch", household: hh[3]))
        let d5 = try XCTUnwrap(ws.findingID("unify.mismatch", household: hh[4], field: "grain_kg"))
        XCTAssertEqual(try ws.statuses(), [d1: "new", d2: "new", d3: "new", d5: "new"])
        XCTAssertEqual(first.status, FindingStatusCounts(new: 4))

        data[0].inspectedGrade = nil  // D1 fixed
        data[5].cadre = ""  // D4: new
        let second = try ws.run(data)
        let d4 = try XCTUnwrap(ws.findingID("household.no_cadre", household: hh[5]))
        XCTAssertEqual(try ws.statuses(), [d2: "persisting", d3: "persisting", d4: "new", d5: "persisting"])
        XCTAssertEqual(second.status, FindingStatusCounts(new: 1, persisting: 3, resolved: 1, reopened: 0))

        data[0].inspectedGrade = "A"  // D1 back
        data[1].cadre = "李明"  // D2 fixed
        data[4].inspectedGrain = nil  // D5 fixed
        let third = try ws.run(data)
        XCTAssertEqual(try ws.statuses(), [d1: "reopened", d3: "persisting", d4: "persisting"])
        XCTAssertEqual(third.status, FindingStatusCounts(new: 0, persisting: 2, resolved: 2, reopened: 1))
        XCTAssertEqual(third.ledger?.run, 3)
        XCTAssertEqual(third.ledger?.previousRun, 2)

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.out + "/summary.json"))) as! [String: Any]
        XCTAssertEqual(json["status"] as? [String: Int], ["new": 0, "persisting": 2, "resolved": 2, "reopened": 1])

        let ledger = try Ledger(path: ws.ledger, create: false)
        XCTAssertEqual(try ledger.runs().map(\.id), [1, 2, 3])
        XCTAssertEqual(try ledger.runs().map(\.statusCounts), [first.status!, second.status!, third.status!])
        let states = Dictionary(try ledger.findings().map { ($0.findingID, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(states.count, 5)
        func check(_ id: String, _ state: FindingStatus, first: Int64, last: Int64, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(states[id]?.state, state, file: file, line: line)
            XCTAssertEqual(states[id]?.firstSeenRun, first, file: file, line: line)
            XCTAssertEqual(states[id]?.lastSeenRun, last, file: file, line: line)
        }
        check(d1, .reopened, first: 1, last: 3)
        check(d2, .resolved, first: 1, last: 2)
        check(d3, .persisting, first: 1, last: 3)
        check(d4, .persisting, first: 2, last: 3)
        check(d5, .resolved, first: 1, last: 2)
        XCTAssertEqual(try ledger.history(of: d1).map { "\($0.runID) \($0.status.rawValue)" }, ["1 new", "2 resolved", "3 reopened"])
        XCTAssertEqual(try ledger.history(of: d2).map { "\($0.runID) \($0.status.rawValue)" }, ["1 new", "3 resolved"])
        XCTAssertEqual(try ledger.history(of: d3).map { "\($0.runID) \($0.status.rawValue)" }, ["1 new"])
        XCTAssertEqual(try ledger.inputs(run: 3).map(\.file), [
            "system/households.csv", "system/members.csv", "verification/inspection.csv", "verification/villages.csv",
        ])

        // The report lists what was resolved even though findings.csv no longer has it.
        let report = try String(contentsOfFile: ws.out + "/report.html", encoding: .utf8)
        XCTAssertTrue(report.contains(d2) && report.contains(d5), "resolved findings listed in report.html")
    }

    /// Re-running the same night: the same outputs byte for byte (summary.json's timings aside)
    /// and the latest run replaced in the ledger, not stacked.
    func testRepeatedRun_IdenticalOutputsAndNoDuplicatedHistory() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[0].inspectedGrade = "A"
        data[1].cadre = ""
        try ws.run(data)
        data[0].inspectedGrade = nil
        data[3].recordedSize = 5
        try ws.run(data)
        let outputs = try ws.outputFiles()
        let ledgerBefore = try LedgerDump(path: ws.ledger)

        try ws.run(data)
        let again = try ws.outputFiles()
        XCTAssertEqual(Set(again.keys), Set(outputs.keys))
        for (name, bytes) in outputs where name != "summary.json" {
            XCTAssertEqual(again[name], bytes, "\(name) differs after a repeated run")
        }
        XCTAssertEqual(try LedgerDump.withoutTimings(again["summary.json"]!), try LedgerDump.withoutTimings(outputs["summary.json"]!))
        XCTAssertTrue(String(decoding: again["findings.csv"]!, as: UTF8.self).contains(",persisting\r\n"))

        let ledgerAfter = try LedgerDump(path: ws.ledger)
        XCTAssertEqual(ledgerAfter.tables["runs"]?.count, 2, "a repeat replaces the latest run")
        // The input files were written anew (new modification times): still the same input.
        for table in ["findings", "history", "run_inputs", "signoffs"] {
            XCTAssertEqual(ledgerAfter.tables[table], ledgerBefore.tables[table], table)
        }
        let runs = try Ledger(path: ws.ledger).runs()
        XCTAssertEqual(runs.map(\.repeats), [0, 1])

        // A different night after the repeat is a new run again, compared with run 2.
        data[1].cadre = "李明"
        let next = try ws.run(data)
        XCTAssertEqual(next.ledger?.run, 3)
        XCTAssertEqual(next.ledger?.previousRun, 2)
        XCTAssertEqual(next.status?.resolved, 1)
    }

    func testNoLedger_EveryFindingNewAndNoLedgerFile() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[1].cadre = ""
        try ws.run(data)
        let summary = try ws.run(data, useLedger: false)
        XCTAssertEqual(summary.status, FindingStatusCounts(new: 1))
        XCTAssertNil(summary.ledger)
        XCTAssertEqual(try Ledger(path: ws.ledger).runs().count, 1, "--no-ledger leaves the ledger alone")
    }
}

/// Every row of every ledger table, as text, for row-for-row comparisons.
struct LedgerDump: Equatable {
    var tables: [String: [String]] = [:]

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.read { db in
            for table in ["runs", "run_inputs", "findings", "history", "signoffs"] {
                // A file's modification time is recorded but is not part of what makes a run.
                let columns = table == "run_inputs" ? "run_id, file, size, content_hash" : "*"
                let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table) ORDER BY 1, 2")
                tables[table] = rows.map { $0.description }
            }
        }
        try queue.close()
    }

    /// summary.json without `timings_seconds`, re-encoded.
    static func withoutTimings(_ data: Data) throws -> Data {
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        object["timings_seconds"] = nil
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}

/// A night whose system export holds far fewer households than the last recorded run stops
/// before the ledger marks the missing households' findings resolved.
final class HouseholdCountTests: XCTestCase {
    func testExportCutShort_StopsUnlessFewerHouseholdsAreAccepted() throws {
        let copy = try SampleCopy(self)
        let (input, base, ledger) = (copy.input, copy.base, copy.ledger)
        let args = copy.runArguments()
        XCTAssertEqual(try FivefoldProcess.run(args).status, 0)
        // A ledger recorded before the row counts were kept: households compared with the run's.
        try DatabaseQueue(path: ledger).write { try $0.execute(sql: "UPDATE run_inputs SET rows = NULL") }

        // The export stops after 29 of the 48 households.
        let households = input + "/system/households.csv"
        let lines = try String(contentsOfFile: households, encoding: .utf8).components(separatedBy: "\r\n")
        try (lines.prefix(30).joined(separator: "\r\n") + "\r\n").write(toFile: households, atomically: true, encoding: .utf8)
        let cut = try FivefoldProcess.run(args)
        XCTAssertEqual(cut.status, 2, cut.stderr)
        XCTAssertEqual(cut.stderr, "fivefold: system/households.csv: 29 households against 48 in the ledger's last run (run 1, as of 2020-12-31): recorded, this run would mark every open finding of the missing households resolved. Check the export (cut short? a filter left on?); if the households really left, run again with --accept-fewer-households. Nothing was written\n")
        XCTAssertEqual(try Ledger(path: ledger).runs().count, 1, "no run recorded")
        XCTAssertEqual(try Ledger(path: ledger).findings().filter { $0.state == .resolved }.count, 0, "nothing marked resolved")

        let accepted = try FivefoldProcess.run(args + ["--accept-fewer-households"])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertTrue(accepted.stdout.hasPrefix("29 households, "), accepted.stdout)
        XCTAssertTrue(accepted.stdout.contains("resolved 14)"), accepted.stdout)
        // Without a ledger there is nothing to protect: no check.
        XCTAssertEqual(try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", input, "--out", base + "/plain", "--no-ledger", "--as-of", SampleRunTests.asOf, "-q"]).status, 0)
    }

    /// Every household still there, but the members export stops after 99 of 158 rows: recorded,
    /// the missing members' id.* and registry findings would be marked resolved.
    func testMembersCutShort_StopsUnlessAccepted() throws {
        let copy = try SampleCopy(self)
        let args = copy.runArguments()
        XCTAssertEqual(try FivefoldProcess.run(args).status, 0)
        XCTAssertEqual(try Ledger(path: copy.ledger).inputs(ofRun: 1).first { $0.file == "system/members.csv" }?.rows, 158)

        let members = copy.input + "/system/members.csv"
        let lines = try String(contentsOfFile: members, encoding: .utf8).components(separatedBy: "\n")
        XCTAssertEqual(lines.count, 160)
        try (lines.prefix(100).joined(separator: "\n") + "\n").write(toFile: members, atomically: true, encoding: .utf8)
        let cut = try FivefoldProcess.run(args)
        XCTAssertEqual(cut.status, 2, cut.stderr)
        XCTAssertEqual(cut.stderr, "fivefold: system/members.csv: 99 member rows against 158 in the ledger's last run (run 1, as of 2020-12-31): recorded, this run would mark every open finding of the missing members resolved. Check the export (cut short? a filter left on?); if the members really left, run again with --accept-fewer-households. Nothing was written\n")
        XCTAssertEqual(try Ledger(path: copy.ledger).runs().count, 1, "no run recorded")

        let accepted = try FivefoldProcess.run(args + ["--accept-fewer-households"])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertTrue(accepted.stdout.hasPrefix("48 households, "), accepted.stdout)
        XCTAssertTrue(accepted.stdout.contains("resolved 10)"), accepted.stdout)
        // The next night is compared with the rows this one accepted.
        XCTAssertEqual(try Ledger(path: copy.ledger).inputs(ofRun: 2).first { $0.file == "system/members.csv" }?.rows, 99)
        XCTAssertEqual(try FivefoldProcess.run(args).status, 0)
    }
}

/// A rule that does not run tonight (switched off, or skipped for a blank 六型类别 column) does not
/// resolve its open findings: gone from the output is not the problem fixed.
final class RulesNotRunTests: XCTestCase {
    func testSwitchedOffOrSkippedRulesLeaveTheirFindingsOpen() throws {
        let copy = try SampleCopy(self)
        let (input, ledger, pipeline) = (copy.input, copy.ledger, copy.base + "/off.yaml")
        func run(_ pipeline: String) throws -> String {
            let outcome = try FivefoldProcess.run(copy.runArguments(pipeline: pipeline))
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            return outcome.stdout
        }
        func state(_ rule: String) throws -> [FindingStatus] {
            try Ledger(path: ledger).findings().filter { $0.rule == rule }.map(\.state)
        }
        XCTAssertTrue(try run(SampleRunTests.pipeline).contains("(new 59, persisting 0, reopened 0, resolved 0)"))

        // id.checksum switched off for a night: its finding stays open, and comes back persisting.
        let text = try String(contentsOfFile: SampleRunTests.pipeline, encoding: .utf8)
        let off = text.replacingOccurrences(of: "  id.checksum: {severity: error}", with: "  id.checksum: {severity: error, enabled: false}")
            .replacingOccurrences(of: "vocabulary: vocabulary.yaml", with: "vocabulary: \(SampleRunTests.repo.path)/pipelines/vocabulary.yaml")
        XCTAssertNotEqual(off, text)
        try off.write(toFile: pipeline, atomically: true, encoding: .utf8)
        XCTAssertTrue(try run(pipeline).contains("58 findings, 9 corrections, 39 worklist items (new 0, persisting 58, reopened 0, resolved 0)"))
        XCTAssertEqual(try state("id.checksum"), [.new], "not resolved")
        XCTAssertTrue(try run(SampleRunTests.pipeline).contains("(new 0, persisting 59, reopened 0, resolved 0)"))

        // A night whose export leaves 六型类别 blank skips household.type: its finding stays open.
        let households = input + "/system/households.csv"
        let table = try String(contentsOfFile: households, encoding: .utf8)
        var lines = table.components(separatedBy: "\r\n")
        let column = lines[0].components(separatedBy: ",").firstIndex(of: "六型类别")!
        for i in 1..<lines.count where !lines[i].isEmpty {
            // The 帮扶措施 column (last) may hold quoted commas; 六型类别 comes before it.
            var cells = lines[i].components(separatedBy: ",")
            cells[column] = ""
            lines[i] = cells.joined(separator: ",")
        }
        try lines.joined(separator: "\r\n").write(toFile: households, atomically: true, encoding: .utf8)
        let blank = try run(SampleRunTests.pipeline)
        XCTAssertTrue(blank.contains("resolved 0)"), blank)
        XCTAssertEqual(try state("household.type"), [.persisting], "still open after the skipped night")
    }
}
