// The fields the generator writes, named by their canonical SPEC §2 ids so that truth.csv and
// noise.csv speak the pipeline's language (`income_per_capita`, `birth_date` …). Per-source
// overrides, planted defects and noise are all addressed by (source, member, field).

/// A field of the generated sources, by canonical id.
public enum GeneratedField: String, Sendable, CaseIterable {
    case householdID = "household_id", regionCode = "region_code", county, township, village
    case headName = "head_name", headID = "head_id", size, status, attribute
    case identifiedYear = "identified_year", exitYear = "exit_year", cause
    case incomePerCapita = "income_per_capita", houseGrade = "house_grade", houseArea = "house_area"
    case grainKg = "grain_kg", waterSafe = "water_safe", householdType = "household_type"
    case cadreName = "cadre_name", cadrePhone = "cadre_phone", measures, satisfaction
    case houseSafe = "house_safe", memberNames = "member_names", inspector, inspectionDate = "inspection_date"
    case idNumber = "id_number", name, relation, sex, birthDate = "birth_date", age, ethnicity, education
    case inSchool = "in_school", health, labor, migrantMonths = "migrant_months", medicalInsured = "medical_insured"
    /// The village register's class column (village-level findings).
    case villageClass = "village_class"
}

/// The sources (and registry tables) the generator writes, as truth.csv and noise.csv name them.
public enum GeneratedSource: String, Sendable {
    case system, archive, wall, interview, verification, hukou, deaths, publicEmployees = "public_employees"
    case vehicles, property, businesses, students, insurance, villages
}

/// Raw text to write instead of a field's canonical value in one source.
public struct FieldOverride: Sendable {
    public var source: GeneratedSource
    /// Index into that source's member list; nil for a household field.
    public var member: Int?
    public var field: GeneratedField
    public var raw: String
}
