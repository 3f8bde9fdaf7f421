import GRDB

/// The household snapshots of a run (`monitor.relapse`): the assembly hands the run's households
/// to the recorder one partition at a time; each is compared with its latest snapshot from an
/// earlier run and written again only when its income or status changed. Memory holds one batch,
/// never the province; the lookups are index seeks on (household_id, run_id).
extension RunRecorder {
    /// The run's `as_of` date, nil without a ledger.
    public var asOf: String? { identity?.asOf }

    /// Compares `batch` with the ledger and records what changed; returns, in batch order, each
    /// household's latest snapshot from an earlier run (nil for a household seen for the first
    /// time). A repeated run first removes the snapshots it wrote before, so it compares with
    /// the same earlier runs and writes the same rows again. Without a ledger: all nil.
    public func compareSnapshots(_ batch: [HouseholdSnapshot]) throws -> [PreviousSnapshot?] {
        guard let db, let identity else { return batch.map { _ in nil } }
        let current = try open(db, identity).current
        if !snapshotsCleared {
            try db.execute(sql: "DELETE FROM household_snapshots WHERE run_id = ?", arguments: [current])
            snapshotsCleared = true
        }
        let latest = try db.cachedStatement(sql: """
            SELECT s.income_per_capita, s.status, s.run_id, r.as_of
            FROM household_snapshots s JOIN runs r ON r.id = s.run_id
            WHERE s.household_id = ? AND s.run_id < ?
            ORDER BY s.run_id DESC LIMIT 1
            """)
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO household_snapshots (household_id, run_id, income_per_capita, status) VALUES (?, ?, ?, ?)
            """)
        var result: [PreviousSnapshot?] = []
        result.reserveCapacity(batch.count)
        for s in batch {
            var previous: PreviousSnapshot?
            if let row = try Row.fetchOne(latest, arguments: [s.householdID, current]) {
                previous = PreviousSnapshot(
                    snapshot: HouseholdSnapshot(householdID: s.householdID, income: row[0], status: row[1]), runID: row[2], asOf: row[3])
            }
            if previous?.snapshot != s {
                try insert.execute(arguments: [s.householdID, current, s.income, s.status])
                snapshotsStored += 1
            }
            result.append(previous)
        }
        return result
    }
}
