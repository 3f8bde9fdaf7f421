import FivefoldModel

/// What one 六型 household type requires of its household (`household.type`): facts it needs,
/// facts it forbids, and facts that lift the forbidding (`政策保障型` forbids two labourers
/// unless someone is seriously ill or disabled).
///
/// Facts are named, not free expressions, so a county can rearrange them in the pipeline and a
/// misspelt one stops the run; `facts` lists them with their Chinese wording for messages.
public struct TypeConditions: Sendable, Hashable {
    public var needs: [String]
    public var forbids: [String]
    public var unless: [String]

    public init(needs: [String] = [], forbids: [String] = [], unless: [String] = []) {
        self.needs = needs
        self.forbids = forbids
        self.unless = unless
    }

    /// Every fact a condition may name, with how messages say it.
    public static let facts: [(name: String, chinese: String)] = [
        ("able_to_work", "有劳动能力的成员（普通、技能或弱劳动力）"),
        ("labourer", "普通或技能劳动力"),
        ("two_labourers", "两名及以上普通或技能劳动力"),
        ("skilled_labourer", "技能劳动力"),
        ("migrant_worker", "务工成员"),
        ("ill_or_disabled", "患大病或残疾的成员"),
        ("extreme_poverty_support", "特困供养属性"),
        ("subsistence_allowance", "低保属性"),
    ]

    public static let factNames: [String] = facts.map(\.name)

    /// How a message says a fact (its name when unknown).
    public static func chinese(_ fact: String) -> String {
        facts.first { $0.name == fact }?.chinese ?? fact
    }

    /// The shipped table (SPEC §1 六型; the conditions are our reading of the types, ASSUMPTION).
    public static let defaults: [String: TypeConditions] = [
        "农场主型": TypeConditions(needs: ["able_to_work"], forbids: ["extreme_poverty_support"]),
        "产业务工型": TypeConditions(needs: ["able_to_work", "migrant_worker"], forbids: ["extreme_poverty_support"]),
        "商业贸易型": TypeConditions(needs: ["able_to_work"], forbids: ["extreme_poverty_support"]),
        "合作发展型": TypeConditions(needs: ["able_to_work"], forbids: ["extreme_poverty_support"]),
        "专业技能型": TypeConditions(needs: ["able_to_work", "skilled_labourer"], forbids: ["extreme_poverty_support"]),
        "政策保障型": TypeConditions(forbids: ["two_labourers"], unless: ["ill_or_disabled"]),
    ]
}
