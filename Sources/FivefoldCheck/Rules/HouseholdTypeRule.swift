import FivefoldModel

/// `household.type`: the 六型 household type (SPEC §1) against who lives in the household.
///
/// A development type (农场主型 … 专业技能型) needs someone able to work; 专业技能型 a 技能劳动力,
/// 产业务工型 someone in 务工; 政策保障型 is for households that cannot lift themselves out, so two
/// full labourers and nobody seriously ill or disabled make it implausible. The conditions are the
/// `types` table of the pipeline (`TypeConditions`), so a county can change them; a registered
/// household without a type is flagged too. Read on the corrected system record; a household
/// whose labour, health, 务工 or 属性 values could not be read is left to `value.invalid`.
public struct HouseholdTypeRule: CaseRule {
    static let rule = RuleID.householdType

    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard sink.isEnabled(Self.rule), let system = c.system, !system.isMemberOnly, MemberFacts.holdsFilingCard(system[.status]) else { return }
        guard let type = system[.householdType] else {
            guard !system.fields.isInvalid(.householdType) else { return }
            sink.emit(Self.rule, case: c, field: .householdType, values: [(.system, "")], message: "建档立卡户未填六型类别", discriminator: "missing")
            return
        }
        guard let conditions = context.conditions(Self.rule, "types")[type], !system.members.isEmpty else { return }
        let unreadable = system.fields.isInvalid(.attribute) || system.members.contains { m in
            [FieldID.labor, .health, .migrantMonths].contains { m.fields.isInvalid($0) }
        }
        guard !unreadable else { return }
        let facts = Self.facts(system)
        var problems: [String] = []
        let missing = conditions.needs.filter { !facts.contains($0) }
        if !missing.isEmpty { problems.append("但没有" + missing.map(TypeConditions.chinese).joined(separator: "、")) }
        if !conditions.unless.contains(where: facts.contains) {
            let held = conditions.forbids.filter(facts.contains)
            if !held.isEmpty {
                var text = "却有" + held.map(TypeConditions.chinese).joined(separator: "、")
                if !conditions.unless.isEmpty { text += "，且没有" + conditions.unless.map(TypeConditions.chinese).joined(separator: "或") }
                problems.append(text)
            }
        }
        guard !problems.isEmpty else { return }
        sink.emit(Self.rule, case: c, field: .householdType, values: [(.system, system.fields[.householdType]?.raw ?? type), ("facts", TypeConditions.factNames.filter(facts.contains).map(TypeConditions.chinese).joined(separator: "、"))],
                  message: "六型类别为\(type)，" + problems.joined(separator: "；"), discriminator: "conditions")
    }

    /// The facts (`TypeConditions.facts`) that hold for a household's system record.
    public static func facts(_ record: HouseholdRecord) -> Set<String> {
        var facts = Set<String>()
        let members = record.members
        let labourers = members.filter { MemberFacts.isLabourer($0[.labor]) }.count
        if labourers >= 1 { facts.insert("labourer") }
        if labourers >= 2 { facts.insert("two_labourers") }
        if members.contains(where: { MemberFacts.isLabourer($0[.labor]) || CanonicalText.equals($0[.labor], "弱劳动力或半劳动力") }) { facts.insert("able_to_work") }
        if members.contains(where: { CanonicalText.equals($0[.labor], "技能劳动力") }) { facts.insert("skilled_labourer") }
        if members.contains(where: { ($0[.migrantMonths].flatMap { Int($0) } ?? 0) > 0 }) { facts.insert("migrant_worker") }
        if members.contains(where: { MemberFacts.health($0[.health], contains: "患有大病") || MemberFacts.health($0[.health], contains: "残疾") }) {
            facts.insert("ill_or_disabled")
        }
        switch record[.attribute] {
        case "特困供养贫困户"?: facts.insert("extreme_poverty_support")
        case "低保贫困户"?: facts.insert("subsistence_allowance")
        default: break
        }
        return facts
    }
}
