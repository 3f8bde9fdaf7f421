import Foundation
import TestSupport
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// SPEC §6: "a crash never leaves a half-written run". A real `fivefold run` is SIGKILLed at the
/// worst moments; the previous outputs and the ledger must survive, and the next run must work.
final class CrashSafetyTests: XCTestCase {
    /// Killed with the new outputs staged and the ledger rows written but not committed.
    func testKilledBeforeSwap_PreviousOutputAndLedgerUntouchedAndNextRunSucceeds() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[1].cadre = ""
        try ws.run(data)
        let outputs = try ws.outputFiles()
        let ledger = try LedgerDump(path: ws.ledger)

        data[1].cadre = "李明"  // resolved tonight
        data[3].recordedSize = 5  // new tonight
        try data.write(to: ws.input)
        let (pid, _) = try FivefoldProcess.killAtPause(["run", ws.pipeline, "-q"], hook: "FIVEFOLD_TEST_PAUSE_BEFORE_SWAP")

        XCTAssertEqual(try ws.outputFiles(), outputs, "the previous output folder, byte for byte")
        XCTAssertEqual(try LedgerDump(path: ws.ledger), ledger, "the ledger, row for row")
        let stale = ws.out + ".partial-\(pid)"
        XCTAssertTrue(FileManager.default.fileExists(atPath: stale), "the killed run's staging folder is left behind")
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.out + ".work-\(pid)"), "and its work folder")

        let next = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale), "stale staging folder cleaned")
        XCTAssertTrue(OutputFolder.leftovers(of: ws.out).isEmpty, "and the killed run's work folder")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.out + "/summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["status"] as? [String: Int], ["new": 1, "persisting": 0, "resolved": 1, "reopened": 0])
        XCTAssertEqual((summary["ledger"] as? [String: Any])?["run"] as? Int, 2)
    }

    /// One run records into a ledger at a time: while another process holds the ledger (here
    /// this test, as a run that started first would), a run stops before writing anything, naming
    /// the holder; once it is free the run records as the next night. (A holder killed by SIGKILL
    /// frees it too: the kernel drops the lock, as testKilledBeforeSwap's next run shows.) Two
    /// runs at once each recorded against the same last run before, both nights' findings `new`.
    func testSecondRunOnOneLedger_StopsWhileTheFirstHoldsIt() throws {
        let ws = try NightlyWorkspace()
        let data = NightlyDataset.standard()
        try ws.run(data)
        let outputs = try ws.outputFiles()
        let ledger = try LedgerDump(path: ws.ledger)
        var held: LedgerLock? = try LedgerLock(ledgerPath: ws.ledger)
        let blocked = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(blocked.status, 2, blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("\(ws.ledger): another fivefold run (pid \(getpid()), since "), blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("is recording into this ledger; wait for it to finish"), blocked.stderr)
        XCTAssertEqual(try ws.outputFiles(), outputs)
        XCTAssertEqual(try LedgerDump(path: ws.ledger), ledger)
        XCTAssertNotNil(held)
        held = nil
        let next = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertTrue(next.stdout.contains("persisting"), next.stdout)
    }

    /// Killed after the swap, before the ledger commit: outputs are new, the ledger is not. The
    /// next run is compared with the same previous run, so it writes the same outputs.
    func testKilledAfterSwapBeforeCommit_NextRunRewritesTheSameOutputs() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[1].cadre = ""
        try ws.run(data)
        let ledger = try LedgerDump(path: ws.ledger)

        data[3].recordedSize = 5
        try data.write(to: ws.input)
        _ = try FivefoldProcess.killAtPause(["run", ws.pipeline, "-q"], hook: "FIVEFOLD_TEST_PAUSE_AFTER_SWAP")
        XCTAssertEqual(try LedgerDump(path: ws.ledger), ledger, "the ledger, row for row")
        let published = try ws.outputFiles()
        XCTAssertTrue(String(decoding: published["findings.csv"]!, as: UTF8.self).contains(",new\r\n"))

        let next = try FivefoldProcess.run(["run", ws.pipeline, "-q"])
        XCTAssertEqual(next.status, 0, next.stderr)
        let again = try ws.outputFiles()
        XCTAssertEqual(Set(again.keys), Set(published.keys))
        for (name, bytes) in published where name != "summary.json" {
            XCTAssertEqual(again[name], bytes, name)
        }
        XCTAssertEqual(try LedgerDump.withoutTimings(again["summary.json"]!), try LedgerDump.withoutTimings(published["summary.json"]!))
        XCTAssertEqual(try Ledger(path: ws.ledger).runs().count, 2)
        XCTAssertTrue(OutputFolder.leftovers(of: ws.out).isEmpty)
    }

    func testStaleFolders_PreviousRestoredWhenTheOutputFolderIsMissing() throws {
        let root = TestTemporaryFolder.root.appendingPathComponent("fivefold-swap-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/out"
        // A run killed between the two renames of the fallback swap: no out, a previous beside it.
        try FileManager.default.createDirectory(atPath: out + ".previous-999999", withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: out + ".previous-999999/findings.csv"))
        try FileManager.default.createDirectory(atPath: out + ".partial-999998", withIntermediateDirectories: true)
        let staging = try OutputFolder.prepareStaging(for: out)
        XCTAssertEqual(FileManager.default.contents(atPath: out + "/findings.csv"), Data("old".utf8))
        XCTAssertEqual(OutputFolder.leftovers(of: out).map(\.path), [staging])

        try Data("new".utf8).write(to: URL(fileURLWithPath: staging + "/findings.csv"))
        let swap = try OutputFolder.replace(out, with: staging)
        #if os(Linux)
        XCTAssertEqual(swap.previous, staging, "one atomic exchange: the previous output is now at the staging path")
        #endif
        XCTAssertEqual(FileManager.default.contents(atPath: out + "/findings.csv"), Data("new".utf8))
        XCTAssertEqual(swap.previous.flatMap { FileManager.default.contents(atPath: $0 + "/findings.csv") }, Data("old".utf8))
        swap.undo()
        XCTAssertEqual(FileManager.default.contents(atPath: out + "/findings.csv"), Data("old".utf8), "undo puts the previous output back")
    }
}
