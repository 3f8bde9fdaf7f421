/// A person whose whole row is in question, handed from `unify.missing` to the row policies
/// (`MemberRowPlanner`): the system lacks them, or only the system lists them.
public struct RowCandidate: Sendable {
    public enum Kind: Sendable { case missing, ghost }

    /// Index of the member's `unify.missing` finding in the sink.
    public var findingIndex: Int
    public var person: LinkedMember
    public var kind: Kind
}
