import Foundation
import TestSupport
import GRDB
import XCTest
@testable import FivefoldIO
@testable import FivefoldLedger

/// `household_snapshots` (monitor.relapse): what a run reads back, what it stores, and that a
/// repeated run neither adds rows nor compares with itself.
final class HouseholdSnapshotTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = TestTemporaryFolder.root.appendingPathComponent("fivefold-snapshots-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Records a run on input `input` as of `asOf` that compares `batch`; returns what it read
    /// back and how many rows it stored.
    func run(_ ledger: Ledger, _ input: String, asOf: String, _ batch: [HouseholdSnapshot]) throws -> ([PreviousSnapshot?], Int) {
        let staging = folder + "/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let identity = RunIdentity(
            pipeline: "p", pipelinePath: "/p.yaml", pipelineHash: "ph", inputFolder: "/in",
            inputs: [InputFingerprint(file: "a.csv", size: 1, modified: "", contentHash: input)], signoffHash: "", asOf: asOf,
            outputFolder: folder + "/out")
        return try ledger.recordRun(identity, started: Date(), body: { recorder in
            let previous = try recorder.compareSnapshots(batch)
            _ = try recorder.classify([])
            return ((previous, recorder.snapshotsStored), RunCounts(households: batch.count, findings: 0, corrections: 0, worklistItems: 0))
        }, publish: { try OutputFolder.replace(self.folder + "/out", with: staging) })
    }

    func rows(_ path: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM household_snapshots")! }
    }

    func testSnapshots_StoredOnChangeOnly_ReadBackWithTheirRunAndDate() throws {
        let path = folder + "/l.sqlite"
        let ledger = try Ledger(path: path)
        let a = HouseholdSnapshot(householdID: "A", income: "8000", status: "已脱贫")
        let b = HouseholdSnapshot(householdID: "B", income: "9000", status: "已脱贫")
        let (first, stored1) = try run(ledger, "1", asOf: "2020-12-31", [a, b])
        XCTAssertEqual(first, [nil, nil])
        XCTAssertEqual(stored1, 2)

        var a2 = a
        a2.income = "5000"
        let (second, stored2) = try run(ledger, "2", asOf: "2021-06-30", [a2, b])
        XCTAssertEqual(second, [PreviousSnapshot(snapshot: a, runID: 1, asOf: "2020-12-31"), PreviousSnapshot(snapshot: b, runID: 1, asOf: "2020-12-31")])
        XCTAssertEqual(stored2, 1, "only A changed")
        XCTAssertEqual(try rows(path), 3)

        // A repeat of run 2 compares with run 1 again, not with itself, and adds no row.
        let (repeated, stored3) = try run(ledger, "2", asOf: "2021-06-30", [a2, b])
        XCTAssertEqual(repeated, second)
        XCTAssertEqual(stored3, 1)
        XCTAssertEqual(try rows(path), 3)

        // A new unchanged night reads run 2's value for A and run 1's for B, and stores nothing.
        let (third, stored4) = try run(ledger, "3", asOf: "2021-12-31", [a2, b])
        XCTAssertEqual(third.map { $0?.runID }, [2, 1])
        XCTAssertEqual(third.map { $0?.asOf }, ["2021-06-30", "2020-12-31"])
        XCTAssertEqual(stored4, 0)
        XCTAssertEqual(try rows(path), 3)
    }

    /// A batch is looked up in one statement (its ids as a JSON array): ids that JSON escapes
    /// come back as themselves, each answer lands at its own place in the batch, and a household
    /// never seen, or one repeated in the batch, is answered like the others.
    func testSnapshots_BatchLookUp_KeepsOrderAndOddIDs() throws {
        let path = folder + "/l.sqlite"
        let ledger = try Ledger(path: path)
        let ids = ["52020310\"01", "a\\b/c", "户\u{1F600}", "x\ny", "B"]
        let first = ids.map { HouseholdSnapshot(householdID: $0, income: "100", status: "已脱贫") }
        _ = try run(ledger, "1", asOf: "2020-12-31", first)
        var next = Array(first.reversed()) + [HouseholdSnapshot(householdID: "new", income: "1", status: ""), first[0]]
        next[0].income = "50"
        let (previous, stored) = try run(ledger, "2", asOf: "2021-06-30", next)
        XCTAssertEqual(previous.map { $0?.snapshot.householdID }, ids.reversed() + [nil, ids[0]])
        XCTAssertEqual(previous.map { $0?.snapshot.income }, Array(repeating: "100", count: 5) + [nil, "100"])
        XCTAssertEqual(previous.compactMap { $0?.asOf }, Array(repeating: "2020-12-31", count: 6))
        XCTAssertEqual(stored, 2, "the changed household and the new one")
    }

    /// The batch's ids as JSON, written by hand: every control character, the quotation mark
    /// and the reverse solidus escaped, the rest (DEL, CJK, astral) as it is; a JSON parser
    /// reads back exactly the strings, and SQLite's json_each too.
    func testJSONArray_ParsesBackToTheSameStrings() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let ids = ["", "5202031001", "a\"b\\c/d", controls, "\u{7F}户\u{1F600}", "\\u0041"]
        let json = RunRecorder.jsonArray(ids)
        XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(json.utf8)), ids)
        XCTAssertFalse(json.utf8.contains { $0 < 0x20 }, "no raw control character in the JSON")
        // Through SQLite without NUL: a text value read back through the C API ends at its first
        // NUL (an input reader quarantines a row with one before it gets here).
        let noNUL = ids.map { $0.replacingOccurrences(of: "\0", with: "") }
        let viaSQLite = try DatabaseQueue().read {
            try String.fetchAll($0, sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [RunRecorder.jsonArray(noNUL)])
        }
        XCTAssertEqual(viaSQLite, noNUL)
        XCTAssertEqual(RunRecorder.jsonArray([String]()), "[]")
    }

    /// The snapshot table came as a migration appended after the existing ones.
    func testMigration_AppendedAfterTheExistingOnes() throws {
        XCTAssertEqual(Ledger.migrator.migrations, ["v1: runs, findings, history, signoffs", "v2: finding ids start with F", "v3-sample: samples and their items", "v4-assessment: county tiers per run", "v5-monitor-snapshots", "v6-input-rows"])
    }
}
