/// `id.format`, `id.checksum`, `id.birth_mismatch`, `id.sex_mismatch` (GB 11643-1999).
///
/// Checked on the system's members (the dataset of record); other sources' ID numbers are
/// compared with it by `unify.mismatch`. Each finding carries the source and the raw value.
public struct IDNumberRules: CaseRule {
    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard let system = c.system else { return }
        for member in system.members {
            guard let value = member.fields[.idNumber] else { continue }
            let raw = value.raw
            guard !value.isBlank else { continue }
            let key = member[.name] ?? raw
            let parsed = IDNumber.parse(raw)
            let name = member[.name] ?? ""
            if !parsed.isFormatValid {
                sink.emit("id.format", case: c, member: key, field: .idNumber, values: [(.system, raw)],
                          message: "成员\(name)的身份证号“\(raw)”格式错误（应为15位或18位）")
                continue
            }
            let id = parsed.normalized ?? raw
            if !parsed.isChecksumValid {
                sink.emit("id.checksum", case: c, member: id, field: .idNumber, values: [(.system, raw)],
                          message: "成员\(name)的身份证号“\(raw)”校验位错误")
            }
            if let birth = parsed.birthDate, let recorded = member.fields[.birthDate], let date = recorded.normalized, date != birth.iso {
                sink.emit("id.birth_mismatch", case: c, member: id, field: .birthDate,
                          values: [(.system, recorded.raw), ("id_number", birth.iso)],
                          message: "成员\(name)的出生日期\(recorded.raw)与身份证号中的\(birth.iso)不符")
            }
            if let sex = parsed.sex, let recorded = member.fields[.sex], let value = recorded.normalized, value != sex {
                sink.emit("id.sex_mismatch", case: c, member: id, field: .sex,
                          values: [(.system, recorded.raw), ("id_number", sex)],
                          message: "成员\(name)的性别“\(recorded.raw)”与身份证号（\(sex)）不符")
            }
        }
    }
}
