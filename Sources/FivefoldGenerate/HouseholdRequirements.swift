// A planted defect needs a household it can be planted in: an exit defect needs an exited
// household, "之子 older than the head" needs an adult son, a 错评 needs a household that looks
// well-off. Rather than hoping the random household fits, the planner asks the factory for one
// that does; the factory redraws (deterministically) until the requirements hold.

/// What a household must look like for a planted defect to apply.
public struct HouseholdRequirements: Sendable, Equatable {
    /// Force this 脱贫状态 (未脱贫, 已脱贫, 返贫); nil lets the village decide.
    public var status: String?
    /// At least this many members.
    public var minSize = 1
    /// The head must have a spouse.
    public var spouse = false
    /// Some 之子/之女/之孙子/之孙女 must be of an age in this range.
    public var childAged: ClosedRange<Int>?
    /// Some child in `childAged` must be a student (not 学前), or must not be in school at all.
    public var childInSchool: Bool?
    /// A registered-poor household that looks well-off on all four looks (错评-looking).
    public var wellOff = false

    /// No requirement: the household the village would have anyway.
    public static let none = HouseholdRequirements()

    public init(status: String? = nil, minSize: Int = 1, spouse: Bool = false, childAged: ClosedRange<Int>? = nil,
                childInSchool: Bool? = nil, wellOff: Bool = false) {
        self.status = status
        self.minSize = minSize
        self.spouse = spouse
        self.childAged = childAged
        self.childInSchool = childInSchool
        self.wellOff = wellOff
    }

    static let childRelations: Set<String> = ["之子", "之女", "之孙子", "之孙女"]

    /// Whether `household` meets the requirements.
    func isMet(by household: SyntheticHousehold, asOf: SyntheticDate) -> Bool {
        if let status, household.status != status { return false }
        if household.members.count < minSize { return false }
        if wellOff {
            if household.members.contains(where: { $0.isStudent }) { return false }
            if household.members.filter({ HouseholdFactory.isLabourer($0.labor) }).count < 2 { return false }
            if household.members.contains(where: { $0.inSchool == nil && $0.age(at: asOf) < 18 }) { return false }
        }
        if spouse && !household.members.contains(where: { $0.relation == "配偶" }) { return false }
        if let range = childAged {
            let fits = household.members.contains { m in
                guard Self.childRelations.contains(m.relation), range.contains(m.age(at: asOf)) else { return false }
                switch childInSchool {
                case true?: return m.isStudent
                case false?: return m.inSchool == nil
                case nil: return true
                }
            }
            if !fits { return false }
        }
        return true
    }
}
