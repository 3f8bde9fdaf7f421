// One line of truth.csv: a finding the pipeline must raise because the generator planted a
// defect (or because a planted defect necessarily implies it, which the note says). Recall is
// measured against these rows: same rule and household, and member/field where given.

/// A planted defect as the finding it should produce.
public struct TruthRow: Sendable, Equatable {
    public var rule: String
    public var regionCode: String
    public var householdID: String
    /// Normalised 18-character ID number as the finding keys the member, else the name.
    public var memberID: String
    public var field: String
    public var source: String
    public var note: String

    public init(rule: String, regionCode: String, householdID: String, memberID: String = "", field: String = "",
                source: String, note: String) {
        self.rule = rule
        self.regionCode = regionCode
        self.householdID = householdID
        self.memberID = memberID
        self.field = field
        self.source = source
        self.note = note
    }

    /// The truth.csv header.
    public static let header = ["rule", "region_code", "household_id", "member_id", "field", "source", "note"]

    /// The row's cells in header order.
    public var cells: [String] { [rule, regionCode, householdID, memberID, field, source, note] }
}
