import Foundation
import GRDB

/// A run being recorded, handed by `Ledger.recordRun` to the code that writes the outputs: it
/// classifies the run's findings against the previous run, inside the run's transaction, at the
/// moment the findings are known (the assembly, after every partition and shard is in).
///
/// Only valid inside the `recordRun` call that made it.
public final class RunRecorder {
    let db: Database?
    let identity: RunIdentity?
    private let started: Date
    private(set) var plan: Ledger.RunPlan?
    private var opened: Ledger.OpenedRun?
    /// Whether this run's own snapshot rows (left by the run it repeats) have been cleared.
    var snapshotsCleared = false
    /// Each run's `as_of`, read once for the snapshots' look-ups.
    var runDates: [Int64: String]?
    /// Snapshot rows written by this run so far.
    public internal(set) var snapshotsStored = 0
    private(set) var findings: [FindingRow] = []

    init(db: Database, identity: RunIdentity, started: Date) {
        self.db = db
        self.identity = identity
        self.started = started
    }

    private init() {
        db = nil
        identity = nil
        started = Date()
    }

    /// A recorder without a ledger: every finding is new.
    package static func untracked() -> RunRecorder { RunRecorder() }

    /// The run in the ledger, opened on first use (by the snapshots or by `classify`).
    func open(_ db: Database, _ identity: RunIdentity) throws -> Ledger.OpenedRun {
        if let opened { return opened }
        let run = try Ledger.openRun(db, identity: identity, started: started)
        opened = run
        return run
    }

    /// Whether the run is recorded in a ledger (false for `--no-ledger`).
    public var isTracked: Bool { db != nil }

    /// Classifies the run's findings; call once, before findings.csv is written.
    /// `unchecked`: rules the run did not run, whose open findings are not resolved by it.
    public func classify(_ findings: [FindingRow], unchecked: Set<String> = []) throws -> RunTracking {
        self.findings = findings
        guard let db, let identity else {
            var statuses: [String: FindingStatus] = [:]
            for f in findings { statuses[f.id] = .new }
            return RunTracking(
                runID: nil, previousRunID: nil, isRepeat: false, statuses: statuses, resolved: [],
                counts: FindingStatusCounts(new: findings.count))
        }
        let plan = try Ledger.classify(db, opened: try open(db, identity), findings: findings, unchecked: unchecked)
        self.plan = plan
        return plan.tracking
    }

    /// Per county (first 6 digits of the region code): every finding the ledger has recorded up
    /// to this run (its rows before the run and this run's findings), and those closed (not
    /// present in this run). From the classification, not the table, which a repeated run has
    /// already written. Empty without a ledger.
    public func closure() throws -> [String: (closed: Int, recorded: Int)] {
        guard let plan else { return [:] }
        var county: [String: String] = [:]
        for (id, row) in plan.known where row.regionCode.count >= 6 { county[id] = String(row.regionCode.prefix(6)) }
        var present: Set<String> = []
        for f in findings where f.regionCode.count >= 6 {
            county[f.id] = String(f.regionCode.prefix(6))
            present.insert(f.id)
        }
        var result: [String: (closed: Int, recorded: Int)] = [:]
        for (id, c) in county {
            var entry = result[c] ?? (0, 0)
            entry.recorded += 1
            if !present.contains(id) { entry.closed += 1 }
            result[c] = entry
        }
        return result
    }

    /// Each county's tiers in the runs before `run`, newest first.
    public func previousTiers(before run: Int64) throws -> [String: [String]] {
        guard let db else { return [:] }
        var result: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT county, tier FROM assessments WHERE run_id < ? ORDER BY run_id DESC", arguments: [run]) {
            result[row["county"], default: []].append(row["tier"])
        }
        return result
    }

    /// Records this run's score and tier per county (a repeated run rewrites its rows).
    public func record(assessments: [(county: String, score: Double, tier: String)], run: Int64) throws {
        guard let db else { return }
        try db.execute(sql: "DELETE FROM assessments WHERE run_id = ?", arguments: [run])
        for a in assessments {
            try db.execute(sql: "INSERT INTO assessments (run_id, county, score, tier) VALUES (?, ?, ?, ?)", arguments: [run, a.county, a.score, a.tier])
        }
    }
}
