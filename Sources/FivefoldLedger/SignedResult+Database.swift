import FivefoldModel
import GRDB

/// A signed result is stored as a row of `signoffs` (the value type lives in FivefoldModel, where
/// the rules and resolution read it without knowing about the database).
extension SignedResult: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "signoffs"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension SignedResult.Kind: DatabaseValueConvertible {}
