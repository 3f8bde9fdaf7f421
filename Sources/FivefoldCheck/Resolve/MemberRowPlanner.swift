import FivefoldModel

/// 大纠错 for whole rows: decides, per the row policies (`resolution.members`), whether a member
/// the system lacks is added or a member only the system lists is dropped.
///
/// Sources are counted apart from the system: the archive and the interview by their member
/// records, the wall card by the names it lists, and the hukou registry by a row that names
/// this very household — a row naming another household lives in that household's partition,
/// so using it here would make the result depend on partitioning (the one-person-in-two-
/// households case is settled in the assembly, `MemberMoves`). When the policy is met the row
/// change and every settled cell of an added member are logged as corrections; otherwise the
/// `unify.missing` finding stays on the worklist and its message says which evidence is missing.
public struct MemberRowPlanner {
    public let policy: MemberRowPolicy
    public let resolution: ResolutionConfig
    /// Whether the hukou registry was supplied (an absent registry proves nothing).
    public let hukouSupplied: Bool

    public init(resolution: ResolutionConfig, hukouSupplied: Bool) {
        self.policy = resolution.members
        self.resolution = resolution
        self.hukouSupplied = hukouSupplied
    }

    /// Row corrections for the candidates of one household; updates their findings.
    public func plan(_ candidates: [RowCandidate], in c: HouseholdCase, findings: inout [Finding]) -> [Correction] {
        var corrections: [Correction] = []
        for candidate in candidates {
            var finding = findings[candidate.findingIndex]
            switch candidate.kind {
            case .missing where policy.add.enabled:
                corrections += planAdd(candidate.person, in: c, finding: &finding)
            case .ghost where policy.remove.enabled:
                corrections += planRemove(candidate.person, in: c, finding: &finding)
            default:
                continue
            }
            findings[candidate.findingIndex] = finding
        }
        return corrections
    }

    // MARK: Evidence

    /// The sources besides the system that list the person in this household.
    func listing(_ person: LinkedMember, in c: HouseholdCase) -> [SourceID] {
        var sources: [SourceID] = []
        for source in [SourceID.archive, .wall, .interview, .verification] {
            if person.records[source] != nil || (source == .wall && wallLists(person, in: c)) { sources.append(source) }
        }
        if hukouNamesHousehold(person, c) { sources.append(.hukou) }
        return sources
    }

    /// The sources besides the system that hold this household's member list without the person.
    func silent(_ person: LinkedMember, in c: HouseholdCase) -> [SourceID] {
        var sources: [SourceID] = []
        for source in [SourceID.archive, .wall, .interview, .verification] {
            guard let record = c.records[source], !record.isMemberOnly else { continue }
            let holdsList = source == .wall ? record.fields[.memberNames]?.normalized != nil : !record.members.isEmpty
            if holdsList, person.records[source] == nil, !(source == .wall && wallLists(person, in: c)) { sources.append(source) }
        }
        if hukouSupplied, person.system?[.idNumber] != nil, !hukouNamesHousehold(person, c) { sources.append(.hukou) }
        return sources
    }

    /// Whether the wall card's member names include one of the person's names.
    func wallLists(_ person: LinkedMember, in c: HouseholdCase) -> Bool {
        guard let list = c.records[.wall]?.fields[.memberNames]?.normalized else { return false }
        let names = Set(SetValue.items(list))
        return person.records.values.contains { $0[.name].map(names.contains) ?? false }
    }

    /// Whether the hukou registry registers the person in this household.
    func hukouNamesHousehold(_ person: LinkedMember, _ c: HouseholdCase) -> Bool {
        person.records[.hukou]?[.householdID] == c.householdID
    }

    /// Why the hukou registry does not vouch for the person here (Chinese). A row registering the
    /// person in another household is never linked here (`MemberLinker`: it is seen only by the
    /// household it names), so that case reads as "not in this household".
    func hukouSilence(_ person: LinkedMember, _ c: HouseholdCase) -> String {
        if !hukouSupplied { return "未提供户籍登记" }
        return "户籍登记中本户无此人"
    }
}
