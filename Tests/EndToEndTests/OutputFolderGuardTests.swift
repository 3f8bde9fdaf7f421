import Foundation
import XCTest

/// `--out` mistakes that deleted data with exit 0. A run replaces its output folder whole and
/// deletes the previous one: `--out` naming the input folder deleted the whole dump, a ledger
/// given inside the output folder was deleted after each run (every night a new history, the
/// signed results gone), and an existing folder of other files was emptied. Each now stops
/// before reading anything, with exit 2, and leaves every file where it was.
final class OutputFolderGuardTests: XCTestCase {
    func files(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    }

    func run(_ copy: SampleCopy, _ arguments: [String]) throws -> FivefoldProcess.Outcome {
        try FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", copy.input, "--as-of", SampleRunTests.asOf, "-q"] + arguments)
    }

    func testOutputFolderHoldingTheInput_StopsAndDeletesNothing() throws {
        let copy = try SampleCopy(self)
        let before = files(copy.input)
        XCTAssertTrue(before.contains("system/members.csv"))
        for (out, says) in [(copy.input, "the input folder is that folder"), (copy.base, "the input folder is inside it"),
                            (copy.input + "/system/..", "the input folder is that folder")] {
            let outcome = try run(copy, ["--out", out, "--no-ledger"])
            XCTAssertEqual(outcome.status, 2, out)
            XCTAssertTrue(outcome.stderr.hasPrefix("fivefold: --out: the output folder "), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains(says), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("so the input folder would be deleted"), outcome.stderr)
            XCTAssertEqual(files(copy.input), before, "every input file is still there")
        }
        // Through a symbolic link to the input folder.
        let link = copy.base + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: copy.input)
        XCTAssertEqual(try run(copy, ["--out", link, "--no-ledger"]).status, 2)
        XCTAssertEqual(files(copy.input), before)
    }

    func testLedgerInsideTheOutputFolder_Stops() throws {
        let copy = try SampleCopy(self)
        let outcome = try run(copy, ["--out", copy.out, "--ledger", copy.out + "/ledger.sqlite"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("the ledger is inside it (\(copy.out)/ledger.sqlite)"), outcome.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.out), "nothing written")
    }

    func testExistingFolderOfOtherFiles_StopsAndKeepsThem() throws {
        let copy = try SampleCopy(self)
        let folder = copy.base + "/documents"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "村里的台账".write(toFile: folder + "/台账.txt", atomically: true, encoding: .utf8)
        let outcome = try run(copy, ["--out", folder, "--no-ledger"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("already holds 1 entry (台账.txt) and is not the output of an earlier run"), outcome.stderr)
        XCTAssertEqual(files(folder), ["台账.txt"])
        // A file where the folder should be.
        let file = try run(copy, ["--out", folder + "/台账.txt", "--no-ledger"])
        XCTAssertEqual(file.status, 2)
        XCTAssertTrue(file.stderr.contains("is a file, not a folder"), file.stderr)
    }

    /// What the guard must not stop: a new folder, an empty one, an earlier run's output (the
    /// nightly case), and an output folder inside the input folder.
    func testOrdinaryOutputFolders_Run() throws {
        let copy = try SampleCopy(self)
        XCTAssertEqual(try run(copy, ["--out", copy.out]).status, 0)
        XCTAssertEqual(try run(copy, ["--out", copy.out]).status, 0, "the previous night's output is replaced")
        let empty = copy.base + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        XCTAssertEqual(try run(copy, ["--out", empty, "--no-ledger"]).status, 0)
        let before = files(copy.input)
        XCTAssertEqual(try run(copy, ["--out", copy.input + "/out", "--no-ledger"]).status, 0)
        XCTAssertEqual(files(copy.input).filter { !$0.hasPrefix("out") }, before)
    }

    /// A worklist filled in where it was sent (saved in place in the output folder) and a note
    /// saved beside it were deleted by the next night's run, before `fivefold signoff` read them,
    /// with exit 0. They are now copied to `<out>.kept/<stamp>/` first, with one warning; an
    /// untouched output folder is replaced as before, with no warning and no copy.
    func testFilesChangedInTheOutputFolder_AreKeptBeforeItIsReplaced() throws {
        let copy = try SampleCopy(self)
        let fm = FileManager.default
        XCTAssertEqual(try run(copy, ["--out", copy.out, "--no-ledger"]).status, 0)
        let again = try run(copy, ["--out", copy.out, "--no-ledger"])
        XCTAssertEqual(again.status, 0)
        XCTAssertFalse(again.stderr.contains("kept in"), again.stderr)
        XCTAssertFalse(fm.fileExists(atPath: copy.out + ".kept"), "nothing touched, nothing kept")

        let worklist = copy.out + "/worklists/郎岱镇.csv"
        let filled = try String(contentsOfFile: worklist, encoding: .utf8) + "已核实,王小平,2021-01-08\n"
        try filled.write(toFile: worklist, atomically: true, encoding: .utf8)
        try "村里的说明".write(toFile: copy.out + "/说明.txt", atomically: true, encoding: .utf8)
        // As a person saves them: later than the run (no sleep in a test; the time is set).
        let later = Date().addingTimeInterval(60)
        for path in [worklist, copy.out + "/说明.txt"] { try fm.setAttributes([.modificationDate: later], ofItemAtPath: path) }

        let third = try run(copy, ["--out", copy.out, "--no-ledger"])
        XCTAssertEqual(third.status, 0, third.stderr)
        XCTAssertTrue(third.stderr.contains("fivefold: warning: \(copy.out): 2 files were changed or added after the run that wrote the folder (worklists/郎岱镇.csv, 说明.txt): this run replaces the output folder, so they are kept in \(copy.out).kept/"), third.stderr)
        let stamps = try fm.contentsOfDirectory(atPath: copy.out + ".kept")
        XCTAssertEqual(stamps.count, 1)
        let kept = copy.out + ".kept/" + stamps[0]
        XCTAssertEqual(try String(contentsOfFile: kept + "/worklists/郎岱镇.csv", encoding: .utf8), filled)
        XCTAssertEqual(try String(contentsOfFile: kept + "/说明.txt", encoding: .utf8), "村里的说明")
        XCTAssertFalse(try String(contentsOfFile: worklist, encoding: .utf8).contains("王小平"), "the output folder holds this run's worklist")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: copy.out + "/summary.json"))) as! [String: Any]
        XCTAssertTrue((summary["warnings"] as? [String] ?? []).contains { $0.contains("kept in \(kept)") })
    }
}
