/// A change Fivefold made to the system dataset, with the evidence that justified it.
public struct Correction: Sendable, Hashable {
    public var findingID: String
    public var householdID: String
    /// Empty for household fields; the member's ID number (else name) for member fields.
    public var memberID: String
    public var field: FieldID
    public var oldValue: String
    public var newValue: String
    /// The sources that support the new value, e.g. `verification=A;archive=A`.
    public var evidence: String
    /// The policy that settled it, e.g. `trust:verification>archive>system`.
    public var policy: String

    public init(
        findingID: String, householdID: String, memberID: String, field: FieldID,
        oldValue: String, newValue: String, evidence: String, policy: String
    ) {
        self.findingID = findingID
        self.householdID = householdID
        self.memberID = memberID
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.evidence = evidence
        self.policy = policy
    }
}
