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
            m.fields.isInvalid(.labor) || m.fields.isInvalid(.health) || m.fields.isInvalid(.migrantMonths)
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
    ///
    /// A bit per fact, in `TypeConditions.factNames` order: this runs for every registered
    /// household, and a `Set<String>` hashed each fact's name to insert it and again per look-up
    /// (~14 000 instructions a household).
    public static func facts(_ record: HouseholdRecord) -> TypeFacts {
        var facts = TypeFacts()
        let members = record.members
        var labourers = 0, ableToWork = false, skilled = false, migrant = false, illOrDisabled = false
        for m in members {
            let labor = m.fields.normalized(.labor)
            let labourer = MemberFacts.isLabourer(labor)
            if labourer { labourers += 1 }
            if labourer || CanonicalText.equals(labor, "弱劳动力或半劳动力") { ableToWork = true }
            if CanonicalText.equals(labor, "技能劳动力") { skilled = true }
            if !migrant, (m[.migrantMonths].flatMap { Int($0) } ?? 0) > 0 { migrant = true }
            if !illOrDisabled {
                let health = m[.health]
                if MemberFacts.health(health, contains: "患有大病") || MemberFacts.health(health, contains: "残疾") { illOrDisabled = true }
            }
        }
        if labourers >= 1 { facts.insert("labourer") }
        if labourers >= 2 { facts.insert("two_labourers") }
        if ableToWork { facts.insert("able_to_work") }
        if skilled { facts.insert("skilled_labourer") }
        if migrant { facts.insert("migrant_worker") }
        if illOrDisabled { facts.insert("ill_or_disabled") }
        switch record[.attribute] {
        case "特困供养贫困户"?: facts.insert("extreme_poverty_support")
        case "低保贫困户"?: facts.insert("subsistence_allowance")
        default: break
        }
        return facts
    }
}

/// The facts that hold for a household (`HouseholdTypeRule.facts`), one bit per
/// `TypeConditions.factNames` entry; a name no fact has is never held.
public struct TypeFacts: Equatable, Sendable {
    var bits: UInt32 = 0

    public init() {}

    @inline(__always)
    static func bit(_ fact: String) -> UInt32 {
        guard let i = TypeConditions.factNames.firstIndex(of: fact) else { return 0 }
        return 1 << UInt32(i)
    }

    public mutating func insert(_ fact: String) {
        let b = Self.bit(fact)
        precondition(b != 0, "unknown fact \(fact)")
        bits |= b
    }

    public func contains(_ fact: String) -> Bool { bits & Self.bit(fact) != 0 }
}
