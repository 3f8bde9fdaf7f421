import FivefoldModel

/// `id.format`, `id.checksum`, `id.birth_mismatch`, `id.sex_mismatch` (GB 11643-1999).
///
/// Checked on the system's members (the dataset of record); other sources' ID numbers are
/// compared with it by `unify.mismatch`. Each finding carries the source and the raw value.
/// `id.format` says what is wrong: the length, the first bad character, an impossible birth
/// date, a birth year before 1900 or a birth date after `as_of`; a member with a blank 身份证号
/// is `id.format` too (every registered person has one).
public struct IDNumberRules: CaseRule {
    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard let system = c.system else { return }
        for member in system.members {
            let raw = member.fields[.idNumber]?.raw ?? ""
            let name = member[.name] ?? member.fields[.name]?.raw ?? ""
            guard member.fields[.idNumber]?.isBlank == false else {
                sink.emit(.idFormat, case: c, member: name, field: .idNumber, values: [(.system, raw)],
                          message: "成员\(name)的身份证号为空：请补录")
                continue
            }
            let key = member[.name] ?? raw
            let parsed = IDNumber.parse(raw)
            if let reason = Self.formatProblem(parsed, asOf: context.asOf) {
                sink.emit(.idFormat, case: c, member: key, field: .idNumber, values: [(.system, raw)],
                          message: "成员\(name)的身份证号“\(raw)”格式错误：\(reason)")
                continue
            }
            let id = parsed.normalized ?? raw
            if !parsed.isChecksumValid {
                sink.emit(.idChecksum, case: c, member: id, field: .idNumber, values: [(.system, raw)],
                          message: "成员\(name)的身份证号“\(raw)”校验位错误")
            }
            // A birth month alone (出生年月) is compared with the number's year and month.
            if let birth = parsed.birthDate, let recorded = member.fields[.birthDate], let date = recorded.normalized, date != birth.iso,
                BirthDate(normalized: date).map({ !$0.agrees(with: BirthDate(birth)) }) ?? true
            {
                sink.emit(.idBirthMismatch, case: c, member: id, field: .birthDate,
                          values: [(.system, recorded.raw), ("id_number", birth.iso)],
                          message: "成员\(name)的出生日期\(recorded.raw)与身份证号中的\(birth.iso)不符")
            }
            if let sex = parsed.sex, let recorded = member.fields[.sex], let value = recorded.normalized, value != sex {
                sink.emit(.idSexMismatch, case: c, member: id, field: .sex,
                          values: [(.system, recorded.raw), ("id_number", sex)],
                          message: "成员\(name)的性别“\(recorded.raw)”与身份证号（\(sex)）不符")
            }
        }
    }

    /// Why a number fails `id.format`, or nil: its format problem, else a birth year before 1900
    /// or a birth date after `as_of` (a person not yet born).
    static func formatProblem(_ parsed: IDNumberCheck, asOf: CivilDate) -> String? {
        if case .format(let reason)? = parsed.problem { return reason }
        guard let birth = parsed.birthDate else { return nil }
        if birth.year < 1900 { return "出生日期\(birth.iso)的年份早于1900年" }
        if birth > asOf { return "出生日期\(birth.iso)晚于核对日期\(asOf.iso)" }
        return nil
    }
}
