import FivefoldModel

/// Row policies of 大纠错 (`resolution.members` in the pipeline): when the evidence may add a
/// member the system lacks, drop a member nobody else knows, or keep a person listed in two
/// households only in the household the hukou registry names.
///
/// Every policy is off unless the pipeline turns it on (`enabled: true`): a row change is a
/// bigger step than a cell change, and the cautious default sends every such case to the
/// worklist. Sources are counted apart from the system: the archive, the wall card (by the
/// names it lists), the interview, the inspection and the registries named in `require`.
public struct MemberRowPolicy: Sendable, Hashable {
    /// Adding a member listed by other sources but missing from the system.
    public struct Add: Sendable, Hashable {
        public var enabled = false
        /// How many sources other than the system must list the person (registries in `require` count).
        public var minAgree = 3
        /// Sources or registries that must list the person in this household (hukou: its 户编号 row).
        public var require: [SourceID] = [.hukou]

        public init(enabled: Bool = false, minAgree: Int = 3, require: [SourceID] = [.hukou]) {
            (self.enabled, self.minAgree, self.require) = (enabled, minAgree, require)
        }
    }

    /// Dropping a system member whom no other source lists (a ghost member).
    public struct Remove: Sendable, Hashable {
        public var enabled = false
        /// How many sources other than the system must hold the household's member list without the person.
        public var minAgree = 3
        /// Sources or registries that must be silent about the person: a registry only proves
        /// absence when it was supplied and the member's ID number is valid.
        public var requireAbsent: [SourceID] = [.hukou]

        public init(enabled: Bool = false, minAgree: Int = 3, requireAbsent: [SourceID] = [.hukou]) {
            (self.enabled, self.minAgree, self.requireAbsent) = (enabled, minAgree, requireAbsent)
        }
    }

    /// One ID number in several households (一人多户): the row stays only where the registry says.
    public struct DuplicatePerson: Sendable, Hashable {
        public var enabled = false
        /// Registries whose 户编号 decides the household (the first that knows the person).
        public var authoritative: [SourceID] = [.hukou]

        public init(enabled: Bool = false, authoritative: [SourceID] = [.hukou]) {
            (self.enabled, self.authoritative) = (enabled, authoritative)
        }
    }

    public var add = Add()
    public var remove = Remove()
    public var duplicatePerson = DuplicatePerson()

    public init() {}

    /// The `member_row` field of corrections.csv.
    public static let field: FieldID = "member_row"
}
