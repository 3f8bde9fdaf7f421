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
}
