import FivefoldModel

/// Shared readings of canonical values the rules agree on (SPEC §4 "conventions the rules share").
public enum MemberFacts {
    /// Registered poor: 未脱贫 or 返贫 (预脱贫 is mapped to 未脱贫 by the vocabulary).
    public static func isRegisteredPoor(_ status: String?) -> Bool {
        CanonicalText.equals(status, "未脱贫") || CanonicalText.equals(status, "返贫")
    }

    /// A registered (建档立卡) household: any status but 非贫困户.
    public static func isRegistered(_ status: String?) -> Bool {
        guard let status else { return true }
        return !CanonicalText.equals(status, "非贫困户")
    }

    /// The official 文化程度 of a child not yet at school (national 建档立卡 form).
    public static let preschoolEducation = "学龄前儿童"

    /// In school for 因学 and 看读书郎: any stage but 非在校生 and 学前.
    public static func isStudent(_ inSchool: String?) -> Bool {
        guard let inSchool else { return false }
        return !CanonicalText.equals(inSchool, "非在校生") && !CanonicalText.equals(inSchool, "学前")
    }

    /// `in_school` counts as filled unless blank or 非在校生.
    public static func hasSchoolStage(_ inSchool: String?) -> Bool {
        guard let inSchool else { return false }
        return !CanonicalText.equals(inSchool, "非在校生")
    }

    /// Whether a labour value counts as a labourer for 看劳动力.
    public static func isLabourer(_ labor: String?) -> Bool {
        CanonicalText.equals(labor, "普通劳动力") || CanonicalText.equals(labor, "技能劳动力")
    }

    /// Health is a set ("残疾、长期慢性病"): whether it holds an item.
    public static func health(_ value: String?, contains item: String) -> Bool {
        guard let value else { return false }
        return SetValue.contains(value, item: item)
    }

    /// The full years a member may be at `asOf`: from the birth date, else the ID number, else
    /// a told age. One age, except for a birth month alone (出生年月) when `asOf` falls in that
    /// month before its last day: then the two it could be (`BirthDate.ages`). A rule fires only
    /// when every age of the range breaks it.
    public static func ages(_ member: MemberRecord, asOf: CivilDate) -> ClosedRange<Int>? {
        birth(member).map { $0.ages(at: asOf) } ?? toldAge(member).map { $0...$0 }
    }

    /// The birth date `ages` counts from: the birth date, else the ID number's. A birth month
    /// alone takes the ID number's day when the number names the same month (the number is then
    /// the more precise record of the same fact; `id.birth_mismatch` reports a different one).
    public static func birth(_ member: MemberRecord) -> BirthDate? {
        if let text = member[.birthDate], let birth = BirthDate(normalized: text) {
            guard birth.isMonthOnly else { return birth }
            if let id = member[.idNumber], let full = IDNumber.parse(id).birthDate, birth.agrees(with: BirthDate(full)) { return BirthDate(full) }
            return birth
        }
        if let id = member[.idNumber], let birth = IDNumber.parse(id).birthDate { return BirthDate(birth) }
        return nil
    }

    /// A told age (年龄), for a member without a birth date.
    public static func toldAge(_ member: MemberRecord) -> Int? {
        member[.age].flatMap { Int($0) }
    }

    /// The date a source's household record carries for itself (走访日期, 核查日期), if any.
    package static func ownDate(of record: HouseholdRecord?) -> CivilDate? {
        guard let record else { return nil }
        for field in [FieldID.visitDate, .inspectionDate] {
            if let text = record[field], let date = DateParser.parse(text) { return date }
        }
        return nil
    }
}
