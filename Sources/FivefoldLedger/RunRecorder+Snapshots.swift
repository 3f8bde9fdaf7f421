import Foundation
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
        // One statement per batch, not one per household: the batch's ids go in as one JSON
        // array (json_each) and SQLite does a seek per household on (household_id, run_id). Per
        // household, binding arguments and decoding a joined row cost more in Swift and GRDB than
        // the seek itself (1 M households, repeated run: see BENCHMARKS.md, issue #18).
        let latest = try db.cachedStatement(sql: """
            SELECT j.key, s.income_per_capita, s.status, s.run_id
            FROM json_each(?) j
            JOIN household_snapshots s ON s.household_id = j.value
             AND s.run_id = (SELECT MAX(run_id) FROM household_snapshots WHERE household_id = j.value AND run_id < ?)
            """)
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO household_snapshots (household_id, run_id, income_per_capita, status) VALUES (?, ?, ?, ?)
            """)
        if runDates == nil {
            runDates = Dictionary(try Row.fetchAll(db, sql: "SELECT id, as_of FROM runs").map { ($0[0] as Int64, $0[1] as String) },
                                  uniquingKeysWith: { a, _ in a })
        }
        var result = [PreviousSnapshot?](repeating: nil, count: batch.count)
        let rows = try Row.fetchCursor(latest, arguments: [Self.jsonArray(batch.lazy.map(\.householdID)), current])
        while let row = try rows.next() {
            let i: Int = row[0], runID: Int64 = row[3]
            guard i >= 0, i < batch.count, let asOf = runDates?[runID] else { continue }
            result[i] = PreviousSnapshot(
                snapshot: HouseholdSnapshot(householdID: batch[i].householdID, income: row[1], status: row[2]), runID: runID, asOf: asOf)
        }
        for (s, previous) in zip(batch, result) where previous?.snapshot != s {
            try insert.execute(arguments: [s.householdID, current, s.income, s.status])
            snapshotsStored += 1
        }
        return result
    }

    /// `strings` as a JSON array (RFC 8259) for `json_each`: quotation mark, reverse solidus and
    /// control characters escaped, everything else as it is (UTF-8). Written by hand: Foundation's
    /// `JSONEncoder` was most of this step's time, 0.46 s a night at 1 M households on the
    /// assembly's one thread.
    static func jsonArray<S: Sequence<String>>(_ strings: S) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        let hex = Array("0123456789abcdef".utf8)
        for (i, string) in strings.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            for byte in string.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case 0..<0x20:
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                default:
                    out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }
}
