import Foundation
import GRDB
import FivefoldIO

extension Ledger {
    /// Records a run: classifies its findings against the previous run, lets the caller write
    /// the outputs, publishes them, and commits — all inside ONE immediate transaction.
    ///
    /// Order, and why: the write lock is taken first (a second run or an import waits, so two
    /// runs never interleave), then `body` builds the outputs in a staging folder from the
    /// tracking, the ledger rows are written, `publish` swaps the outputs into place, and only
    /// then does the transaction commit. A process killed before the swap leaves both the
    /// previous output folder and the ledger untouched (SQLite discards the uncommitted
    /// transaction when the ledger is next opened). Killed between the swap and the commit, it
    /// leaves the new outputs with the old ledger: the next run compares against the same
    /// previous run the lost one did, so it is still right, and with the same input it writes
    /// the same outputs again. If the commit itself fails, the swap is undone.
    ///
    /// - Parameters:
    ///   - body: builds the outputs (not yet visible), calling `RunRecorder.classify` with the
    ///     run's findings before it writes findings.csv, and returns the caller's result and
    ///     the run's totals.
    ///   - publish: makes the outputs visible; returns the swap so a failed commit can undo it.
    public func recordRun<T>(
        _ identity: RunIdentity, started: Date,
        body: (RunRecorder) throws -> (T, RunCounts),
        publish: () throws -> OutputFolder.Swap
    ) throws -> T {
        try guarded {
            try queue.writeWithoutTransaction { db in
                try db.beginTransaction(.immediate)
                do {
                    let recorder = RunRecorder(db: db, identity: identity, started: started)
                    let (value, counts) = try body(recorder)
                    if recorder.plan == nil { _ = try recorder.classify([]) }
                    try Self.store(db, plan: recorder.plan!, identity: identity, findings: recorder.findings, counts: counts)
                    let swap = try publish()
                    do {
                        try db.commit()
                    } catch {
                        swap.undo()
                        throw error
                    }
                    swap.finish()
                    return value
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        }
    }

    /// What `classify` decided, and what `store` needs to write it.
    struct RunPlan {
        var run: LedgerRun
        var tracking: RunTracking
        /// The ledger's rows before this run, by finding id.
        var known: [String: FindingState]
    }

    /// The run being recorded, opened before anything is written for it: a new row in `runs`,
    /// or the latest run again when this one repeats it (same pipeline, input and sign-offs).
    struct OpenedRun {
        var run: LedgerRun
        var isRepeat: Bool
        /// The run this one is compared with.
        var previous: Int64?
        var current: Int64 { run.id! }
    }

    /// Opens the run: decides whether it repeats the latest and, if not, inserts its row (so
    /// the snapshots written before the findings are classified can refer to it).
    static func openRun(_ db: Database, identity: RunIdentity, started: Date) throws -> OpenedRun {
        let latest = try LedgerRun.order(Column("id").desc).fetchOne(db)
        let isRepeat = latest.map {
            $0.pipelineHash == identity.pipelineHash && $0.inputHash == identity.inputHash && $0.signoffHash == identity.signoffHash
        } ?? false
        let now = Ledger.timestamp(Date())
        var run: LedgerRun
        if isRepeat, let latest {
            run = latest
            run.finished = now
            run.repeats += 1
        } else {
            run = LedgerRun(
                id: nil, started: Ledger.timestamp(started), finished: now, pipeline: identity.pipeline,
                pipelinePath: identity.pipelinePath, pipelineHash: identity.pipelineHash, inputFolder: identity.inputFolder,
                inputHash: identity.inputHash, signoffHash: identity.signoffHash, asOf: identity.asOf,
                outputFolder: identity.outputFolder, households: 0, findings: 0, corrections: 0, worklistItems: 0,
                new: 0, persisting: 0, resolved: 0, reopened: 0, repeats: 0)
            try run.insert(db)
        }
        let current = run.id!
        let previous: Int64? = isRepeat
            ? try Int64.fetchOne(db, sql: "SELECT id FROM runs WHERE id < ? ORDER BY id DESC LIMIT 1", arguments: [current])
            : latest?.id
        return OpenedRun(run: run, isRepeat: isRepeat, previous: previous)
    }

    /// `unchecked`: the rules this run did not run (switched off, or skipped for a field or an
    /// optional table the input lacks). Their open findings stay open: gone from this run's
    /// output is not the problem gone, and `resolved` would tell the 回头看 it was fixed.
    static func classify(_ db: Database, opened: OpenedRun, findings: [FindingRow], unchecked: Set<String> = []) throws -> RunPlan {
        let (run, isRepeat, previous, current) = (opened.run, opened.isRepeat, opened.previous, opened.current)

        var known: [String: FindingState] = [:]
        for row in try FindingState.fetchAll(db) { known[row.findingID] = row }
        var openBefore = Set(known.values.lazy.filter(\.isOpen).map(\.findingID))
        if isRepeat {
            // Undo what the repeated run did, so this run is classified against the same previous
            // run: its new and reopened findings were not open before it, its resolved ones were.
            for entry in try HistoryEntry.filter(Column("run_id") == current).fetchAll(db) {
                switch entry.status {
                case .new, .reopened: openBefore.remove(entry.findingID)
                case .resolved: openBefore.insert(entry.findingID)
                case .persisting: break
                }
            }
            try db.execute(sql: "DELETE FROM history WHERE run_id = ?", arguments: [current])
            let present = Set(findings.map(\.id))
            for (id, row) in known where row.firstSeenRun == current && !present.contains(id) {
                let signed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signoffs WHERE finding_id = ?", arguments: [id]) ?? 0
                if signed == 0 {
                    try FindingState.deleteOne(db, key: id)
                    known[id] = nil
                }
            }
        }

        var statuses: [String: FindingStatus] = [:]
        var counts = FindingStatusCounts()
        for f in findings {
            let status: FindingStatus
            if let decided = statuses[f.id] {
                status = decided
            } else if openBefore.contains(f.id) {
                status = .persisting
            } else if let row = known[f.id], row.firstSeenRun < current {
                status = .reopened
            } else {
                status = .new
            }
            statuses[f.id] = status
            counts[status] += 1
        }
        var resolved: [FindingState] = []
        for id in openBefore.sorted() where statuses[id] == nil {
            guard var row = known[id], !unchecked.contains(row.rule) else { continue }
            row.state = .resolved
            row.stateRun = current
            if let previous { row.lastSeenRun = min(row.lastSeenRun, previous) }
            resolved.append(row)
        }
        counts.resolved = resolved.count
        let tracking = RunTracking(
            runID: current, previousRunID: previous, isRepeat: isRepeat, statuses: statuses, resolved: resolved, counts: counts)
        return RunPlan(run: run, tracking: tracking, known: known)
    }

    static func store(_ db: Database, plan: RunPlan, identity: RunIdentity, findings: [FindingRow], counts: RunCounts) throws {
        var run = plan.run
        let current = run.id!
        run.households = counts.households
        run.findings = counts.findings
        run.corrections = counts.corrections
        run.worklistItems = counts.worklistItems
        let statusCounts = plan.tracking.counts
        run.new = statusCounts.new
        run.persisting = statusCounts.persisting
        run.resolved = statusCounts.resolved
        run.reopened = statusCounts.reopened
        try run.update(db)

        try db.execute(sql: "DELETE FROM run_inputs WHERE run_id = ?", arguments: [current])
        for var input in identity.inputs {
            input.runID = current
            try input.insert(db)
        }

        var written = Set<String>()
        for f in findings where written.insert(f.id).inserted {
            let status = plan.tracking.status(of: f.id)
            let before = plan.known[f.id]
            let row = FindingState(
                findingID: f.id, rule: f.rule, severity: f.severity, regionCode: f.regionCode,
                householdID: f.householdID, memberID: f.memberID, field: f.field,
                firstSeenRun: before.map { min($0.firstSeenRun, current) } ?? current, lastSeenRun: current,
                state: status, stateRun: before.flatMap { $0.state == status ? $0.stateRun : nil } ?? current,
                action: f.action, valuesText: f.values, message: f.message)
            try row.save(db, existing: before != nil)
            let changed = before.map {
                $0.severity != row.severity || $0.action != row.action || $0.valuesText != row.valuesText || $0.message != row.message
            } ?? true
            if status != .persisting || changed {
                try HistoryEntry(
                    runID: current, findingID: f.id, status: status, severity: row.severity, action: row.action,
                    valuesText: row.valuesText, message: row.message
                ).append(db)
            }
        }
        for row in plan.tracking.resolved {
            try row.save(db, existing: true)
            try HistoryEntry(
                runID: current, findingID: row.findingID, status: .resolved, severity: row.severity, action: row.action,
                valuesText: row.valuesText, message: row.message
            ).append(db)
        }
    }
}
