import GRDB
import FivefoldModel

extension Ledger {
    /// Stores signed results in one transaction; a result already in the ledger (same item,
    /// verdict or value, signer and date) is skipped, so importing a file twice adds nothing.
    ///
    /// - Returns: how many were new and how many were already there.
    @discardableResult
    public func store(_ results: [SignedResult]) throws -> (inserted: Int, duplicates: Int) {
        try guarded {
            try queue.write { db in
                var inserted = 0
                for var result in results {
                    try result.insert(db, onConflict: .ignore)
                    if db.changesCount > 0 { inserted += 1 }
                }
                return (inserted, results.count - inserted)
            }
        }
    }

    /// Every finding id whose hex part is all digits (about one in 2,000): the ids a spreadsheet
    /// could have turned into a number on a worklist sent before ids started with `F`.
    public func allDigitFindingIDs() throws -> [String] {
        let pattern = Finding.idPrefix + String(repeating: "[0-9]", count: 16)
        return try guarded {
            try queue.read { try String.fetchAll($0, sql: "SELECT finding_id FROM findings WHERE finding_id GLOB ? ORDER BY finding_id", arguments: [pattern]) }
        }
    }
}
