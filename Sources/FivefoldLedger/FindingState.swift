import GRDB

/// One row of the ledger's `findings` table: everything the ledger remembers about a finding id.
///
/// The key fields (rule, household, member, field, region) never change for an id, since the
/// id is built from them; the state, the runs and the last values/message follow the nights.
public struct FindingState: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "findings"

    public var findingID: String
    public var rule: String
    public var severity: String
    public var regionCode: String
    public var householdID: String
    public var memberID: String
    public var field: String
    /// The first and the last run in which the finding was present.
    public var firstSeenRun: Int64
    public var lastSeenRun: Int64
    /// Its status in the run that last changed it (`stateRun`).
    public var state: FindingStatus
    public var stateRun: Int64
    /// Action, per-source values and message as last seen.
    public var action: String
    public var valuesText: String
    public var message: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case rule, severity, field, state, action, message
        case findingID = "finding_id"
        case regionCode = "region_code"
        case householdID = "household_id"
        case memberID = "member_id"
        case firstSeenRun = "first_seen_run"
        case lastSeenRun = "last_seen_run"
        case stateRun = "state_run"
        case valuesText = "values_text"
    }

    /// Whether the finding was open (not resolved) after the run that last changed it.
    public var isOpen: Bool { state != .resolved }

    /// Inserts the row (`existing` false) or updates every column of the row with its id, as the
    /// record's `insert` and `update` do, through one cached statement each: encoding the record
    /// and building its statement, GRDB's record methods took 22 µs a row, 1.3 s of a 1 M night
    /// (58 000 findings, all updated) in the run's last step, on one core.
    func save(_ db: Database, existing: Bool) throws {
        let values: [DatabaseValueConvertible] = [
            rule, severity, regionCode, householdID, memberID, field, firstSeenRun, lastSeenRun, state.rawValue, stateRun,
            action, valuesText, message, findingID,
        ]
        if existing {
            try db.cachedStatement(sql: """
                UPDATE findings SET rule = ?, severity = ?, region_code = ?, household_id = ?, member_id = ?, field = ?,
                first_seen_run = ?, last_seen_run = ?, state = ?, state_run = ?, action = ?, values_text = ?, message = ?
                WHERE finding_id = ?
                """).execute(arguments: StatementArguments(values))
            // As `update` does: a row that is not there is an error, not a silent no-op.
            guard db.changesCount == 1 else {
                throw RecordError.recordNotFound(databaseTableName: Self.databaseTableName, key: ["finding_id": findingID.databaseValue])
            }
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO findings (rule, severity, region_code, household_id, member_id, field, first_seen_run, last_seen_run,
                state, state_run, action, values_text, message, finding_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(values))
        }
    }
}
