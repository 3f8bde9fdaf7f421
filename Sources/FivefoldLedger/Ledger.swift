// The nightly job must know what it found last night: which findings are new, which persist,
// which the field teams fixed (回头看), and what they signed on the worklists they returned.
// That memory is one embedded SQLite file (through GRDB), so it needs no server, travels with
// the output folder, and every change to it is transactional: a killed run leaves it as it was.

import Foundation
import GRDB
import FivefoldModel

/// The ledger of one pipeline's nights: runs, findings by `finding_id`, their history, and the
/// signed results fed back from worklists.
///
/// Tables (see `Ledger+Schema.swift`): `runs`, `run_inputs`, `findings`, `history`, `signoffs`.
/// Default location: beside the output folder, `<out>.ledger.sqlite` (`defaultPath(outputFolder:)`).
public final class Ledger: Sendable {
    /// The SQLite file.
    public let path: String
    let queue: DatabaseQueue

    /// How long a run or an import waits for another process holding the ledger's write lock.
    public static let busyTimeout: TimeInterval = 120

    /// Opens (and with `create`, creates) the ledger at `path`, migrating it to the current schema.
    ///
    /// - Throws: `PipelineError` naming the file when it is missing (and `create` is false), not
    ///   a SQLite database, written by a newer Fivefold, or cannot be opened.
    public init(path: String, create: Bool = true) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        self.path = absolute
        let fm = FileManager.default
        if !fm.fileExists(atPath: absolute) {
            guard create else {
                throw PipelineError(file: absolute, keyPath: "", message: "no ledger here: run the pipeline first, or name the ledger with --ledger FILE")
            }
            let folder = (absolute as NSString).deletingLastPathComponent
            try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.journalMode = .wal
        configuration.foreignKeysEnabled = true
        configuration.label = "fivefold.ledger"
        // A 64 MB page cache (SQLite's default is 2 MB): the household snapshots of a province
        // (monitor.relapse, a million rows with random keys) are written in one transaction, and
        // with the default cache each insert spilled pages to the WAL and read them back: the
        // assembly's monitoring step took 22.8 s at 1 M households. The cache fills only as
        // pages are read, so a small ledger uses little of it.
        // Temporary storage in memory: a repeated run deletes the snapshots it wrote before and
        // writes them again (`INSERT OR REPLACE`, one statement per household). Each such
        // statement keeps a statement journal, and once one of them outgrew SQLite's 64 KiB
        // in-memory limit every later one in the transaction went to a temporary file: 4.6
        // million pwrite calls (a page and its 4-byte number each) when repeating a 1 M
        // household night. In memory, the repeated merge took 22.2 against 25.8 s, peak 410
        // against 382 MiB (BENCHMARKS.md, fourteenth session).
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            queue = try DatabaseQueue(path: absolute, configuration: configuration)
            let migrator = Self.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw PipelineError(file: absolute, keyPath: "", message: "this ledger was written by a newer Fivefold (unknown schema migrations); use that version")
            }
            try migrator.migrate(queue)
        } catch let error as PipelineError {
            throw error
        } catch let error as DatabaseError {
            throw Self.error(error, path: absolute)
        }
    }

    /// `<out>.ledger.sqlite`, beside the output folder.
    public static func defaultPath(outputFolder: String) -> String {
        var folder = URL(fileURLWithPath: outputFolder).standardizedFileURL.path
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        return folder + ".ledger.sqlite"
    }

    /// A ledger problem as one message naming the file.
    static func error(_ error: DatabaseError, path: String) -> PipelineError {
        let what: String
        switch error.resultCode {
        case .SQLITE_NOTADB: what = "not a Fivefold ledger (not an SQLite database)"
        case .SQLITE_BUSY, .SQLITE_LOCKED: what = "the ledger is locked by another run or import (waited \(Int(busyTimeout)) s)"
        case .SQLITE_CORRUPT: what = "the ledger file is corrupt"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: what = "cannot open the ledger for writing"
        default: what = "ledger error"
        }
        return PipelineError(file: path, keyPath: "", message: "\(what): \(error)")
    }

    /// Runs `body` and turns SQLite errors into `PipelineError`s naming the ledger.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError { throw Self.error(error, path: path) }
    }

    // MARK: Reading

    /// Every run, oldest first.
    public func runs() throws -> [LedgerRun] {
        try guarded { try queue.read { try LedgerRun.order(Column("id")).fetchAll($0) } }
    }

    /// The input files a run read, with the rows each gave.
    public func inputs(ofRun id: Int64) throws -> [InputFingerprint] {
        try guarded { try queue.read { try InputFingerprint.filter(Column("run_id") == id).order(Column("file")).fetchAll($0) } }
    }

    /// The latest run, nil before the first.
    public func latestRun() throws -> LedgerRun? {
        try guarded { try queue.read { try LedgerRun.order(Column("id").desc).fetchOne($0) } }
    }

    /// What the ledger knows about a finding id.
    public func finding(_ id: String) throws -> FindingState? {
        try guarded { try queue.read { try FindingState.fetchOne($0, key: id) } }
    }

    /// Every finding the ledger knows.
    public func findings() throws -> [FindingState] {
        try guarded { try queue.read { try FindingState.order(Column("finding_id")).fetchAll($0) } }
    }

    /// The history rows of one finding, oldest run first.
    public func history(of findingID: String) throws -> [HistoryEntry] {
        try guarded {
            try queue.read {
                try HistoryEntry.filter(Column("finding_id") == findingID).order(Column("run_id")).fetchAll($0)
            }
        }
    }

    /// The history rows a run wrote.
    public func history(run: Int64) throws -> [HistoryEntry] {
        try guarded {
            try queue.read { try HistoryEntry.filter(Column("run_id") == run).order(Column("finding_id")).fetchAll($0) }
        }
    }

    /// The input files a run read.
    public func inputs(run: Int64) throws -> [InputFingerprint] {
        try guarded {
            try queue.read { try InputFingerprint.filter(Column("run_id") == run).order(Column("file")).fetchAll($0) }
        }
    }

    /// Whether any finding of this household is in the ledger.
    public func knowsHousehold(_ householdID: String) throws -> Bool {
        try guarded {
            try queue.read { try FindingState.filter(Column("household_id") == householdID).fetchCount($0) > 0 }
        }
    }

    /// Every signed result, in import order.
    public func signedResults() throws -> [SignedResult] {
        try guarded { try queue.read { try SignedResult.order(Column("id")).fetchAll($0) } }
    }

    /// An ISO 8601 timestamp in UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
