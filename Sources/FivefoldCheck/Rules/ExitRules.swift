import FivefoldModel

/// `exit.income`, `exit.housing`, `exit.education`, `exit.medical`: an exited (已脱贫) household
/// that fails the exit standard (两不愁三保障 and income) is a suspected 错退.
///
/// Read on the corrected system record, with the students and insurance registries as evidence.
public struct ExitRules: CaseRule {
    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard let system = c.system, !system.isMemberOnly, system[.status] == "已脱贫" else { return }
        let lines = context.povertyLines

        if let income = system[.incomePerCapita].flatMap(Double.init), let yearText = system[.exitYear], let year = Int(yearText),
            let line = lines.line(for: year), income < line
        {
            sink.emit(.exitIncome, case: c, field: .incomePerCapita, values: [(.system, system.fields[.incomePerCapita]?.raw ?? ""), ("line", RegistryRules.format(line))],
                      message: "已于\(year)年脱贫，但人均纯收入\(RegistryRules.format(income))元低于当年贫困线\(RegistryRules.format(line))元：疑似错退")
        }

        let unsafe = context.list(.exitHousing, "unsafe_grades")
        if let grade = system[.houseGrade], unsafe.contains(grade) {
            sink.emit(.exitHousing, case: c, field: .houseGrade, values: [(.system, grade)],
                      message: "已脱贫户住房安全等级为\(grade)级（危房）：疑似错退")
        }

        let minAge = Int(context.number(.exitEducation, "min_age"))
        let maxAge = Int(context.number(.exitEducation, "max_age"))
        for m in system.members {
            // Every age a birth month allows must be of school age (no finding on a maybe).
            guard let ages = MemberFacts.ages(m, asOf: context.asOf), ages.lowerBound >= minAge, ages.upperBound <= maxAge else { continue }
            // An unknown 在校生状况 code is not "not in school" (value.invalid / vocabulary.unknown say it).
            guard !MemberFacts.hasSchoolStage(m[.inSchool]), !m.fields.isInvalid(.inSchool) else { continue }
            if let id = m[.idNumber], !context.registries.rows(.students, id: id).isEmpty { continue }
            sink.emit(.exitEducation, case: c, member: m.memberKey, field: .inSchool, values: [(.system, m.fields[.inSchool]?.raw ?? "")],
                      message: "已脱贫户成员\(m[.name] ?? "")\(ages.ageText)岁，处于义务教育年龄却不在校、也不在学籍库中：疑似错退")
        }

        for m in system.members where m[.medicalInsured] == "否" {
            guard let id = m[.idNumber] else { continue }
            let rows = context.registries.rows(.insurance, id: id)
            guard rows.contains(where: { $0[.insuranceStatus] == "否" }) else { continue }
            sink.emit(.exitMedical, case: c, member: id, field: .medicalInsured, values: [(.system, m.fields[.medicalInsured]?.raw ?? ""), ("insurance", "未参保")],
                      message: "已脱贫户成员\(m[.name] ?? "")未参加医保（系统与医保库均显示未参保）：疑似错退")
        }
    }
}
