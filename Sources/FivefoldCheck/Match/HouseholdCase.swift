import FivefoldModel

/// One household lined up across every source that holds it: the unit rules and resolution work on.
public struct HouseholdCase: Sendable {
    /// The normalised 户编号.
    public var householdID: String
    /// What each source says, keyed by source.
    public var records: [SourceID: HouseholdRecord]
    /// The same person across sources (and the hukou registry), filled by `MemberLinker`.
    public var people: [LinkedMember]

    public init(householdID: String, records: [SourceID: HouseholdRecord] = [:], people: [LinkedMember] = []) {
        self.householdID = householdID
        self.records = records
        self.people = people
    }

    /// The system record, nil when the household is missing from the system.
    public var system: HouseholdRecord? { records[.system] }

    /// The first non-empty normalised value of a household field, system first, then the other sources.
    public func firstValue(_ field: FieldID, order: [SourceID] = SourceID.five) -> String? {
        for source in order { if let v = records[source]?[field] { return v } }
        return nil
    }

    /// The 12-digit village code (from the system, else any source that has it).
    public var regionCode: String { firstValue(.regionCode) ?? "" }
}

/// One person as each source records them. A source absent from `records` does not list them.
public struct LinkedMember: Sendable {
    public var records: [SourceID: MemberRecord]
    /// How confident the linkage is per source (1 = by ID number or exact name).
    public var scores: [SourceID: Double]
    /// True when this record matched several people equally well and was left unlinked.
    public var ambiguous = false

    public init(records: [SourceID: MemberRecord] = [:], scores: [SourceID: Double] = [:]) {
        self.records = records
        self.scores = scores
    }

    /// The key used in findings and corrections: the system row's key (its valid ID number, else
    /// its name) so a correction finds its row; for people the system lacks, the ID number from
    /// the most reliable source, else the name.
    public var memberKey: String {
        if let system { return system.memberKey }
        for source in [SourceID.hukou, .archive] {
            if let id = records[source]?[.idNumber] { return id }
        }
        for source in [SourceID.system, .archive, .wall, .interview] {
            if let name = records[source]?[.name] { return name }
        }
        return orderedRecords.first?.memberKey ?? ""
    }

    /// The records in source order (SPEC order, then registries): dictionary order is random per
    /// process, and outputs must be identical run after run.
    public var orderedRecords: [MemberRecord] {
        records.keys.sorted(by: HouseholdMatcher.sourceOrder).map { records[$0]! }
    }

    /// The name to show in messages: the first source (in source order) that has one.
    public var displayName: String {
        orderedRecords.lazy.compactMap { $0[.name] }.first ?? memberKey
    }

    /// The system's record of this person, if the system lists them.
    public var system: MemberRecord? { records[.system] }
}
