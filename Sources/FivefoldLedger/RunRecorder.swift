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
    public func classify(_ findings: [FindingRow]) throws -> RunTracking {
        self.findings = findings
        guard let db, let identity else {
            var statuses: [String: FindingStatus] = [:]
            for f in findings { statuses[f.id] = .new }
            return RunTracking(
                runID: nil, previousRunID: nil, isRepeat: false, statuses: statuses, resolved: [],
                counts: FindingStatusCounts(new: findings.count))
        }
        let plan = try Ledger.classify(db, opened: try open(db, identity), findings: findings)
        self.plan = plan
        return plan.tracking
    }
}
