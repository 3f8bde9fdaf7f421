// Defects of the household's own record that the 建档立卡 policy makes visible: 识别年度 and
// 脱贫年度 that contradict each other or the status (household.years), an exited household that
// still looks poor (exit.four_looks), a 六型 type the members contradict (household.type), and
// 帮扶措施 that miss the household's need (household.measures). Each is written in every source
// that carries the field, as a mistake copied from the system onto the archive and the card
// would be, so no source can correct it away.

import FivefoldModel
import Foundation

extension DefectPlanter {
    /// Sources that carry 识别年度 / 脱贫年度 and 六型类别.
    static let recordSources: [GeneratedSource] = [.system, .archive]
    /// Sources that carry 帮扶措施.
    static let measureSources: [GeneratedSource] = [.system, .archive, .wall]

    func householdYears(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        let rule = RuleID.householdYears.rawValue
        switch variant % 5 {
        case 0:
            guard h.status == "未脱贫" else { return false }
            let year = min(asOf.year, h.identifiedYear + 2)
            s.modify(Self.recordSources) { $0.exitYear = year }
            return record(&s, rule, field: .exitYear, source: .system, note: "未脱贫 with 脱贫年度 \(year)")
        case 1, 4:
            guard h.status == (variant % 5 == 1 ? "已脱贫" : "返贫"), h.exitYear != nil else { return false }
            s.modify(Self.recordSources) { $0.exitYear = nil }
            return record(&s, rule, field: .exitYear, source: .system, note: "\(h.status) without 脱贫年度")
        case 2:
            guard let exit = h.exitYear, exit + 1 <= asOf.year else { return false }
            s.modify(Self.recordSources) { $0.identifiedYear = exit + 1 }
            return record(&s, rule, field: .exitYear, source: .system, note: "识别年度 \(exit + 1) after 脱贫年度 \(exit)")
        default:
            s.modify(Self.recordSources) { $0.identifiedYear = 2013 }
            return record(&s, rule, field: .identifiedYear, source: .system, note: "识别年度 2013, before 建档立卡 began (2014)")
        }
    }

    /// An exited household that looks poor: B house, little grain, nobody a full labourer (the
    /// labourers recorded as 半劳动力), 60 points. It becomes 政策保障型 with 低保兜底, as such a
    /// household would be, so the type and measures rules stay quiet.
    func exitFourLooks(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, h.status == "已脱贫" else { return false }
        let grain = h.members.count * 2 * (60 + variant % 30)
        s.modify([.system, .archive, .interview, .verification]) {
            $0.houseGrade = "B"
            $0.grainKg = grain
        }
        s.modify([.system, .archive, .interview, .hukou]) { h in
            for i in h.members.indices where HouseholdFactory.isLabourer(h.members[i].labor) { h.members[i].labor = "弱劳动力或半劳动力" }
        }
        s.modify(Self.recordSources) { $0.householdType = "政策保障型" }
        s.modify(Self.measureSources) { h in
            if !h.measures.contains("低保兜底") { h.measures = NamePools.sorted(h.measures + ["低保兜底"]) }
        }
        let score = HouseholdInvariants.fourLooksScore(s.system!)
        return record(&s, RuleID.exitFourLooks.rawValue, field: .status, source: .system,
                      note: "exited \(h.exitYear.map(String.init) ?? "") but 四看法 \(score): B house, \(grain) kg grain, no full labourer (错退)")
    }

    func householdType(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        let labourers = h.members.filter { HouseholdFactory.isLabourer($0.labor) }.count
        let able = h.members.contains { HouseholdFactory.isLabourer($0.labor) || $0.labor == "弱劳动力或半劳动力" }
        let illOrDisabled = h.members.contains { $0.health.contains("患有大病") || $0.health.contains("残疾") }
        let type: String
        let note: String
        switch variant % 5 {
        case 0:
            guard labourers >= 2, !illOrDisabled else { return false }
            (type, note) = ("政策保障型", "政策保障型 with \(labourers) labourers and nobody seriously ill or disabled")
            s.modify(Self.measureSources) { h in
                if !h.measures.contains("低保兜底") { h.measures = NamePools.sorted(h.measures + ["低保兜底"]) }
            }
        case 1:
            guard !able else { return false }
            (type, note) = ("农场主型", "农场主型 with nobody able to work")
        case 2:
            guard able, h.attribute != "特困供养贫困户", !h.members.contains(where: { $0.labor == "技能劳动力" }) else { return false }
            (type, note) = ("专业技能型", "专业技能型 without a 技能劳动力")
        case 3:
            guard able, h.attribute != "特困供养贫困户", !h.members.contains(where: { $0.migrantMonths > 0 }) else { return false }
            (type, note) = ("产业务工型", "产业务工型 with nobody in 务工")
        default:
            (type, note) = ("", "no 六型类别")
        }
        s.modify(Self.recordSources) { $0.householdType = type }
        return record(&s, RuleID.householdType.rawValue, field: .householdType, source: .system, note: note + ", in system and archive")
    }

    func householdMeasures(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        var removed: Set<String>
        let note: String
        switch variant % 5 {
        case 0:
            guard h.isRegisteredPoor else { return false }
            if h.houseGrade == "A" || h.houseGrade == "B" {
                s.modify([.system, .archive, .interview, .verification]) { $0.houseGrade = "C" }
            }
            (removed, note) = (["危房改造", "易地扶贫搬迁"], "house grade \(s.system!.houseGrade) without 危房改造 or 搬迁")
        case 1:
            guard h.members.contains(where: \.isStudent) else { return false }
            (removed, note) = (["教育资助"], "a student without 教育资助")
        case 2:
            guard h.cause == "因病" || h.members.contains(where: { $0.health.contains("患有大病") }) else { return false }
            (removed, note) = (["医疗救助"], "因病 or 患有大病 without 医疗救助")
        case 3:
            guard h.householdType == "政策保障型" else { return false }
            (removed, note) = (["低保兜底"], "政策保障型 without 低保兜底")
        default:
            removed = Set(h.measures)
            note = "no 帮扶措施 at all"
        }
        let everything = variant % 5 == 4
        s.modify(Self.measureSources) { h in
            h.measures.removeAll { removed.contains($0) }
            // Only the one need goes unanswered: a household left without measures keeps a general one.
            if h.measures.isEmpty && !everything { h.measures = ["产业扶持"] }
        }
        return record(&s, RuleID.householdMeasures.rawValue, field: .measures, source: .system, note: note + ", in system, archive and wall")
    }
}
