import GRDB

/// One row of the ledger's `history` table: what a run changed about a finding.
///
/// Every run writes a row for each finding that is new, reopened or resolved in it, and for
/// each persisting finding whose severity, action or values changed; an unchanged persisting
/// finding needs no row (the run's `persisting` count and the finding's `last_seen_run` say it).
/// So the table grows with the churn of the data, not with its size times the nights.
public struct HistoryEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "history"

    public var runID: Int64
    public var findingID: String
    public var status: FindingStatus
    public var severity: String
    public var action: String
    public var valuesText: String
    public var message: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case status, severity, action, message
        case runID = "run_id"
        case findingID = "finding_id"
        case valuesText = "values_text"
    }

    /// `insert(db)` through one cached statement (see `FindingState.save`).
    func append(_ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO history (run_id, finding_id, status, severity, action, values_text, message) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [runID, findingID, status.rawValue, severity, action, valuesText, message])
    }
}
