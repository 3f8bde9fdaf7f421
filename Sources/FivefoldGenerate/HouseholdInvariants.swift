// The generator's own statement of what a clean household is under SPEC §4's within-household
// rules: ID numbers, size, head, member plausibility, cause, cadre, the exit standard and the
// 四看法 错评 test, with the conventions the pipeline shares (学前 is no student, 非在校生 is "not
// filled", registered poor = 未脱贫/返贫, ages as of `as_of`). The planter uses it to make sure a
// planted defect raises exactly its own rule and nothing else in the household, and the tests use
// it to prove that clean households raise nothing. It is written independently of the pipeline's
// rule code on purpose: two readings of the SPEC that disagree show up as a failed test.
import FivefoldModel

/// Checks a household's system view against the within-household rules.
public enum HouseholdInvariants {
    /// The rule ids a household's system view (with its registry view) would raise.
    public static func violations(system h: SyntheticHousehold, registry: SyntheticHousehold, asOf: SyntheticDate) -> Set<String> {
        var found = Set<String>()
        for m in h.members {
            if !IDNumberMaker.isValid(m.id) { found.insert(RuleID.idChecksum.rawValue) }
            let bytes = Array(m.id.utf8)
            if bytes.count == 18 {
                if String(decoding: bytes[6..<14], as: UTF8.self) != m.birth.compact { found.insert(RuleID.idBirthMismatch.rawValue) }
                if IDNumberMaker.sex(of: m.id) != m.sex { found.insert(RuleID.idSexMismatch.rawValue) }
            }
        }
        if h.size != h.members.count { found.insert(RuleID.householdSizeMismatch.rawValue) }
        let heads = h.members.filter { $0.relation == "户主" }
        if heads.count != 1 || heads[0].id != h.headID { found.insert(RuleID.householdHead.rawValue) }
        if memberImplausible(h, asOf: asOf) { found.insert(RuleID.memberImplausible.rawValue) }
        switch h.cause {
        case "因病":
            if !h.members.contains(where: { $0.health.contains("长期慢性病") || $0.health.contains("患有大病") }) { found.insert(RuleID.householdCause.rawValue) }
        case "因学":
            if !h.members.contains(where: { $0.isStudent }) { found.insert(RuleID.householdCause.rawValue) }
        case "因残":
            if !h.members.contains(where: { $0.health.contains("残疾") }) { found.insert(RuleID.householdCause.rawValue) }
        default: break
        }
        if h.cadreName.isEmpty || h.members.contains(where: { $0.name == h.cadreName }) { found.insert(RuleID.householdNoCadre.rawValue) }
        if h.status == "已脱贫" {
            if let year = h.exitYear, h.income < PovertyLineTable.line(year) { found.insert(RuleID.exitIncome.rawValue) }
            if h.houseGrade == "C" || h.houseGrade == "D" { found.insert(RuleID.exitHousing.rawValue) }
            for m in h.members {
                let age = m.age(at: asOf)
                guard age >= 6, age <= 15, m.inSchool == nil else { continue }
                if registry.members.contains(where: { $0.id == m.id && $0.isStudent }) { continue }
                found.insert(RuleID.exitEducation.rawValue)
            }
            for m in h.members where !m.insured {
                if registry.members.contains(where: { $0.id == m.id && !$0.insured }) { found.insert(RuleID.exitMedical.rawValue) }
            }
        }
        if h.isRegisteredPoor, fourLooksScore(h) <= 10, h.income >= 2 * PovertyLineTable.current {
            found.insert(RuleID.identifyFourLooks.rawValue)
        }
        if h.status == "已脱贫", fourLooksScore(h) >= 60 { found.insert(RuleID.exitFourLooks.rawValue) }
        if yearsInconsistent(h, asOf: asOf) { found.insert(RuleID.householdYears.rawValue) }
        if typeImplausible(h) { found.insert(RuleID.householdType.rawValue) }
        if measuresMissNeed(h) { found.insert(RuleID.householdMeasures.rawValue) }
        // 防返贫监测: in [line, 1.5 × line) for 已脱贫 / 边缘户 / 非贫困户; an 边缘户 below the line.
        if ["已脱贫", "边缘户", "非贫困户"].contains(h.status), h.income >= PovertyLineTable.current, h.income < PovertyLineTable.monitoringLine {
            found.insert(RuleID.monitorEdge.rawValue)
        }
        if h.status == "边缘户", h.income < PovertyLineTable.current { found.insert(RuleID.monitorEdge.rawValue) }
        return found
    }

    /// household.years: identified ≤ exit, both in 2014...as_of's year, 已脱贫/返贫 with an exit
    /// year and 未脱贫 without one.
    static func yearsInconsistent(_ h: SyntheticHousehold, asOf: SyntheticDate) -> Bool {
        let years = [h.identifiedYear] + (h.exitYear.map { [$0] } ?? [])
        if years.contains(where: { $0 < 2014 || $0 > asOf.year }) { return true }
        if let exit = h.exitYear, h.identifiedYear > exit { return true }
        switch h.status {
        case "已脱贫", "返贫": return h.exitYear == nil
        case "未脱贫": return h.exitYear != nil
        default: return false
        }
    }

    /// household.type under the shipped table: a type, and one the members make plausible.
    static func typeImplausible(_ h: SyntheticHousehold) -> Bool {
        guard ["未脱贫", "已脱贫", "返贫"].contains(h.status) else { return false }
        let labourers = h.members.filter { HouseholdFactory.isLabourer($0.labor) }.count
        let able = h.members.contains { HouseholdFactory.isLabourer($0.labor) || $0.labor == "弱劳动力或半劳动力" }
        let illOrDisabled = h.members.contains { $0.health.contains("患有大病") || $0.health.contains("残疾") }
        switch h.householdType {
        case "": return true
        case "政策保障型": return labourers >= 2 && !illOrDisabled
        case "农场主型", "商业贸易型", "合作发展型":
            return !able || h.attribute == "特困供养贫困户"
        case "产业务工型":
            return !able || h.attribute == "特困供养贫困户" || !h.members.contains { $0.migrantMonths > 0 }
        case "专业技能型":
            return !able || h.attribute == "特困供养贫困户" || !h.members.contains { $0.labor == "技能劳动力" }
        default: return false
        }
    }

    /// household.measures under the shipped categories: some measure, and each need answered.
    static func measuresMissNeed(_ h: SyntheticHousehold) -> Bool {
        guard ["未脱贫", "已脱贫", "返贫"].contains(h.status) else { return false }
        let m = Set(h.measures)
        if m.isEmpty { return true }
        if h.houseGrade == "C" || h.houseGrade == "D", !m.contains("危房改造"), !m.contains("易地扶贫搬迁") { return true }
        if h.members.contains(where: \.isStudent), !m.contains("教育资助") { return true }
        if h.cause == "因病" || h.members.contains(where: { $0.health.contains("患有大病") }), !m.contains("医疗救助") { return true }
        if h.householdType == "政策保障型", !m.contains("低保兜底") { return true }
        return false
    }

    /// The 四看法 hardship score (SPEC §4 default scheme).
    public static func fourLooksScore(_ h: SyntheticHousehold) -> Int {
        let house = h.houseGrade == "C" || h.houseGrade == "D" ? 25 : h.houseGrade == "B" ? 10 : 0
        let perCapita = Double(h.grainKg) / Double(max(1, h.members.count))
        let grain = perCapita < 200 ? 25 : perCapita < 400 ? 10 : 0
        let labourers = h.members.filter { HouseholdFactory.isLabourer($0.labor) }.count
        let labour = labourers == 0 ? 25 : labourers == 1 ? 10 : 0
        let students = h.members.filter(\.isStudent).count
        let school = students >= 2 ? 25 : students == 1 ? 10 : 0
        return house + grain + labour + school
    }

    static func memberImplausible(_ h: SyntheticHousehold, asOf: SyntheticDate) -> Bool {
        let head = h.members.first { $0.relation == "户主" }
        let headAge = head?.age(at: asOf)
        for m in h.members {
            let age = m.age(at: asOf)
            if let headAge {
                if ["之子", "之女", "之儿媳", "之女婿"].contains(m.relation), age >= headAge { return true }
                if ["之父", "之母"].contains(m.relation), age <= headAge { return true }
            }
            if m.relation == "配偶", let head, m.sex == head.sex { return true }
            if m.inSchool == "小学", age < 6 || age > 14 { return true }
            if m.isStudent, m.labor != "无劳动能力" { return true }
            if m.migrantMonths > 12 { return true }
            if (m.education != nil) == (m.inSchool != nil) { return true }
        }
        return false
    }
}
