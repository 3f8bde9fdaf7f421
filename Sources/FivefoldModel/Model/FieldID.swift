/// A canonical field name (SPEC §2), the identifier used in pipelines, findings and corrections.
public struct FieldID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    /// The name's number in `names` (interned): a field id is compared as one integer and
    /// copied as bytes, without retaining a string (`InternedNames` says why).
    @usableFromInline let number: UInt32
    /// Precomputed once (the name's `StableHash`): these ids key the dictionaries of every
    /// record, and hashing the string on every lookup was a measurable share of a run.
    @usableFromInline let hash: UInt64

    /// Every field name seen in this process, once.
    package static let names = InternedNames()

    public init(rawValue: String) {
        number = Self.names.intern(rawValue)
        hash = Self.names.entry(number).hash
    }
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var rawValue: String { Self.names.entry(number).name }
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    /// The bucket hash `Dictionary` and `Set` ask for, from the precomputed hash without `Hasher`
    /// (`StableHash.bucketHash`).
    @inlinable public func _rawHashValue(seed: Int) -> Int { StableHash.bucketHash(hash, seed: seed) }
    /// One name, one number: equal ids are equal numbers.
    @inlinable public static func == (a: FieldID, b: FieldID) -> Bool { a.number == b.number }
    public init(from decoder: Decoder) throws { self.init(rawValue: try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { rawValue }
    public static func < (a: FieldID, b: FieldID) -> Bool { a.rawValue < b.rawValue }

    // Household fields.
    public static let householdID: FieldID = "household_id"
    public static let regionCode: FieldID = "region_code"
    public static let county: FieldID = "county"
    public static let township: FieldID = "township"
    public static let village: FieldID = "village"
    public static let headName: FieldID = "head_name"
    public static let headID: FieldID = "head_id"
    public static let size: FieldID = "size"
    public static let status: FieldID = "status"
    public static let attribute: FieldID = "attribute"
    public static let identifiedYear: FieldID = "identified_year"
    public static let exitYear: FieldID = "exit_year"
    public static let cause: FieldID = "cause"
    public static let incomePerCapita: FieldID = "income_per_capita"
    public static let houseGrade: FieldID = "house_grade"
    public static let houseSafe: FieldID = "house_safe"
    public static let houseArea: FieldID = "house_area"
    public static let grainKg: FieldID = "grain_kg"
    public static let waterSafe: FieldID = "water_safe"
    public static let householdType: FieldID = "household_type"
    public static let cadreName: FieldID = "cadre_name"
    public static let cadrePhone: FieldID = "cadre_phone"
    public static let measures: FieldID = "measures"
    public static let satisfaction: FieldID = "satisfaction"
    public static let memberNames: FieldID = "member_names"
    public static let inspector: FieldID = "inspector"
    public static let inspectionDate: FieldID = "inspection_date"
    /// The interview's visit date (走访日期 / 调查日期): ages told in it are as of this date.
    public static let visitDate: FieldID = "visit_date"

    // Member fields.
    public static let idNumber: FieldID = "id_number"
    public static let name: FieldID = "name"
    public static let relation: FieldID = "relation"
    public static let sex: FieldID = "sex"
    public static let birthDate: FieldID = "birth_date"
    public static let age: FieldID = "age"
    public static let ethnicity: FieldID = "ethnicity"
    public static let education: FieldID = "education"
    public static let inSchool: FieldID = "in_school"
    public static let health: FieldID = "health"
    public static let labor: FieldID = "labor"
    public static let migrantMonths: FieldID = "migrant_months"
    public static let medicalInsured: FieldID = "medical_insured"

    // The department registries' columns beyond the member fields (SPEC §3 verification/registry):
    // named once here for the pipeline file's keys, the normaliser's kinds and the rules.
    public static let deathDate: FieldID = "death_date"
    public static let employer: FieldID = "employer"
    public static let plate: FieldID = "plate"
    public static let vehicleType: FieldID = "vehicle_type"
    public static let address: FieldID = "address"
    public static let floorArea: FieldID = "floor_area"
    public static let company: FieldID = "company"
    public static let registeredCapital: FieldID = "registered_capital"
    public static let stage: FieldID = "stage"
    public static let insuranceStatus: FieldID = "insurance_status"
    /// Every registry column above, in the order a pipeline's error message lists them.
    public static let registryColumns: [FieldID] = [
        .deathDate, .employer, .plate, .vehicleType, .address, .floorArea, .company, .registeredCapital, .stage, .insuranceStatus,
    ]
}
