/// The parameters each rule reads, with their kinds: the pipeline loader refuses a parameter that
/// is not here, or of another kind, so a misspelt key or a word where a number belongs stops the
/// run with one message instead of silently running on the default.
///
/// Each rule reads its parameters through `RuleContext` with its documented default; this table is
/// what the loader checks against, kept beside `RuleCatalog.entries` so a new parameter is declared
/// where a new rule is.
extension RuleCatalog {
    /// What a parameter holds.
    public enum ParameterKind: String, Sendable {
        case number = "a number"
        case list = "a list of texts"
        case table = "a table of year: number"
    }

    public static let parameters: [String: [String: ParameterKind]] = [
        "value.invalid": ["max_household_size": .number, "max_income_per_capita": .number, "max_age": .number],
        "vocabulary.unknown": ["min_count": .number, "min_share_percent": .number, "min_repeats": .number],
        "member.implausible": ["primary_age_min": .number, "primary_age_max": .number, "max_migrant_months": .number],
        "eligibility.vehicle": ["exempt_types": .list],
        "eligibility.business": ["min_registered_capital": .number],
        "exit.income": ["poverty_lines": .table],
        "exit.housing": ["unsafe_grades": .list],
        "exit.education": ["min_age": .number, "max_age": .number],
        "identify.four_looks": Dictionary(uniqueKeysWithValues: [
            "house_cd", "house_b", "grain_low_kg", "grain_low", "grain_mid_kg", "grain_mid", "labour_none", "labour_one",
            "students_two", "students_one", "poor_min", "well_off_max", "well_off_income_factor",
        ].map { ($0, ParameterKind.number) }),
        "village.class": ["class1_min_percent": .number, "class2_min_percent": .number, "class3_min_percent": .number],
    ]
}
