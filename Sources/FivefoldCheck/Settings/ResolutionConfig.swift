import FivefoldModel

/// Per-field comparison and resolution (SPEC §5).
public struct ResolutionConfig: Sendable {
    public var defaults: FieldPolicy
    public var fields: [FieldID: FieldPolicy]
    /// Row policies (`resolution.members`): adding, removing and moving member rows.
    public var members = MemberRowPolicy()

    public init(defaults: FieldPolicy, fields: [FieldID: FieldPolicy], members: MemberRowPolicy = MemberRowPolicy()) {
        self.defaults = defaults
        self.fields = fields
        self.members = members
    }

    public func policy(for field: FieldID) -> FieldPolicy { fields[field] ?? defaults }
}
