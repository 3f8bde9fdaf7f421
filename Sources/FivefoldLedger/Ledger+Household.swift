import GRDB
import FivefoldModel

extension Ledger {
    /// Every finding the ledger knows for one household, by rule and id.
    public func findings(household: String) throws -> [FindingState] {
        try guarded {
            try queue.read {
                try FindingState.filter(Column("household_id") == household).order(Column("rule"), Column("finding_id")).fetchAll($0)
            }
        }
    }

    /// The signed results of one household, in import order.
    public func signedResults(household: String) throws -> [SignedResult] {
        try guarded {
            try queue.read { try SignedResult.filter(Column("household_id") == household).order(Column("id")).fetchAll($0) }
        }
    }
}
