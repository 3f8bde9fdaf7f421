import Foundation
import TestSupport
import GRDB
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// The ledger on its own: classification from findings alone, repeats, failed commits, schema.
final class LedgerTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = TestTemporaryFolder.root.appendingPathComponent("fivefold-ledger-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func finding(_ household: String, _ rule: String = "household.no_cadre", values: String = "") -> Finding {
        Finding(
            rule: rule, severity: .warning, regionCode: "520203100201", householdID: household,
            values: values.isEmpty ? [] : [(.system, values)], message: "m")
    }

    func identity(_ input: String, signoff: String = "") -> RunIdentity {
        RunIdentity(
            pipeline: "p", pipelinePath: "/p.yaml", pipelineHash: "ph", inputFolder: "/in",
            inputs: [InputFingerprint(file: "a.csv", size: 1, modified: "", contentHash: input)], signoffHash: signoff, asOf: "2020-12-31",
            outputFolder: folder + "/out")
    }

    /// Records a run without outputs; returns its tracking.
    @discardableResult
    func record(_ ledger: Ledger, _ input: String, _ findings: [Finding], signoff: String = "") throws -> RunTracking {
        let staging = folder + "/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        return try ledger.recordRun(identity(input, signoff: signoff), started: Date(), body: { recorder in
            (try recorder.classify(findings.map(FindingRow.init)), RunCounts(households: 1, findings: findings.count, corrections: 0, worklistItems: 0))
        }, publish: {
            try OutputFolder.replace(self.folder + "/out", with: staging)
        })
    }

    func testClassification_AgainstThePreviousRunOnly() throws {
        let ledger = try Ledger(path: folder + "/l.sqlite")
        let a = finding("A"), b = finding("B"), c = finding("C")
        XCTAssertEqual(try record(ledger, "1", [a, b]).statuses, [a.id: .new, b.id: .new])
        let second = try record(ledger, "2", [b, c])
        XCTAssertEqual(second.statuses, [b.id: .persisting, c.id: .new])
        XCTAssertEqual(second.resolved.map(\.findingID), [a.id])
        let third = try record(ledger, "3", [a])
        XCTAssertEqual(third.statuses, [a.id: .reopened])
        XCTAssertEqual(Set(third.resolved.map(\.findingID)), [b.id, c.id])
        XCTAssertEqual(third.counts, FindingStatusCounts(new: 0, persisting: 0, resolved: 2, reopened: 1))
        // Nothing at all: what was open is resolved, nothing is new.
        let fourth = try record(ledger, "4", [])
        XCTAssertEqual(fourth.counts, FindingStatusCounts(resolved: 1))
        XCTAssertEqual(try ledger.finding(a.id)?.lastSeenRun, 3)
    }

    func testRepeat_ReusesTheRunAndReproducesItsStatuses() throws {
        let ledger = try Ledger(path: folder + "/l.sqlite")
        let a = finding("A"), b = finding("B"), c = finding("C")
        try record(ledger, "1", [a, b])
        let second = try record(ledger, "2", [b, c])
        let repeated = try record(ledger, "2", [b, c])
        XCTAssertTrue(repeated.isRepeat)
        XCTAssertEqual(repeated.runID, second.runID)
        XCTAssertEqual(repeated.previousRunID, second.previousRunID)
        XCTAssertEqual(repeated.statuses, second.statuses)
        XCTAssertEqual(repeated.resolved.map(\.findingID), second.resolved.map(\.findingID))
        XCTAssertEqual(try ledger.runs().map(\.repeats), [0, 1])
        XCTAssertEqual(try ledger.history(run: 2).count, 2, "c new, a resolved: written once")

        // A repeat that (against determinism) finds something else is recorded faithfully too.
        let odd = try record(ledger, "2", [a, b])
        XCTAssertEqual(odd.statuses, [a.id: .persisting, b.id: .persisting])
        XCTAssertNil(try ledger.finding(c.id), "a finding only the replaced run saw is forgotten")
        XCTAssertEqual(try ledger.finding(a.id)?.state, .persisting)

        // New signed results make the same input a new run.
        let signed = try record(ledger, "2", [a, b], signoff: "s1")
        XCTAssertFalse(signed.isRepeat)
        XCTAssertEqual(signed.runID, 3)
    }

    func testHistory_PersistingFindingGetsARowOnlyWhenItChanges() throws {
        let ledger = try Ledger(path: folder + "/l.sqlite")
        try record(ledger, "1", [finding("A", "unify.mismatch", values: "B")])
        try record(ledger, "2", [finding("A", "unify.mismatch", values: "B")])
        try record(ledger, "3", [finding("A", "unify.mismatch", values: "C")])
        let id = finding("A", "unify.mismatch").id
        XCTAssertEqual(try ledger.history(of: id).map { "\($0.runID) \($0.status.rawValue) \($0.valuesText)" }, [
            "1 new system=B", "3 persisting system=C",
        ])
    }

    func testFailedWrite_RollsBackEverything() throws {
        let ledger = try Ledger(path: folder + "/l.sqlite")
        try record(ledger, "1", [finding("A")])
        struct Boom: Error {}
        XCTAssertThrowsError(try ledger.recordRun(identity("2"), started: Date(), body: { recorder -> (Int, RunCounts) in
            _ = try recorder.classify([FindingRow(finding("B"))])
            throw Boom()
        }, publish: { XCTFail("never published"); throw Boom() }))
        XCTAssertEqual(try ledger.runs().count, 1)
        XCTAssertNil(try ledger.finding(finding("B").id))
        XCTAssertEqual(try record(ledger, "2", [finding("B")]).runID, 2, "the failed run left no trace")
    }

    func testOpen_RefusesWhatIsNotALedger() throws {
        let path = folder + "/x.sqlite"
        try Data("plain text, not SQLite".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Ledger(path: path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(path): not a Fivefold ledger"), "\(error)")
        }
        XCTAssertThrowsError(try Ledger(path: folder + "/missing.sqlite", create: false)) { error in
            XCTAssertTrue("\(error)".contains("no ledger here"), "\(error)")
        }
        // A ledger from a newer Fivefold (a migration this build does not know).
        let newer = folder + "/newer.sqlite"
        _ = try Ledger(path: newer)
        let queue = try DatabaseQueue(path: newer)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')") }
        try queue.close()
        XCTAssertThrowsError(try Ledger(path: newer)) { error in
            XCTAssertTrue("\(error)".contains("newer Fivefold"), "\(error)")
        }
    }

    /// Regression: finding ids gained an `F` (a spreadsheet read all-digit hex ids as numbers).
    /// A ledger written before, with bare hex ids, keeps its history and its sign-offs.
    func testMigration_BareHexIDsOfAnOldLedgerGetTheirPrefixAndKeepTheirHistory() throws {
        let path = folder + "/old.sqlite"
        let a = finding("A"), b = finding("B")
        let bareA = String(a.id.dropFirst()), bareB = String(b.id.dropFirst())
        XCTAssertEqual(a.id, "F" + bareA)
        // The old format: the v1 schema with bare ids, as the Fivefold before the prefix wrote it.
        let queue = try DatabaseQueue(path: path)
        try Ledger.migrator.migrate(queue, upTo: "v1: runs, findings, history, signoffs")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (id, started, finished, pipeline, pipeline_path, pipeline_hash, input_folder, input_hash, signoff_hash, as_of, output_folder, findings, new)
                VALUES (1, 't', 't', 'p', '/p.yaml', 'old', '/in', 'old', '', '2020-12-31', ?, 2, 2)
                """, arguments: [folder + "/out"])
            for bare in [bareA, bareB] {
                try db.execute(sql: """
                    INSERT INTO findings VALUES (?, 'household.no_cadre', 'warning', '520203100201', ?, '', '', 1, 1, 'new', 1, 'worklist', '', 'm')
                    """, arguments: [bare, bare == bareA ? "A" : "B"])
                try db.execute(sql: "INSERT INTO history VALUES (1, ?, 'new', 'warning', 'worklist', '', 'm')", arguments: [bare])
            }
            try db.execute(sql: """
                INSERT INTO signoffs (finding_id, household_id, member_id, field, kind, value, raw_value, signer, signed_on, source_file, source_line, imported)
                VALUES (?, 'A', '', '', 'confirmed', '属实', '属实', '张三', '2021-01-05', 'r.csv', 2, 't')
                """, arguments: [bareA])
        }
        try queue.close()

        let ledger = try Ledger(path: path)
        XCTAssertEqual(try ledger.findings().map(\.findingID), [a.id, b.id].sorted())
        XCTAssertEqual(try ledger.history(of: a.id).map(\.status), [.new])
        XCTAssertEqual(try ledger.signedResults().map(\.findingID), [a.id])
        XCTAssertNil(try ledger.finding(bareA))
        // The next run recognises last night's findings under their new ids.
        let next = try record(ledger, "2", [a])
        XCTAssertEqual(next.statuses, [a.id: .persisting])
        XCTAssertEqual(next.resolved.map(\.findingID), [b.id])
        XCTAssertEqual(try ledger.history(of: b.id).map(\.status), [.new, .resolved])
    }

    /// The rows the store writes through its own statements read back as the records they were
    /// made from, column for column; updating a finding the ledger lacks is an error, as GRDB's
    /// `update` makes it.
    func testStore_RowsWrittenByHandReadBackAsTheirRecords() throws {
        let ledger = try Ledger(path: folder + "/l.sqlite")
        for input in ["a", "b", "c"] { try record(ledger, input, [finding("H1")]) }  // runs the rows can refer to
        let ids = try ledger.runs().compactMap(\.id)
        XCTAssertEqual(ids.count, 3)
        let runID = ids[2]
        var row = FindingState(
            findingID: "F-x", rule: "id.checksum", severity: "error", regionCode: "520203100201", householdID: "H9",
            memberID: "M1", field: "id_number", firstSeenRun: ids[0], lastSeenRun: ids[1], state: .new, stateRun: ids[2],
            action: "worklist", valuesText: "system=1", message: "校验位错误")
        let history = HistoryEntry(runID: runID, findingID: "F-x", status: .reopened, severity: "warning", action: "auto_fix", valuesText: "v", message: "m")
        try ledger.queue.write { db in
            try row.save(db, existing: false)
            try history.append(db)
        }
        XCTAssertEqual(try ledger.queue.read { try FindingState.fetchOne($0, key: "F-x") }, row)
        XCTAssertEqual(try ledger.queue.read { try HistoryEntry.filter(Column("finding_id") == "F-x").fetchAll($0) }, [history])
        row = FindingState(
            findingID: "F-x", rule: "id.format", severity: "warning", regionCode: "520203100202", householdID: "H8",
            memberID: "M2", field: "name", firstSeenRun: ids[1], lastSeenRun: ids[2], state: .resolved, stateRun: ids[0],
            action: "info", valuesText: "archive=2", message: "已纠正")
        try ledger.queue.write { try row.save($0, existing: true) }
        XCTAssertEqual(try ledger.queue.read { try FindingState.fetchOne($0, key: "F-x") }, row)
        var missing = row
        missing.findingID = "F-none"
        XCTAssertThrowsError(try ledger.queue.write { try missing.save($0, existing: true) })
    }

    /// The connection settings that keep a province's ledger work off the disk: a 64 MB page
    /// cache and temporary storage (statement journals) in memory (`Ledger.init`).
    func testConnection_LargePageCacheAndTemporaryStorageInMemory() throws {
        let ledger = try Ledger(path: folder + "/l.sqlite")
        let (cache, temp) = try ledger.queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA cache_size"), try Int.fetchOne(db, sql: "PRAGMA temp_store"))
        }
        XCTAssertEqual(cache, -65536)
        XCTAssertEqual(temp, 2, "PRAGMA temp_store: 2 is MEMORY")
    }

    func testDefaultPath_BesideTheOutputFolder() {
        XCTAssertEqual(Ledger.defaultPath(outputFolder: "/data/out/"), "/data/out.ledger.sqlite")
        XCTAssertEqual(Ledger.defaultPath(outputFolder: "/data/nightly"), "/data/nightly.ledger.sqlite")
    }
}
