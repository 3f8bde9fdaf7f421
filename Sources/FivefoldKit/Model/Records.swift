/// A member as one source records it.
public struct MemberRecord: Sendable {
    public var source: SourceID
    public var location: SourceLocation
    public var fields: FieldMap

    public init(source: SourceID, location: SourceLocation, fields: FieldMap = [:]) {
        self.source = source
        self.location = location
        self.fields = fields
    }

    /// The normalised value of a field, nil when blank or invalid.
    public subscript(_ field: FieldID) -> String? { fields[field]?.normalized }

    /// The member's key for findings: the ID number when present, else the name.
    public var memberKey: String {
        self[.idNumber] ?? self[.name] ?? fields[.name]?.raw ?? ""
    }
}

/// A household as one source records it, with the members that source lists.
public struct HouseholdRecord: Sendable {
    public var source: SourceID
    public var location: SourceLocation
    public var fields: FieldMap
    public var members: [MemberRecord]
    /// True when only member rows named this household (its household row is absent).
    public var isMemberOnly = false

    public init(
        source: SourceID, location: SourceLocation, fields: FieldMap = [:],
        members: [MemberRecord] = []
    ) {
        self.source = source
        self.location = location
        self.fields = fields
        self.members = members
    }

    /// The normalised value of a field, nil when blank or invalid.
    public subscript(_ field: FieldID) -> String? { fields[field]?.normalized }

    /// The household id (户编号) as normalised; empty when absent.
    public var householdID: String { self[.householdID] ?? "" }
}
