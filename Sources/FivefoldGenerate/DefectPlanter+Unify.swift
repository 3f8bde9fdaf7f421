// Cross-household and cross-source defects: a person or head copied from the previous (clean)
// household (一人多户, 一人多户主), a household or member missing from a source, and one field
// that disagrees between sources. Findings that a defect necessarily implies (a missing
// interview member also changes the interview's size and name list) are recorded too, with a
// note saying so.
import FivefoldModel

extension DefectPlanter {
    // MARK: - Duplicates

    func duplicatePerson(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, h.index > 0 else { return false }
        let donor = factory.household(h.index - 1)
        let person = donor.members[variant % donor.members.count]
        guard !h.members.contains(where: { $0.name == person.name }) else { return false }
        var copy = person
        copy.relation = "其他"
        s.modify([.system, .archive, .wall, .interview]) { $0.members.append(copy) }
        record(&s, RuleID.duplicatePerson.rawValue, member: person.id, field: .idNumber, source: .system,
               note: "\(person.name) of household \(donor.householdID) also listed here as 其他")
        return record(&s, RuleID.duplicatePerson.rawValue, member: person.id, field: .idNumber, source: .system,
                      note: "\(person.name) also listed in household \(h.householdID)", household: donor)
    }

    func duplicateHousehold(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, h.index > 0 else { return false }
        let donor = factory.household(h.index - 1)
        guard let donorHead = donor.members.first(where: { $0.relation == "户主" }), h.members[0].relation == "户主" else { return false }
        guard !h.members.dropFirst().contains(where: { $0.name == donorHead.name }) else { return false }
        s.modify([.system, .archive, .wall, .interview]) { $0.members[0] = donorHead }
        // The registries know the copied head under the donor household only.
        s.registry.members.remove(at: 0)
        let notes = "head \(donorHead.name) of \(donor.householdID) also head here"
        record(&s, RuleID.duplicateHousehold.rawValue, member: donorHead.id, field: .headID, source: .system, note: notes)
        record(&s, RuleID.duplicateHousehold.rawValue, member: donorHead.id, field: .headID, source: .system, note: notes, household: donor)
        record(&s, RuleID.duplicatePerson.rawValue, member: donorHead.id, field: .idNumber, source: .system, note: "implied: the shared head is one person in two households")
        return record(&s, RuleID.duplicatePerson.rawValue, member: donorHead.id, field: .idNumber, source: .system,
                      note: "implied: the shared head is one person in two households", household: donor)
    }

    // MARK: - unify.missing

    func unifyMissing(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        let rule = RuleID.unifyMissing.rawValue
        switch variant % 6 {
        case 0:
            s.wall = nil
            return record(&s, rule, source: .wall, note: "no wall card for this household")
        case 1:
            s.interview = nil
            return record(&s, rule, source: .interview, note: "household not interviewed")
        case 2:
            s.inspection = nil
            return record(&s, rule, source: .verification, note: "household not inspected")
        case 3:
            s.archive = nil
            return record(&s, rule, source: .archive, note: "no archive bag for this household")
        case 4:
            s.system = nil
            s.interview = nil
            return record(&s, rule, source: .system, note: "missing from the system (and not interviewed); archive, wall and inspection hold it")
        default:
            guard let h = s.interview, let j = pickMember(h, variant / 6) else { return false }
            let person = h.members[j]
            s.interview!.members.remove(at: j)
            record(&s, rule, member: person.id, source: .interview, note: "member \(person.name) not listed in the interview")
            return record(&s, RuleID.unifyMismatch.rawValue, field: .size, source: .interview, note: "implied: the interview counts one member fewer")
        }
    }

    // MARK: - unify.mismatch

    /// One field disagreeing between sources (22 variants: field × source).
    func unifyMismatch(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, h.members.count >= 2 else { return false }
        let rule = RuleID.unifyMismatch.rawValue
        let pick = variant / 22
        let j = 1 + pick % (h.members.count - 1)
        let m = h.members[j]
        switch variant % 22 {
        case 0:
            let value = h.income * 13 / 10
            s.wall!.income = value
            return record(&s, rule, field: .incomePerCapita, source: .wall, note: "wall \(value) vs \(h.income)")
        case 1:
            let value = h.income * 7 / 10
            s.interview!.income = value
            return record(&s, rule, field: .incomePerCapita, source: .interview, note: "interview \(value) vs \(h.income)")
        case 2, 3:
            let other = ["A": "B", "B": "A", "C": "D", "D": "C"][h.houseGrade]!
            let source: GeneratedSource = variant % 22 == 2 ? .archive : .system
            s.modify([source]) { $0.houseGrade = other }
            return record(&s, rule, field: .houseGrade, source: source,
                          note: "\(source.rawValue) grade \(other), inspection \(h.houseGrade)" + (source == .system ? " (correctable from verification)" : ""))
        case 4:
            let name = Self.typo(h.headName, pick)
            s.wall!.headNameOverride = name
            return record(&s, rule, field: .headName, source: .wall, note: "wall head name \(name) vs \(h.headName)")
        case 5:
            let name = Self.typo(m.name, pick)
            s.archive!.members[j].name = name
            return record(&s, rule, member: m.id, field: .name, source: .archive, note: "archive name \(name) vs \(m.name)")
        case 6:
            var birth = m.birth
            birth.day = birth.day <= 20 ? birth.day + 7 : birth.day - 7
            s.archive!.members[j].birth = birth
            return record(&s, rule, member: m.id, field: .birthDate, source: .archive, note: "archive birth \(birth.iso) vs \(m.birth.iso)")
        case 7:
            s.interview!.members[j].sex = m.sex == "男" ? "女" : "男"
            return record(&s, rule, member: m.id, field: .sex, source: .interview, note: "interview sex differs")
        case 8:
            s.overrides.append(FieldOverride(source: .interview, member: j, field: .age, raw: String(m.age(at: asOf) + 3)))
            return record(&s, rule, member: m.id, field: .age, source: .interview, note: "told age \(m.age(at: asOf) + 3), real \(m.age(at: asOf))")
        case 9:
            let other = ["之子": "之孙子", "之女": "之孙女", "之孙子": "之子", "之孙女": "之女", "配偶": "其他", "之父": "其他", "之母": "其他", "之儿媳": "之女", "之女婿": "之子"][m.relation] ?? "其他"
            s.interview!.members[j].relation = other
            return record(&s, rule, member: m.id, field: .relation, source: .interview, note: "interview relation \(other) vs \(m.relation)")
        case 10:
            let value = h.grainKg * 3 / 2 + 50
            s.interview!.grainKg = value
            return record(&s, rule, field: .grainKg, source: .interview, note: "interview grain \(value) vs \(h.grainKg)")
        case 11:
            s.archive!.waterSafe.toggle()
            return record(&s, rule, field: .waterSafe, source: .archive, note: "archive 饮水安全 differs")
        case 12:
            let other = h.status == "已脱贫" ? "未脱贫" : "已脱贫"
            s.wall!.status = other
            return record(&s, rule, field: .status, source: .wall, note: "wall status \(other) vs \(h.status)")
        case 13:
            let other = h.cause == "缺资金" ? "缺技术" : "缺资金"
            s.wall!.cause = other
            return record(&s, rule, field: .cause, source: .wall, note: "wall cause \(other) vs \(h.cause)")
        case 14:
            let phone = String(h.cadrePhone.prefix(7)) + String((Int(h.cadrePhone.suffix(4))! + 1 + pick % 97) % 10000 + 10000).suffix(4)
            s.wall!.cadrePhone = phone
            return record(&s, rule, field: .cadrePhone, source: .wall, note: "wall phone \(phone) vs \(h.cadrePhone)")
        case 15:
            let name = Self.typo(m.name, pick)
            s.wall!.members[j].name = name
            return record(&s, rule, field: .memberNames, source: .wall, note: "wall lists \(name) for \(m.name)")
        case 16:
            var bytes = Array(m.id.utf8)
            bytes[15] = UInt8(0x30 + (Int(bytes[15] - 0x30) + 1 + pick % 8) % 10)
            bytes[17] = IDNumberMaker.checkCharacter(bytes[0..<17])
            let typo = String(decoding: bytes, as: UTF8.self)
            s.archive!.members[j].id = typo
            return record(&s, rule, member: m.id, field: .idNumber, source: .archive, note: "archive ID \(typo) vs \(m.id)")
        case 17:
            let health = m.health == ["健康"] ? ["长期慢性病"] : ["健康"]
            s.interview!.members[j].health = health
            return record(&s, rule, member: m.id, field: .health, source: .interview, note: "interview health \(health[0]) vs \(m.healthText)")
        case 18:
            guard let education = m.education else { return unifyMismatch(variant - 18, &s) }
            let other = education == "初中" ? "小学" : "初中"
            s.archive!.members[j].education = other
            return record(&s, rule, member: m.id, field: .education, source: .archive, note: "archive 文化程度 \(other) vs \(education)")
        case 19:
            let value = h.houseArea * 5 / 4 + 3
            s.inspection!.houseArea = value
            return record(&s, rule, field: .houseArea, source: .verification, note: "inspected area \(value) vs \(h.houseArea) (correctable from verification)")
        case 20:
            s.interview!.houseGrade = h.houseSafe == "安全" ? "D" : "A"
            return record(&s, rule, field: .houseSafe, source: .interview, note: "interview says \(s.interview!.houseSafe), grade \(h.houseGrade)")
        default:
            s.interview!.members[j].insured.toggle()
            return record(&s, rule, member: m.id, field: .medicalInsured, source: .interview, note: "interview 参加医保 differs")
        }
    }

    /// A name with one character changed (a typo that is not a homophone of the original).
    static func typo(_ name: String, _ pick: Int) -> String {
        var chars = Array(name)
        let pool = Array("泽坤铭雯晗琪")
        let i = chars.count - 1
        var replacement = pool[pick % pool.count]
        if replacement == chars[i] { replacement = pool[(pick + 1) % pool.count] }
        chars[i] = replacement
        return String(chars)
    }
}
