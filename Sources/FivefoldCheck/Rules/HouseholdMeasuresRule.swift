import FivefoldModel

/// `household.measures`: 帮扶措施 against the household's need (精准帮扶: the measure follows the
/// cause). Measure items map onto categories by keyword (`categories`, see `MeasureCategories`);
/// then an unsafe house (C/D) needs 危房改造 or 易地搬迁, a student 教育资助, 因病 or a member
/// 患有大病 医疗救助, a 政策保障型 household 低保兜底, and a registered household some measure at
/// all. Every category list is a parameter. Read on the corrected system record.
public struct HouseholdMeasuresRule: CaseRule {
    static let rule = RuleID.householdMeasures

    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard sink.isEnabled(Self.rule), let system = c.system, !system.isMemberOnly, MemberFacts.holdsFilingCard(system[.status]) else { return }
        let raw = system.fields[.measures]?.raw ?? ""
        let items = MeasureCategories.items(system[.measures])
        func emit(_ kind: String, _ message: String) {
            sink.emit(Self.rule, case: c, field: .measures, values: [(.system, raw)], message: message, discriminator: kind)
        }
        guard !items.isEmpty else {
            guard !system.fields.isInvalid(.measures) else { return }
            emit("none", "建档立卡户未落实任何帮扶措施")
            return
        }
        let have = context.measureCategories(system[.measures])
        func lacks(_ key: String) -> [String]? {
            let wanted = context.list(Self.rule, key)
            return wanted.contains(where: have.contains) ? nil : wanted
        }
        // Built only for a finding: most households lack nothing.
        var shown: String { "（现有措施：\(items.joined(separator: "、"))）" }
        if let grade = system[.houseGrade], context.list(Self.rule, "unsafe_grades").contains(grade), let wanted = lacks("housing_categories") {
            emit("housing", "住房安全等级为\(grade)级，但帮扶措施中没有\(wanted.joined(separator: "或"))\(shown)")
        }
        let students = system.members.filter { MemberFacts.isStudent($0[.inSchool]) }
        if !students.isEmpty, let wanted = lacks("education_categories") {
            let names = students.compactMap { $0[.name] }.joined(separator: "、")
            emit("education", "有在校生\(names)，但帮扶措施中没有\(wanted.joined(separator: "或"))\(shown)")
        }
        let ill = system.members.filter { MemberFacts.health($0[.health], contains: "患有大病") }
        if system[.cause] == "因病" || !ill.isEmpty, let wanted = lacks("medical_categories") {
            let why = ill.isEmpty ? "致贫原因为因病" : "成员\(ill.compactMap { $0[.name] }.joined(separator: "、"))患有大病"
            emit("medical", "\(why)，但帮扶措施中没有\(wanted.joined(separator: "或"))\(shown)")
        }
        if let type = system[.householdType], context.list(Self.rule, "support_types").contains(type), let wanted = lacks("support_categories") {
            emit("support", "六型类别为\(type)，但帮扶措施中没有\(wanted.joined(separator: "或"))\(shown)")
        }
    }
}
