import FivefoldModel

/// `member.implausible`: relation, age, sex, schooling, labour and months worked that cannot all
/// be true of one person (SPEC §4), checked on the system's members.
public struct MemberRules: CaseRule {
    public init() {}

    static let rule = RuleID.memberImplausible
    /// Relations that must be younger than the head, and older (code-list labels).
    static let children = ["之子", "之女", "之儿媳", "之女婿"]
    static let parents = ["之父", "之母"]

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard let system = c.system, !system.isMemberOnly else { return }
        let primaryMin = Int(context.number(Self.rule, "primary_age_min"))
        let primaryMax = Int(context.number(Self.rule, "primary_age_max"))
        let maxMonths = context.number(Self.rule, "max_migrant_months")
        let asOf = context.asOf
        let head = system.members.first { CanonicalText.equals($0[.relation], "户主") }
        let headAge = head.flatMap { MemberFacts.ages($0, asOf: asOf) }

        for m in system.members {
            let name = m[.name] ?? ""
            var problems: [(FieldID, String, String)] = []  // field, value shown, message
            // Ages are ranges (a birth month alone allows two in its month): a problem is one
            // whichever of the ages is true.
            let age = MemberFacts.ages(m, asOf: asOf)
            if let relation = m[.relation], let age, let headAge {
                if CanonicalText.isOne(of: Self.children, relation), age.lowerBound >= headAge.upperBound {
                    problems.append((.relation, relation, "\(name)为户主\(relation)，但年龄\(age.ageText)岁不小于户主的\(headAge.ageText)岁"))
                }
                if CanonicalText.isOne(of: Self.parents, relation), age.upperBound <= headAge.lowerBound {
                    problems.append((.relation, relation, "\(name)为户主\(relation)，但年龄\(age.ageText)岁不大于户主的\(headAge.ageText)岁"))
                }
            }
            if CanonicalText.equals(m[.relation], "配偶"), let sex = m[.sex], CanonicalText.equals(head?[.sex], sex) {
                problems.append((.sex, sex, "户主与配偶\(name)性别相同"))
            }
            let stage = m[.inSchool]
            if CanonicalText.equals(stage, "小学"), let age, age.upperBound < primaryMin || age.lowerBound > primaryMax {
                problems.append((.inSchool, "小学", "\(name)\(age.ageText)岁，不在小学年龄\(primaryMin)–\(primaryMax)岁内"))
            }
            if MemberFacts.isStudent(stage), let labor = m[.labor], !CanonicalText.equals(labor, "无劳动能力") {
                problems.append((.labor, labor, "\(name)为在校生，劳动技能应为无劳动能力，实为\(labor)"))
            }
            if let months = m[.migrantMonths].flatMap(Double.init), months > maxMonths {
                problems.append((.migrantMonths, m.fields[.migrantMonths]?.raw ?? "", "\(name)务工时间\(m.fields[.migrantMonths]?.raw ?? "")个月，超过\(Int(maxMonths))个月"))
            }
            // 学龄前儿童 is an official 文化程度 of a child not yet at school: it goes with a blank,
            // 非在校生 or 学前 在校生状况, not with a school stage. An unknown code counts as filled
            // (value.invalid / vocabulary.unknown report it), never as blank.
            let education = m[.education]
            let preschool = education == MemberFacts.preschoolEducation
            let hasEducation = education != nil || m.fields.isInvalid(.education)
            let hasStage = MemberFacts.hasSchoolStage(stage) || m.fields.isInvalid(.inSchool)
            if let education, let stage, preschool ? MemberFacts.isStudent(stage) : hasStage && m[.inSchool] != nil {
                problems.append((.education, "\(education)/\(stage)", "\(name)同时填写了文化程度和在校生状况"))
            } else if !hasEducation && !hasStage {
                problems.append((.education, "", "\(name)文化程度和在校生状况均未填写"))
            }
            for (field, shown, message) in problems {
                sink.emit(Self.rule, case: c, member: m.memberKey, field: field, values: [(.system, shown)], message: message)
            }
        }
    }
}
