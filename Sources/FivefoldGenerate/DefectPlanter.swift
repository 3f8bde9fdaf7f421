// Plants one defect in one household's sources and records the findings it must raise. The
// craft is in where each mistake is written: a mistake the pipeline can correct from a more
// trusted source (a birth date the hukou registry contradicts, a size the other sources agree
// on) would be corrected before the within-household rules run, so those defects are written
// consistently in every source that carries the field, as a mistake copied from one paper to
// the next would be. Cross-source defects are written in one source only. After planting, the
// household's system view is checked with `HouseholdInvariants`: it must violate exactly the
// planted rule (or none, for rules that read other sources), otherwise the plant is refused and
// the assembler tries another kind — so defects never mask or add to each other.
//
// This file holds the dispatch and the identity and household-record kinds; the
// cross-source kinds are in DefectPlanter+Unify.swift, registries, exit and 四看法 in
// DefectPlanter+Registries.swift.
import FivefoldModel

/// Applies planted defects to `HouseholdSources`.
public struct DefectPlanter: Sendable {
    public let factory: HouseholdFactory
    public var asOf: SyntheticDate { factory.asOf }

    public init(factory: HouseholdFactory) {
        self.factory = factory
    }

    /// Plants `kind` (variant `variant`) in `s`; false when the household cannot carry it
    /// without raising other rules (then `s` must be discarded).
    public func plant(_ kind: DefectKind, variant: Int, in s: inout HouseholdSources) -> Bool {
        let applied: Bool
        switch kind {
        case .idFormat: applied = idFormat(variant, &s)
        case .idChecksum: applied = idChecksum(variant, &s)
        case .idBirthMismatch: applied = idBirth(variant, &s)
        case .idSexMismatch: applied = idSex(variant, &s)
        case .valueInvalid: applied = valueInvalid(variant, &s)
        case .sizeMismatch: applied = sizeMismatch(variant, &s)
        case .householdHead: applied = householdHead(variant, &s)
        case .memberImplausible: applied = memberImplausible(variant, &s)
        case .householdCause: applied = householdCause(variant, &s)
        case .noCadre: applied = noCadre(variant, &s)
        case .duplicatePerson: applied = duplicatePerson(variant, &s)
        case .duplicateHousehold: applied = duplicateHousehold(variant, &s)
        case .unifyMissing: applied = unifyMissing(variant, &s)
        case .unifyMismatch: applied = unifyMismatch(variant, &s)
        case .registryDeceased, .publicEmployee, .vehicle, .property, .business: applied = registryHit(kind, variant, &s)
        case .exitIncome, .exitHousing, .exitEducation, .exitMedical: applied = exitDefect(kind, variant, &s)
        case .fourLooksWellOff: applied = s.system.map { $0.isRegisteredPoor } ?? false
            && HouseholdInvariants.fourLooksScore(s.system!) <= 10 && s.system!.income >= 2 * PovertyLineTable.current
            && record(&s, kind.rule, field: .status, source: .system, note: "registered poor, 四看法 score \(HouseholdInvariants.fourLooksScore(s.system!)), income \(s.system!.income): looks well-off (错评)")
        case .fourLooksUnregistered: applied = unregisteredPoor(variant, &s)
        case .householdYears: applied = householdYears(variant, &s)
        case .exitFourLooks: applied = exitFourLooks(variant, &s)
        case .householdType: applied = householdType(variant, &s)
        case .householdMeasures: applied = householdMeasures(variant, &s)
        case .monitorEdge: applied = monitorEdge(variant, &s)
        }
        guard applied else { return false }
        s.plantedRule = kind.rule
        // The system view must raise exactly the planted within-household rule, nothing else.
        if let system = s.system {
            let found = HouseholdInvariants.violations(system: system, registry: s.registry, asOf: asOf)
            let expected: Set<String> = Self.checkedRules.contains(kind.rule) && kind != .fourLooksUnregistered ? [kind.rule] : []
            if kind == .idFormat { return found.isEmpty }  // the malformed ID is an override; the copy is clean
            return found == expected
        }
        return true
    }

    /// Rules `HouseholdInvariants` evaluates.
    static let checkedRules: Set<String> = [
        RuleID.idChecksum.rawValue, RuleID.idBirthMismatch.rawValue, RuleID.idSexMismatch.rawValue, RuleID.householdSizeMismatch.rawValue, RuleID.householdHead.rawValue,
        RuleID.memberImplausible.rawValue, RuleID.householdCause.rawValue, RuleID.householdNoCadre.rawValue, RuleID.exitIncome.rawValue, RuleID.exitHousing.rawValue,
        RuleID.exitEducation.rawValue, RuleID.exitMedical.rawValue, RuleID.identifyFourLooks.rawValue, RuleID.exitFourLooks.rawValue, RuleID.householdYears.rawValue, RuleID.householdType.rawValue,
        RuleID.householdMeasures.rawValue, RuleID.monitorEdge.rawValue,
    ]

    // MARK: - Recording

    /// Appends a truth row for this household; returns true so plants can end with it.
    @discardableResult
    func record(_ s: inout HouseholdSources, _ rule: String, member: String = "", field: GeneratedField? = nil,
                source: GeneratedSource, note: String, household: SyntheticHousehold? = nil) -> Bool {
        let h = household ?? s.truth
        s.truthRows.append(TruthRow(rule: rule, regionCode: h.regionCode, householdID: h.householdID, memberID: member,
                                    field: field?.rawValue ?? "", source: source.rawValue, note: note))
        return true
    }

    /// A member index other than the head, chosen by `variant`, satisfying `fits`.
    func pickMember(_ h: SyntheticHousehold, _ variant: Int, allowHead: Bool = false, _ fits: (SyntheticMember) -> Bool = { _ in true }) -> Int? {
        let candidates = h.members.indices.filter { (allowHead || h.members[$0].relation != "户主") && fits(h.members[$0]) }
        guard !candidates.isEmpty else { return nil }
        return candidates[variant % candidates.count]
    }

    // MARK: - ID numbers

    private func idFormat(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, let j = pickMember(h, variant / 4) else { return false }
        let id = Array(h.members[j].id.utf8)
        let raw: String
        let what: String
        switch variant % 4 {
        case 0:
            raw = String(decoding: Array(id[0..<10]) + Array(id[11...]), as: UTF8.self)
            what = "17 characters (a digit dropped)"
        case 1:
            raw = String(decoding: Array(id[0..<12]) + [id[12]] + Array(id[12...]), as: UTF8.self)
            what = "19 characters (a digit doubled)"
        case 2:
            raw = String(decoding: Array(id[0..<12]) + Array("O".utf8) + Array(id[13...]), as: UTF8.self)
            what = "letter O in place of a digit"
        default:
            raw = String(decoding: Array(id[0..<10]) + Array("13".utf8) + Array(id[12...]), as: UTF8.self)
            what = "month 13 in the birth-date digits"
        }
        s.overrides.append(FieldOverride(source: .system, member: j, field: .idNumber, raw: raw))
        record(&s, RuleID.idFormat.rawValue, member: h.members[j].name, field: .idNumber, source: .system,
               note: "system ID \(raw): \(what); other sources hold the right number")
        // An unreadable value still takes part in the comparison, which the hukou registry settles;
        // the finding keys the person by the system row's key, the name (its ID is unreadable).
        return record(&s, RuleID.unifyMismatch.rawValue, member: h.members[j].name, field: .idNumber, source: .system,
                      note: "implied: the unreadable system ID disagrees with archive and hukou")
    }

    private func idChecksum(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, let j = pickMember(h, variant) else { return false }
        let bad = IDNumberMaker.withWrongCheck(h.members[j].id)
        s.modify([.system, .archive, .hukou]) { $0.members[j].id = bad }
        return record(&s, RuleID.idChecksum.rawValue, member: bad, field: .idNumber, source: .system,
                      note: "wrong check character, copied into archive and registries")
    }

    private func idBirth(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, let j = pickMember(h, variant, allowHead: true) else { return false }
        var birth = h.members[j].birth
        let shift = 1 + variant % 9
        birth.day = birth.day + shift <= 28 ? birth.day + shift : birth.day - shift
        s.modify([.system, .archive, .interview, .hukou]) { $0.members[j].birth = birth }
        return record(&s, RuleID.idBirthMismatch.rawValue, member: h.members[j].id, field: .birthDate, source: .system,
                      note: "出生日期 \(birth.iso) vs ID \(h.members[j].birth.iso), same in archive and hukou")
    }

    private func idSex(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, let j = pickMember(h, variant, { $0.relation != "配偶" }) else { return false }
        let sex = h.members[j].sex == "男" ? "女" : "男"
        let relation = HouseholdFactory.swapGender(h.members[j].relation)
        s.modify([.system, .archive, .interview, .hukou]) {
            $0.members[j].sex = sex
            $0.members[j].relation = relation
        }
        return record(&s, RuleID.idSexMismatch.rawValue, member: h.members[j].id, field: .sex, source: .system,
                      note: "性别 \(sex) (relation \(relation)) in every source; the ID says \(IDNumberMaker.sex(of: h.members[j].id))")
    }

    // MARK: - Household record

    private func valueInvalid(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        let j = pickMember(h, variant / 10, allowHead: true) ?? 0
        let m = h.members[j]
        let (source, member, field, raw): (GeneratedSource, Int?, GeneratedField, String)
        var key = ""
        // Unreadable code-list values carry the household's serial, so each is a one-off
        // (value.invalid); a value repeated across households would be a vocabulary gap instead.
        let serial = String(h.householdID.suffix(7))
        switch variant % 10 {
        case 0: (source, member, field, raw) = (.system, nil, .houseArea, "约\(h.houseArea)平")
        case 1:
            (source, member, field, raw) = (.archive, j, .birthDate, "\(m.birth.year)年2月30日")
            key = m.id
        case 2: (source, member, field, raw) = (.interview, nil, .satisfaction, "很好\(serial)")
        case 3: (source, member, field, raw) = (.wall, nil, .incomePerCapita, "三千五百")
        case 4: (source, member, field, raw) = (.verification, nil, .inspectionDate, "2020-13-05")
        case 5: (source, member, field, raw) = (.system, nil, .waterSafe, "待定\(serial)")
        case 6:
            (source, member, field, raw) = (.interview, j, .age, "三十来岁")
            key = m.name
        case 7: (source, member, field, raw) = (.archive, nil, .grainKg, "一千多斤")
        case 8: (source, member, field, raw) = (.wall, nil, .cadrePhone, "139O858\(h.cadrePhone.suffix(4))")
        default: (source, member, field, raw) = (.interview, nil, .houseSafe, "不清楚\(serial)")
        }
        s.overrides.append(FieldOverride(source: source, member: member, field: field, raw: raw))
        record(&s, RuleID.valueInvalid.rawValue, member: key, field: field, source: source, note: "unreadable value \(raw)")
        // Fields other sources also carry: the unreadable value disagrees with them.
        if [.houseArea, .birthDate, .incomePerCapita, .waterSafe, .grainKg, .cadrePhone].contains(field) {
            record(&s, RuleID.unifyMismatch.rawValue, member: key, field: field, source: source, note: "implied: the unreadable value disagrees with the other sources")
        }
        return true
    }

    private func sizeMismatch(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let n = s.system?.members.count else { return false }
        let declared = variant % 2 == 0 || n == 1 ? n + 1 : n - 1
        s.modify([.system, .archive, .wall, .interview]) { $0.sizeOverride = declared }
        // Every source states the same wrong size, so no source can correct it.
        return record(&s, RuleID.householdSizeMismatch.rawValue, field: .size, source: .system,
                      note: "家庭人口数 \(declared) but \(n) members listed, same size in every source")
    }

    private func householdHead(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        switch variant % 3 {
        case 0:
            guard let j = h.members.firstIndex(where: { $0.relation == "配偶" }) else { return false }
            s.modify([.system, .archive, .interview]) { $0.members[j].relation = "户主" }
            return record(&s, RuleID.householdHead.rawValue, field: .relation, source: .system, note: "the spouse is also marked 户主 (two heads)")
        case 1:
            s.modify([.system, .archive, .interview]) { $0.members[0].relation = "其他" }
            return record(&s, RuleID.householdHead.rawValue, field: .relation, source: .system, note: "nobody is marked 户主")
        default:
            guard h.members.count >= 2 else { return false }
            let other = h.members[1].id
            s.modify([.system, .archive]) { $0.headIDOverride = other }
            return record(&s, RuleID.householdHead.rawValue, field: .headID, source: .system,
                          note: "户主身份证号 is member \(h.members[1].name)'s, in system and archive")
        }
    }

    private func memberImplausible(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, let head = h.members.first else { return false }
        let children: Set<String> = ["之子", "之女"]
        let pick = variant / 7
        let rule = RuleID.memberImplausible.rawValue
        let memberSources: [GeneratedSource] = [.system, .archive, .interview, .hukou]
        switch variant % 7 {
        case 0:
            guard let j = pickMember(h, pick, { children.contains($0.relation) && $0.inSchool == nil && $0.age(at: asOf) >= 20 }) else { return false }
            var birth = h.members[j].birth
            birth.year = head.birth.year - 1 - pick % 4
            let id = IDNumberMaker.withBirth(h.members[j].id, birth)
            s.modify(memberSources) {
                $0.members[j].birth = birth
                $0.members[j].id = id
            }
            return record(&s, rule, member: id, field: .relation, source: .system, note: "\(h.members[j].relation) born \(birth.year), before the head (\(head.birth.year)), in every source")
        case 1:
            guard let j = h.members.firstIndex(where: { $0.relation == "配偶" }) else { return false }
            let used = Set(h.members.map(\.sexDigit))
            let parity = head.sex == "男" ? 1 : 0
            guard let digit = stride(from: parity, through: 9, by: 2).first(where: { !used.contains($0) }) else { return false }
            let (id, birth) = IDNumberMaker.withSequenceDigit(h.members[j].id, from: h.members[j].sexDigit, to: digit)
            s.modify(memberSources) {
                $0.members[j].sex = head.sex
                $0.members[j].id = id
                $0.members[j].birth = birth
                $0.members[j].sexDigit = digit
            }
            return record(&s, rule, member: id, field: .sex, source: .system, note: "head and spouse both \(head.sex), in every source")
        case 2:
            guard let j = pickMember(h, pick, { $0.inSchool == "学前" && (3...5).contains($0.age(at: asOf)) }) else { return false }
            s.modify(memberSources) { $0.members[j].inSchool = "小学" }
            return record(&s, rule, member: h.members[j].id, field: .inSchool, source: .system, note: "小学 at age \(h.members[j].age(at: asOf)), in every source")
        case 3:
            guard let j = pickMember(h, pick, { $0.isStudent }) else { return false }
            s.modify(memberSources) { $0.members[j].labor = "弱劳动力或半劳动力" }
            return record(&s, rule, member: h.members[j].id, field: .labor, source: .system, note: "a student (\(h.members[j].inSchool!)) recorded as 弱劳动力或半劳动力")
        case 4:
            guard let j = pickMember(h, pick, allowHead: true, { HouseholdFactory.isLabourer($0.labor) }) else { return false }
            let months = 13 + pick % 6
            s.modify(memberSources) { $0.members[j].migrantMonths = months }
            return record(&s, rule, member: h.members[j].id, field: .migrantMonths, source: .system, note: "务工 \(months) months, in every source")
        case 5:
            guard let j = pickMember(h, pick, { $0.isStudent }) else { return false }
            s.modify(memberSources) { $0.members[j].education = "小学" }
            return record(&s, rule, member: h.members[j].id, field: .education, source: .system, note: "both 文化程度 and 在校生状况 filled")
        default:
            guard let j = pickMember(h, pick, allowHead: true, { $0.inSchool == nil }) else { return false }
            s.modify(memberSources) { $0.members[j].education = nil }
            return record(&s, rule, member: h.members[j].id, field: .education, source: .system, note: "neither 文化程度 nor 在校生状况 filled")
        }
    }

    private func householdCause(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        var options: [String] = []
        // SPEC §4: 因病 contradicts the members when everyone is 健康.
        if h.members.allSatisfy({ $0.health == ["健康"] }) { options.append("因病") }
        if !h.members.contains(where: { $0.isStudent }) { options.append("因学") }
        if !h.members.contains(where: { $0.health.contains("残疾") }) { options.append("因残") }
        guard !options.isEmpty else { return false }
        let cause = options[variant % options.count]
        s.modify([.system, .archive, .wall]) {
            $0.cause = cause
            // A household recorded 因病 is given 医疗救助 (household.measures stays quiet).
            if cause == "因病", !$0.measures.contains("医疗救助") { $0.measures = NamePools.sorted($0.measures + ["医疗救助"]) }
        }
        return record(&s, RuleID.householdCause.rawValue, field: .cause, source: .system, note: "主要致贫原因 \(cause) contradicts the members, in every source")
    }

    private func noCadre(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        if variant % 2 == 0 {
            s.system!.cadreName = ""
            s.system!.cadrePhone = ""
            return record(&s, RuleID.householdNoCadre.rawValue, field: .cadreName, source: .system, note: "no 帮扶责任人 in the system")
        }
        let member = h.members[min(1, h.members.count - 1)].name
        s.modify([.system, .archive, .wall, .interview]) { $0.cadreName = member }
        return record(&s, RuleID.householdNoCadre.rawValue, field: .cadreName, source: .system, note: "帮扶责任人 is member \(member), in every source")
    }
}
