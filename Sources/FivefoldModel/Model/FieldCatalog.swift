/// The canonical model of SPEC §2: every household and member field Fivefold knows.
///
/// Pipelines map source headers onto these ids; normalisers and comparators dispatch on `kind`.
public enum FieldCatalog {
    public static let household: [FieldSpec] = [
        FieldSpec(.householdID, "户编号", .household, .text),
        FieldSpec(.regionCode, "行政区划代码", .household, .regionCode),
        FieldSpec(.county, "县", .household, .text),
        FieldSpec(.township, "乡镇", .household, .text),
        FieldSpec(.village, "村", .household, .text),
        FieldSpec(.headName, "户主姓名", .household, .personName),
        FieldSpec(.headID, "户主身份证号", .household, .idNumber),
        FieldSpec(.size, "家庭人口数", .household, .integer),
        FieldSpec(.status, "脱贫状态", .household, .enumeration("status")),
        FieldSpec(.attribute, "贫困户属性", .household, .enumeration("attribute")),
        FieldSpec(.identifiedYear, "识别年度", .household, .year),
        FieldSpec(.exitYear, "脱贫年度", .household, .year),
        FieldSpec(.cause, "主要致贫原因", .household, .enumeration("cause")),
        FieldSpec(.incomePerCapita, "人均纯收入", .household, .quantity(unit: "元")),
        FieldSpec(.houseGrade, "住房安全等级", .household, .enumeration("house_grade")),
        FieldSpec(.houseSafe, "住房安全", .household, .enumeration("house_safe")),
        FieldSpec(.houseArea, "住房面积", .household, .quantity(unit: "㎡")),
        FieldSpec(.grainKg, "粮食产量", .household, .quantity(unit: "公斤")),
        FieldSpec(.waterSafe, "饮水安全", .household, .boolean),
        FieldSpec(.householdType, "六型类别", .household, .enumeration("household_type")),
        FieldSpec(.cadreName, "帮扶责任人", .household, .personName),
        FieldSpec(.cadrePhone, "责任人电话", .household, .phone),
        FieldSpec(.measures, "帮扶措施", .household, .set(nil)),
        FieldSpec(.satisfaction, "满意度", .household, .enumeration("satisfaction")),
        FieldSpec(.memberNames, "家庭成员", .household, .set(nil)),
        FieldSpec(.inspector, "核查人", .household, .personName),
        FieldSpec(.inspectionDate, "核查日期", .household, .date),
        FieldSpec(.visitDate, "走访日期", .household, .date),
    ]

    public static let member: [FieldSpec] = [
        FieldSpec(.householdID, "户编号", .member, .text),
        FieldSpec(.idNumber, "身份证号", .member, .idNumber),
        FieldSpec(.name, "姓名", .member, .personName),
        FieldSpec(.relation, "与户主关系", .member, .enumeration("relation")),
        FieldSpec(.sex, "性别", .member, .enumeration("sex")),
        FieldSpec(.birthDate, "出生日期", .member, .dateOrMonth),
        FieldSpec(.age, "年龄", .member, .integer),
        FieldSpec(.ethnicity, "民族", .member, .enumeration("ethnicity")),
        FieldSpec(.education, "文化程度", .member, .enumeration("education")),
        FieldSpec(.inSchool, "在校生状况", .member, .enumeration("in_school")),
        FieldSpec(.health, "健康状况", .member, .set("health")),
        FieldSpec(.labor, "劳动技能", .member, .enumeration("labor")),
        FieldSpec(.migrantMonths, "务工时间", .member, .integer),
        FieldSpec(.medicalInsured, "参加医保", .member, .boolean),
    ]

    private static let householdIndex: [FieldID: FieldSpec] = Dictionary(
        household.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    private static let memberIndex: [FieldID: FieldSpec] = Dictionary(
        member.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    /// The spec of a field at a level, or nil when the model has no such field.
    public static func spec(_ id: FieldID, level: FieldLevel) -> FieldSpec? {
        switch level {
        case .household: return householdIndex[id]
        case .member: return memberIndex[id]
        }
    }

    /// The Chinese label of a field (for messages and worklists), or its id when unknown.
    public static func chinese(_ id: FieldID) -> String {
        householdIndex[id]?.chinese ?? memberIndex[id]?.chinese ?? id.rawValue
    }
}
