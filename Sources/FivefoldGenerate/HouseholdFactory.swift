// Builds one clean household from (seed, index): family composition with plausible relations,
// ages and sexes; schooling, labour and health that follow from age; a poverty status drawn by
// the village's poverty level; a cause consistent with the members; income, housing and grain
// consistent with the status (exited households above their exit year's line and safely housed,
// registered-poor ones below twice the current line so none looks like a 错评). Everything a
// clean household must satisfy under the pipeline's rules is decided here, in one place, and
// checked again by `HouseholdInvariants` in the tests.

import Foundation

/// Deterministic builder of clean households.
public struct HouseholdFactory: Sendable {
    public let seed: UInt64
    public let plan: RegionPlan
    /// Ages are full years at this date (the pipeline's `as_of`).
    public let asOf: SyntheticDate

    public init(seed: UInt64, plan: RegionPlan, asOf: SyntheticDate) {
        self.seed = seed
        self.plan = plan
        self.asOf = asOf
    }

    static let householdStream: UInt64 = 0x484F_5553
    static let unregisteredStream: UInt64 = 0x554E_5245

    /// The household at `index`, meeting `requirements` (up to 400 deterministic redraws; the
    /// last draw is returned even if it misses, and the caller checks).
    public func household(_ index: Int, requirements: HouseholdRequirements = .none) -> SyntheticHousehold {
        var rng = SplitMix64(seed: seed, index: UInt64(index), stream: Self.householdStream)
        let village = plan.village(ofHousehold: index)
        var result = draw(index, village: village, requirements: requirements, rng: &rng)
        var attempts = 1
        while !requirements.isMet(by: result, asOf: asOf) && attempts < 400 {
            result = draw(index, village: village, requirements: requirements, rng: &rng)
            attempts += 1
        }
        return result
    }

    /// An interview-only household outside the register (blank 户编号), visited in the village
    /// of household `index`: poor-looking (a 漏评 candidate: unsafe house, little grain, no
    /// labourer) or not (safe house, at least two labourers).
    public func unregistered(after index: Int, ordinal: Int, poorLooking: Bool) -> SyntheticHousehold {
        var rng = SplitMix64(seed: seed, index: UInt64(index) &* 4 &+ UInt64(ordinal), stream: Self.unregisteredStream)
        let village = plan.village(ofHousehold: index)
        var h: SyntheticHousehold
        repeat {
            h = draw(index, village: village, requirements: .none, rng: &rng, unregisteredSlot: true)
            let labourers = h.members.filter { Self.isLabourer($0.labor) }.count
            if poorLooking {
                // Elderly or disabled households: nobody counts as a labourer.
                for i in h.members.indices where Self.isLabourer(h.members[i].labor) {
                    h.members[i].labor = h.members[i].age(at: asOf) >= 60 ? "丧失劳动力" : "弱劳动力或半劳动力"
                    h.members[i].migrantMonths = 0
                }
                h.houseGrade = rng.chance(0.6) ? "C" : "D"
                h.grainKg = 2 * rng.int(in: 20...90) * h.members.count
                h.income = rng.int(in: 1800...3600)
                break
            }
            if labourers >= 2 {
                h.houseGrade = rng.chance(0.5) ? "A" : "B"
                break
            }
        } while true
        h.householdID = ""
        h.status = "非贫困户"
        h.exitYear = nil
        return h
    }

    // MARK: - Drawing

    private func draw(_ index: Int, village: RegionPlan.Village, requirements: HouseholdRequirements,
                      rng: inout SplitMix64, unregisteredSlot: Bool = false) -> SyntheticHousehold {
        let serial = index - village.firstHousehold + 1
        let householdID = village.code + String(format: "%04d", serial)
        // Village poverty level (fixed per village): share of households still registered poor.
        var vrng = SplitMix64(seed: seed, index: UInt64(village.index), stream: 0x5649_4C4C)
        let poorShare = [0.58, 0.48, 0.42, 0.25][vrng.below(4)]

        var status: String
        if let forced = requirements.status {
            status = forced
        } else if requirements.wellOff {
            status = rng.chance(0.85) ? "未脱贫" : "返贫"
        } else if rng.chance(poorShare) {
            status = rng.chance(0.1) ? "返贫" : "未脱贫"
        } else {
            status = "已脱贫"
        }

        var members = drawMembers(rng: &rng, requirements: requirements)
        assignIDs(&members, index: index, village: village, unregistered: unregisteredSlot)

        let identified = rng.pick([2014, 2014, 2014, 2015, 2015, 2016])
        var exitYear: Int?
        if status == "已脱贫" {
            exitYear = rng.int(in: max(2016, identified)...2020)  // identified and exited in one year is possible (a near miss of household.years)
        } else if status == "返贫" {
            exitYear = rng.int(in: max(2016, identified + 1)...2019)
        }

        let labourers = members.filter { Self.isLabourer($0.labor) }.count
        let n = members.count
        // Cause consistent with members: a specific cause only when a member supports it.
        var specific: [String] = []
        if members.contains(where: { $0.health.contains("长期慢性病") || $0.health.contains("患有大病") }) { specific.append("因病") }
        if members.contains(where: { $0.health.contains("残疾") }) { specific.append("因残") }
        if members.contains(where: { $0.isStudent }) { specific.append("因学") }
        let general = labourers == 0
            ? ["缺劳力", "缺资金", "因灾"]
            : ["缺资金", "缺技术", "缺土地", "缺水", "因灾", "交通条件落后", "自身发展动力不足", "缺劳力"]
        let cause = !specific.isEmpty && rng.chance(0.65) ? rng.pick(specific) : rng.pick(general)

        var attribute = "一般贫困户"
        if labourers == 0 {
            attribute = n == 1 && rng.chance(0.5) ? "特困供养贫困户" : (rng.chance(0.6) ? "低保贫困户" : "一般贫困户")
        } else if rng.chance(0.15) {
            attribute = "低保贫困户"
        }

        var income: Int
        var grade: String
        var grainPerCapita = rng.int(in: 75...450) * 2
        if requirements.wellOff {
            income = rng.int(in: 85...150) * 100 + rng.below(100)
            grade = "A"
            grainPerCapita = rng.int(in: 220...450) * 2
        } else if status == "已脱贫" {
            // Above the exit year's line and out of the monitoring band: at least the monitoring
            // line, and a twentieth of them exactly at it (the band's upper end is excluded).
            let line = PovertyLineTable.line(exitYear!)
            income = rng.int(in: max(line + 300, PovertyLineTable.monitoringLine)...14_000)
            if income < PovertyLineTable.monitoringLine + 400 { income = PovertyLineTable.monitoringLine }
            grade = rng.chance(0.55) ? "A" : "B"
        } else {
            income = rng.int(in: 2600...7600)
            grade = rng.pick(["A", "B", "C", "D"], weights: [30, 45, 18, 7])
        }
        if status == "已脱贫" {
            // An exited household must not look poor on the four looks (exit.four_looks): enough
            // grain and a safe house leave at most labour and school, 50 points.
            let students = members.filter(\.isStudent).count
            let score = (grade == "B" ? 10 : 0) + (grainPerCapita < 200 ? 25 : grainPerCapita < 400 ? 10 : 0)
                + (labourers == 0 ? 25 : labourers == 1 ? 10 : 0) + (students >= 2 ? 25 : students == 1 ? 10 : 0)
            if score >= 60 {
                grade = "A"
                grainPerCapita = rng.int(in: 200...450) * 2
            }
        }
        let cadre = village.cadres[rng.below(village.cadres.count)]
        // 六型: plausible for the members (household.type). 政策保障型 for households that cannot
        // lift themselves out (no full labourer, 特困供养, or fewer than two labourers / someone
        // seriously ill or disabled with an allowance); else a development type the members fit.
        let illOrDisabled = members.contains { $0.health.contains("患有大病") || $0.health.contains("残疾") }
        let householdType: String
        if labourers == 0 || attribute == "特困供养贫困户" || (attribute == "低保贫困户" && (labourers < 2 || illOrDisabled)) {
            householdType = "政策保障型"
        } else {
            var types = ["农场主型", "商业贸易型", "合作发展型"]
            var weights = [15, 10, 15]
            if members.contains(where: { $0.migrantMonths > 0 }) { types.append("产业务工型"); weights.append(50) }
            if members.contains(where: { $0.labor == "技能劳动力" }) { types.append("专业技能型"); weights.append(10) }
            householdType = rng.pick(types, weights: weights)
        }
        // 帮扶措施: what the household needs (household.measures), then one or two others.
        var measures: [String] = []
        if grade == "C" || grade == "D" { measures.append(rng.chance(0.8) ? "危房改造" : "易地扶贫搬迁") }
        if members.contains(where: { $0.isStudent }) { measures.append("教育资助") }
        if cause == "因病" || members.contains(where: { $0.health.contains("患有大病") }) { measures.append("医疗救助") }
        if householdType == "政策保障型" { measures.append("低保兜底") }
        let measureCount = max(measures.count, 1) + rng.int(in: measures.isEmpty ? 1...2 : 0...1)
        while measures.count < measureCount {
            let m = rng.pick(NamePools.optionalMeasures)
            if !measures.contains(m) { measures.append(m) }
        }
        measures.sort { NamePools.measures.firstIndex(of: $0)! < NamePools.measures.firstIndex(of: $1)! }

        return SyntheticHousehold(
            index: index, householdID: householdID, regionCode: village.code, county: village.county,
            township: village.township, village: village.name, villageIndex: village.index, status: status,
            attribute: attribute, identifiedYear: identified, exitYear: exitYear, cause: cause, income: income,
            houseGrade: grade, houseArea: rng.int(in: 40...180), grainKg: grainPerCapita * n,
            waterSafe: status == "已脱贫" || requirements.wellOff || rng.chance(0.9), householdType: householdType,
            cadreName: cadre.name, cadrePhone: cadre.phone, measures: measures,
            satisfaction: rng.pick(["满意", "基本满意", "不满意"], weights: [70, 25, 5]), members: members)
    }

    /// Relations, sexes, ages and names of a family, head first.
    private func drawMembers(rng: inout SplitMix64, requirements: HouseholdRequirements) -> [SyntheticMember] {
        var size = rng.pick([1, 2, 3, 4, 5, 6, 7], weights: [8, 14, 20, 24, 18, 10, 6])
        if requirements.wellOff { size = rng.int(in: 2...5) }
        size = max(size, requirements.minSize, requirements.spouse ? 2 : 1, requirements.childAged != nil ? 3 : 1)

        struct Role { var relation: String; var sex: String; var age: Int }
        var roles: [Role] = []
        let headMale = rng.chance(0.85)
        var headAge = size == 1 ? rng.int(in: 45...85) : rng.int(in: 30...75)
        if requirements.wellOff { headAge = rng.int(in: 32...55) }
        roles.append(Role(relation: "户主", sex: headMale ? "男" : "女", age: headAge))
        let wantSpouse = requirements.spouse || requirements.wellOff || (size >= 2 && rng.chance(0.85))
        if wantSpouse && size >= 2 {
            roles.append(Role(relation: "配偶", sex: headMale ? "女" : "男", age: max(20, headAge + rng.int(in: -6...4))))
        }
        var remaining = size - roles.count
        let youngestParent = roles.map(\.age).min()!
        if headAge >= 48 && remaining >= 3 && rng.chance(0.5) {
            // Three generations: an adult son, his wife, their children.
            let sonAge = max(20, headAge - rng.int(in: 22...30))
            roles.append(Role(relation: "之子", sex: "男", age: sonAge))
            roles.append(Role(relation: "之儿媳", sex: "女", age: max(18, min(headAge - 19, sonAge + rng.int(in: -3...3)))))
            remaining -= 2
            let maxKid = max(0, sonAge - 20)
            for _ in 0..<remaining {
                let male = rng.chance(0.5)
                let age = requirements.wellOff ? rng.int(in: 0...min(5, maxKid)) : rng.int(in: 0...maxKid)
                roles.append(Role(relation: male ? "之孙子" : "之孙女", sex: male ? "男" : "女", age: age))
            }
        } else {
            if headAge <= 55 && remaining >= 2 && rng.chance(0.3) {
                let parents = remaining >= 3 && rng.chance(0.5) ? 2 : 1
                for p in 0..<parents {
                    let father = parents == 2 ? p == 0 : rng.chance(0.4)
                    roles.append(Role(relation: father ? "之父" : "之母", sex: father ? "男" : "女", age: min(95, headAge + rng.int(in: 22...32))))
                }
                remaining -= parents
            }
            let hi = max(0, youngestParent - 20)
            var lo = max(0, roles.map(\.age).max()! - 45)
            if lo > hi { lo = hi }
            if let range = requirements.childAged, remaining > 0, range.lowerBound <= hi {
                // One child in the required range (others drawn as usual).
                let age = rng.int(in: max(range.lowerBound, 0)...min(range.upperBound, hi))
                let male = rng.chance(0.5)
                roles.append(Role(relation: male ? "之子" : "之女", sex: male ? "男" : "女", age: age))
                remaining -= 1
            }
            for _ in 0..<remaining {
                let male = rng.chance(0.5)
                var age = rng.int(in: lo...hi)
                if requirements.wellOff {
                    // No school-age children in a household that must look well-off.
                    age = hi >= 23 && rng.chance(0.6) ? rng.int(in: 23...min(hi, 35)) : rng.int(in: 0...min(5, hi))
                }
                roles.append(Role(relation: male ? "之子" : "之女", sex: male ? "男" : "女", age: age))
            }
        }
        // At most five of one sex (one ID sequence digit each).
        for sex in ["男", "女"] {
            while roles.filter({ $0.sex == sex }).count > 5 {
                let i = roles.lastIndex { $0.sex == sex && HouseholdRequirements.childRelations.contains($0.relation) }!
                let flipped = sex == "男" ? "女" : "男"
                roles[i].sex = flipped
                roles[i].relation = Self.swapGender(roles[i].relation)
            }
        }

        // Names: the family surname passes to children (from the father), spouses and
        // daughters-in-law bring their own; minority families use dotted names.
        let dotted = rng.chance(0.03)
        let familySurname = rng.pick(NamePools.surnames, weights: NamePools.surnameWeights)
        var spouseSurname = familySurname
        while spouseSurname == familySurname { spouseSurname = rng.pick(NamePools.surnames, weights: NamePools.surnameWeights) }
        let childSurname = headMale || !roles.contains(where: { $0.relation == "配偶" }) ? familySurname : spouseSurname
        let ethnicity = dotted ? rng.pick(["彝族", "维吾尔族"]) : rng.pick(NamePools.ethnicities, weights: NamePools.ethnicityWeights)
        var used = Set<String>()
        var members: [SyntheticMember] = []
        for role in roles {
            var name: String
            repeat {
                if dotted {
                    name = rng.pick(role.sex == "男" ? NamePools.dottedMale : NamePools.dottedFemale)
                } else {
                    let surname: String
                    switch role.relation {
                    case "户主", "之父", "兄弟姐妹": surname = familySurname
                    case "配偶", "之儿媳", "之母", "之女婿":
                        var s = rng.pick(NamePools.surnames, weights: NamePools.surnameWeights)
                        if role.relation == "配偶" { s = spouseSurname }
                        surname = s
                    default: surname = childSurname
                    }
                    let pool = role.sex == "男" ? NamePools.maleGiven : NamePools.femaleGiven
                    name = surname + rng.pick(pool) + (rng.chance(0.75) ? rng.pick(pool) : "")
                }
            } while used.contains(name)
            used.insert(name)
            members.append(person(relation: role.relation, sex: role.sex, age: role.age, name: name,
                                  ethnicity: ethnicity, rng: &rng, wellOff: requirements.wellOff))
        }
        if let inSchool = requirements.childInSchool, let range = requirements.childAged,
            let i = members.firstIndex(where: { HouseholdRequirements.childRelations.contains($0.relation) && range.contains($0.age(at: asOf)) })
        {
            // Settle schooling of the required child when the age allows both.
            let age = members[i].age(at: asOf)
            if inSchool && members[i].inSchool == nil && age >= 6 && age <= 22 {
                members[i].inSchool = Self.stage(forAge: age)
                members[i].education = nil
                members[i].labor = "无劳动能力"
                members[i].migrantMonths = 0
            }
        }
        return members
    }

    /// One person's schooling, health, labour and insurance, following from age.
    private func person(relation: String, sex: String, age: Int, name: String, ethnicity: String,
                        rng: inout SplitMix64, wellOff: Bool) -> SyntheticMember {
        let birthYear = asOf.year - age
        var inSchool: String?
        var education: String?
        switch age {
        case ...5: inSchool = "学前"
        case 6...15: inSchool = Self.stage(forAge: age)
        case 16...17: if rng.chance(0.85) { inSchool = rng.chance(0.75) ? "高中" : "中职" }
        case 18...22: if rng.chance(0.3) { inSchool = rng.chance(0.6) ? "大专及以上" : "高职" }
        default: break
        }
        if wellOff, inSchool != nil, inSchool != "学前" { inSchool = nil }  // no student in a well-off-looking household
        if inSchool == nil {
            if birthYear < 1960 {
                education = rng.pick(["文盲或半文盲", "小学", "初中"], weights: [40, 45, 15])
            } else if birthYear < 1980 {
                education = rng.pick(["文盲或半文盲", "小学", "初中", "高中"], weights: [8, 35, 45, 12])
            } else {
                education = rng.pick(["小学", "初中", "高中", "中专", "大专及以上"], weights: [5, 50, 20, 15, 10])
            }
            if age < 18 && education == "大专及以上" { education = "初中" }
        }
        var health: [String]
        if age >= 60 {
            health = [rng.pick(["健康", "长期慢性病", "患有大病", "残疾"], weights: [55, 30, 8, 7])]
        } else if age >= 18 {
            health = [rng.pick(["健康", "长期慢性病", "患有大病", "残疾"], weights: [85, 8, 3, 4])]
        } else {
            health = [rng.pick(["健康", "长期慢性病", "残疾"], weights: [96, 2, 2])]
        }
        if health == ["残疾"] && rng.chance(0.2) { health = ["残疾", "长期慢性病"] }
        if wellOff && age >= 18 && age < 60 { health = ["健康"] }

        var labor: String
        var months = 0
        if inSchool != nil || age < 16 {
            labor = "无劳动能力"
        } else if age >= 60 {
            labor = rng.pick(["弱劳动力或半劳动力", "丧失劳动力", "普通劳动力"], weights: [55, 35, 10])
        } else if health.contains("残疾") {
            labor = rng.chance(0.6) ? "丧失劳动力" : "弱劳动力或半劳动力"
        } else if health.contains("患有大病") {
            labor = "弱劳动力或半劳动力"
        } else {
            labor = rng.pick(["普通劳动力", "技能劳动力", "弱劳动力或半劳动力"], weights: [75, 20, 5])
        }
        if wellOff && (relation == "户主" || relation == "配偶") { labor = "普通劳动力" }
        if Self.isLabourer(labor) { months = rng.chance(0.3) ? 0 : rng.int(in: 3...12) }
        return SyntheticMember(
            id: "", name: name, relation: relation, sex: sex,
            birth: SyntheticDate(year: birthYear, month: 1, day: 1), ethnicity: ethnicity, education: education,
            inSchool: inSchool, health: health, labor: labor, migrantMonths: months, insured: true, sexDigit: 0)
    }

    /// IDs by construction (see `IDNumberMaker`): household slot from the county-local index,
    /// a distinct last digit per member, month/day from the household base and that digit.
    private func assignIDs(_ members: inout [SyntheticMember], index: Int, village: RegionPlan.Village, unregistered: Bool) {
        let local = village.countyLocalStart + (index - village.firstHousehold)
        let slot = IDNumberMaker.householdSlot(local: local)
        let prefix: String
        if unregistered {
            // Unregistered interview households carry no ID anywhere; give them IDs that
            // cannot collide with registered people anyway (another prefix family).
            prefix = String(format: "54%02d%02d", village.countyIndex % 100, slot.prefixIndex % 100)
        } else if slot.prefixIndex == 0 {
            prefix = plan.countyCodes[village.countyIndex]
        } else {
            prefix = String(format: "52%02d%02d", 30 + village.countyIndex % 60, slot.prefixIndex % 100)
        }
        var nextMale = 1
        var nextFemale = 0
        for i in members.indices {
            let digit: Int
            if members[i].sex == "男" {
                digit = nextMale
                nextMale += 2
            } else {
                digit = nextFemale
                nextFemale += 2
            }
            let (month, day) = IDNumberMaker.memberMonthDay(baseDay: slot.day, digit: digit)
            members[i].birth.month = month
            members[i].birth.day = day
            // A birthday still to come this year: born a year earlier, so the member is the age
            // drawn at asOf, and nobody is born after it (asOf need not be a year's last day).
            if (month, day) > (asOf.month, asOf.day) { members[i].birth.year -= 1 }
            members[i].sexDigit = digit
            members[i].id = IDNumberMaker.make(prefix: prefix, birth: members[i].birth, sequence: slot.block * 10 + digit)
        }
    }

    /// The schooling stage of a child in school at `age`.
    static func stage(forAge age: Int) -> String {
        switch age {
        case ...5: return "学前"
        case 6...11: return "小学"
        case 12...14: return "初中"
        case 15...17: return "高中"
        default: return "大专及以上"
        }
    }

    static func isLabourer(_ labor: String) -> Bool { labor == "普通劳动力" || labor == "技能劳动力" }

    /// 之子 ↔ 之女, 之孙子 ↔ 之孙女, 之父 ↔ 之母, 之儿媳 ↔ 之女婿.
    static func swapGender(_ relation: String) -> String {
        switch relation {
        case "之子": return "之女"
        case "之女": return "之子"
        case "之孙子": return "之孙女"
        case "之孙女": return "之孙子"
        case "之父": return "之母"
        case "之母": return "之父"
        case "之儿媳": return "之女婿"
        case "之女婿": return "之儿媳"
        default: return relation
        }
    }
}
