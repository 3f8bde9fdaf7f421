import FivefoldModel

// The disguises `NoiseMaker.apply` draws from, one small function each, grouped by what they
// disguise: dates, ID numbers, counts and amounts, yes/no values, spaces and name marks, sets,
// and vocabulary (synonyms, codes, old names). Each draws from the household's generator in a
// fixed order, so a seed always gives the same data set byte for byte.

extension NoiseMaker {
    /// Rewrites one value of a household the way real dumps write it and lists it in noise.csv;
    /// false when the household has nothing the disguise applies to (draws already made stand).
    typealias Disguise = @Sendable (NoiseMaker, inout HouseholdSources, inout SplitMix64) -> Bool

    /// Every disguise, at the kind `apply` draws for it (`rng.below(disguises.count)`). Order and
    /// count are part of the output: changing either changes the data set of every seed.
    static let disguises: [Disguise] = [
        { $0.birthDateSpelled(in: .system, &$1, &$2) },  // 0
        { $0.birthDateSpelled(in: .archive, &$1, &$2) },  // 1
        { $0.hukouBirthDateSlashed(&$1, &$2) },  // 2
        { $0.archiveIDFullWidth(&$1, &$2) },  // 3
        { $0.archiveIDFifteenDigit(&$1, &$2) },  // 4
        { $0.idLowerCaseX(&$1, &$2) },  // 5
        { m, s, _ in m.wallSizeFullWidth(&s) },  // 6
        { m, s, _ in m.systemSizeWithUnit(&s) },  // 7
        { $0.wallIncomeWritten(&$1, &$2) },  // 8
        { m, s, _ in m.systemIncomeThousands(&s) },  // 9
        { m, s, _ in m.interviewGrainInJin(&s) },  // 10
        { m, s, _ in m.archiveGrainWithUnit(&s) },  // 11
        { $0.waterSafeMark(&$1, &$2) },  // 12
        { $0.interviewInsuredMark(&$1, &$2) },  // 13
        { m, s, _ in m.wallHeadNameSpaced(&s) },  // 14
        { $0.systemNameTrailingSpace(&$1, &$2) },  // 15
        { $0.interviewNameSpaced(&$1, &$2) },  // 16
        { $0.middleDotVariant(&$1, &$2) },  // 17
        { m, s, _ in m.wallNameListMiddleDot(&s) },  // 18
        { m, s, _ in m.systemSchoolGrade(&s) },  // 19
        { $0.systemStatusSpelling(&$1, &$2) },  // 20
        { m, s, _ in m.archiveStatusCode(&s) },  // 21
        { $0.measuresWithCommas(&$1, &$2) },  // 22
        { $0.wallNameListSeparators(&$1, &$2) },  // 23
        { $0.interviewRelationSynonym(&$1, &$2) },  // 24
        { $0.interviewToldAge(&$1, &$2) },  // 25
        { $0.wallCadrePhoneWritten(&$1, &$2) },  // 26
        { $0.archiveUnitsAndOldNames(&$1, &$2) },  // 27
        { m, s, _ in m.wallCauseSynonym(&s) },  // 28
        { m, s, _ in m.wallHouseholdIDFullWidth(&s) },  // 29
        { $0.systemBirthDateSerial(&$1, &$2) },  // 30
        { $0.archiveGBCode(&$1, &$2) },  // 31
        { m, s, _ in m.systemHealthReordered(&s) },  // 32
        { $0.archiveIDSpacedOrMarked(&$1, &$2) },  // 33
        { $0.verificationNumberDecorated(&$1, &$2) },  // 34
        { m, s, _ in m.inspectionDateChinese(&s) },  // 35
    ]

    // MARK: - Dates

    /// A member's birth date as 2016/3/5, 20160305 or 2016年3月5日 (the archive: only the last).
    func birthDateSpelled(in source: GeneratedSource, _ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = source == .system ? s.system : s.archive, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        let b = h.members[j].birth
        let raw = source == .archive ? b.chinese : rng.pick([b.slashed, b.compact, b.chinese])
        return put(&s, source, member: j, .birthDate, raw: raw, clean: b.iso, person: h.members[j])
    }

    func hukouBirthDateSlashed(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard !s.registry.members.isEmpty else { return false }
        let j = rng.below(s.registry.members.count)
        let b = s.registry.members[j].birth
        return put(&s, .hukou, member: j, .birthDate, raw: b.slashed, clean: b.iso, person: s.registry.members[j])
    }

    /// Spreadsheet serial dates (1900 system), for days the reader's window allows
    /// (`DateParser.serialRange`: a serial outside it would be noise the reader cannot undo).
    func systemBirthDateSerial(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.system, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        let b = h.members[j].birth
        let serial = Self.spreadsheetSerial(b)
        guard DateParser.serialRange.contains(serial) else { return false }
        return put(&s, .system, member: j, .birthDate, raw: String(serial), clean: b.iso, person: h.members[j])
    }

    /// The inspection date as a Chinese date.
    func inspectionDateChinese(_ s: inout HouseholdSources) -> Bool {
        guard s.inspection != nil else { return false }
        return put(&s, .verification, member: nil, .inspectionDate, raw: "2020年10月8日", clean: "2020-10-08", person: nil)
    }

    // MARK: - ID numbers

    func archiveIDFullWidth(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.archive, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        return put(&s, .archive, member: j, .idNumber, raw: Self.wide(h.members[j].id), clean: h.members[j].id, person: h.members[j])
    }

    /// The first-generation 15-digit number of a valid 18-digit one.
    func archiveIDFifteenDigit(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.archive, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        guard IDNumberMaker.isValid(h.members[j].id), let old = IDNumberMaker.fifteenDigit(h.members[j].id) else { return false }
        return put(&s, .archive, member: j, .idNumber, raw: old, clean: h.members[j].id, person: h.members[j])
    }

    func idLowerCaseX(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        let source = rng.pick([GeneratedSource.system, .archive, .hukou])
        let view = source == .system ? s.system : source == .archive ? s.archive : s.registry
        guard let h = view, let j = h.members.firstIndex(where: { $0.id.hasSuffix("X") }) else { return false }
        return put(&s, source, member: j, .idNumber, raw: h.members[j].id.lowercased(), clean: h.members[j].id, person: h.members[j])
    }

    /// Grouped with spaces (6 8 4), or marked as text with a leading apostrophe.
    func archiveIDSpacedOrMarked(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.archive, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        let id = h.members[j].id
        let raw = rng.chance(0.5) ? "\(id.prefix(6)) \(id.dropFirst(6).prefix(8)) \(id.suffix(4))" : "'" + id
        return put(&s, .archive, member: j, .idNumber, raw: raw, clean: id, person: h.members[j])
    }

    func wallHouseholdIDFullWidth(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.wall else { return false }
        return put(&s, .wall, member: nil, .householdID, raw: Self.wide(h.householdID), clean: h.householdID, person: nil)
    }

    // MARK: - Counts and amounts

    func wallSizeFullWidth(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.wall else { return false }
        return put(&s, .wall, member: nil, .size, raw: Self.wide(String(h.size)), clean: String(h.size), person: nil)
    }

    func systemSizeWithUnit(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        return put(&s, .system, member: nil, .size, raw: "\(h.size)人", clean: String(h.size), person: nil)
    }

    /// 1.2万元, 3,500元 or 3500元.
    func wallIncomeWritten(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.wall else { return false }
        let raw = rng.pick([Self.wan(h.income), "\(Self.thousands(h.income))元", "\(h.income)元"])
        return put(&s, .wall, member: nil, .incomePerCapita, raw: raw, clean: String(h.income), person: nil)
    }

    func systemIncomeThousands(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        return put(&s, .system, member: nil, .incomePerCapita, raw: Self.thousands(h.income), clean: String(h.income), person: nil)
    }

    /// 800斤 for 400 公斤.
    func interviewGrainInJin(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.interview else { return false }
        return put(&s, .interview, member: nil, .grainKg, raw: "\(h.grainKg * 2)斤", clean: String(h.grainKg), person: nil)
    }

    func archiveGrainWithUnit(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.archive else { return false }
        return put(&s, .archive, member: nil, .grainKg, raw: "\(h.grainKg)公斤", clean: String(h.grainKg), person: nil)
    }

    /// Spreadsheet ".0" and units on the inspection's numbers.
    func verificationNumberDecorated(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.inspection else { return false }
        if rng.chance(0.5) {
            return put(&s, .verification, member: nil, .incomePerCapita, raw: "\(h.income)元/人", clean: String(h.income), person: nil)
        }
        return put(&s, .verification, member: nil, .houseArea, raw: "\(h.houseArea).0", clean: String(h.houseArea), person: nil)
    }

    /// Told ages: "45岁", or 虚岁 (one more).
    func interviewToldAge(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.interview, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        let age = h.members[j].age(at: asOf)
        let raw = rng.chance(0.5) ? "\(age)岁" : "\(age + 1)"
        return put(&s, .interview, member: j, .age, raw: raw, clean: String(age), person: h.members[j])
    }

    /// 138-1234-5678 or +86 13812345678.
    func wallCadrePhoneWritten(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.wall else { return false }
        let p = h.cadrePhone
        let raw = rng.chance(0.5) ? "\(p.prefix(3))-\(p.dropFirst(3).prefix(4))-\(p.suffix(4))" : "+86 \(p)"
        return put(&s, .wall, member: nil, .cadrePhone, raw: raw, clean: p, person: nil)
    }

    // MARK: - Yes and no

    /// Y/√/1/y or N/×/0 for 饮水安全 in one of the sources that has it.
    func waterSafeMark(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        let source = rng.pick([GeneratedSource.system, .archive, .interview, .verification])
        let view = source == .system ? s.system : source == .archive ? s.archive : source == .interview ? s.interview : s.inspection
        guard let h = view else { return false }
        let raw = h.waterSafe ? rng.pick(["Y", "√", "1", "y"]) : rng.pick(["N", "×", "0"])
        return put(&s, source, member: nil, .waterSafe, raw: raw, clean: h.waterSafe ? "是" : "否", person: nil)
    }

    func interviewInsuredMark(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.interview, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        let raw = h.members[j].insured ? rng.pick(["Y", "√", "已参保"]) : rng.pick(["N", "×", "未参保"])
        return put(&s, .interview, member: j, .medicalInsured, raw: raw, clean: h.members[j].insured ? "是" : "否", person: h.members[j])
    }

    // MARK: - Spaces and name marks

    func wallHeadNameSpaced(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.wall else { return false }
        return put(&s, .wall, member: nil, .headName, raw: " \(h.headName) ", clean: h.headName, person: nil)
    }

    func systemNameTrailingSpace(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.system, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        let name = h.members[j].name
        return put(&s, .system, member: j, .name, raw: name + " ", clean: name, person: h.members[j])
    }

    /// A space after the surname (not in names with a middle dot).
    func interviewNameSpaced(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.interview, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        let name = h.members[j].name
        guard name.count >= 2, !name.contains("·") else { return false }
        let raw = String(name.prefix(1)) + " " + String(name.dropFirst())
        return put(&s, .interview, member: j, .name, raw: raw, clean: name, person: h.members[j])
    }

    /// Middle-dot variants in a minority name (the archive is GBK: only ． and spaced ·).
    func middleDotVariant(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        let source = rng.pick([GeneratedSource.system, .interview, .archive, .hukou])
        let view = source == .system ? s.system : source == .interview ? s.interview : source == .archive ? s.archive : s.registry
        guard let h = view, let j = h.members.firstIndex(where: { $0.name.contains("·") }) else { return false }
        let variants = source == .archive ? ["．", " · "] : ["•", "・", "．", " · "]
        let raw = h.members[j].name.replacingOccurrences(of: "·", with: rng.pick(variants))
        return put(&s, source, member: j, .name, raw: raw, clean: h.members[j].name, person: h.members[j])
    }

    /// Middle dot on the wall's name list.
    func wallNameListMiddleDot(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.wall, h.members.contains(where: { $0.name.contains("·") }) else { return false }
        let raw = h.members.map { $0.name.replacingOccurrences(of: "·", with: "．") }.joined(separator: "、")
        return put(&s, .wall, member: nil, .memberNames, raw: raw, clean: h.members.map(\.name).joined(separator: "、"), person: nil)
    }

    // MARK: - Sets

    /// Commas inside a cell (a quoted CSV field).
    func measuresWithCommas(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        let source = rng.pick([GeneratedSource.wall, .system])
        guard let h = source == .wall ? s.wall : s.system else { return false }
        return put(&s, source, member: nil, .measures, raw: h.measures.joined(separator: ","), clean: h.measures.joined(separator: "、"), person: nil)
    }

    /// The wall's name list separated by commas or by spaced 、.
    func wallNameListSeparators(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.wall, h.members.count > 1, !h.members.contains(where: { $0.name.contains("·") }) else { return false }
        let raw = rng.chance(0.5) ? h.members.map(\.name).joined(separator: ",") : h.members.map(\.name).joined(separator: " 、 ")
        return put(&s, .wall, member: nil, .memberNames, raw: raw, clean: h.members.map(\.name).joined(separator: "、"), person: nil)
    }

    /// A set written in another order with a comma (a quoted cell).
    func systemHealthReordered(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, let j = h.members.firstIndex(where: { $0.health.count > 1 }) else { return false }
        return put(&s, .system, member: j, .health, raw: h.members[j].health.reversed().joined(separator: ","), clean: h.members[j].healthText, person: h.members[j])
    }

    // MARK: - Vocabulary: synonyms, codes, old names

    /// Finer school grades (三年级 for 小学).
    func systemSchoolGrade(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, let j = h.members.firstIndex(where: { $0.inSchool != nil }) else { return false }
        let m = h.members[j]
        return put(&s, .system, member: j, .inSchool, raw: Self.grade(m.inSchool!, age: m.age(at: asOf)), clean: m.inSchool!, person: m)
    }

    /// Status spellings: 已脱贫(享受政策), 稳定脱贫, 预脱贫, 返贫户, …
    func systemStatusSpelling(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.system else { return false }
        let raw: String
        switch h.status {
        case "已脱贫": raw = rng.pick(["已脱贫(享受政策)", "已脱贫（享受政策）", "已脱贫(不再享受政策)", "稳定脱贫"])
        case "未脱贫": raw = rng.pick(["预脱贫", "贫困户"])
        case "边缘户": raw = "边缘易致贫户"
        default: raw = "返贫户"
        }
        return put(&s, .system, member: nil, .status, raw: raw, clean: h.status, person: nil)
    }

    func archiveStatusCode(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.archive, let code = ["未脱贫": "0", "已脱贫": "1", "返贫": "3"][h.status] else { return false }
        return put(&s, .archive, member: nil, .status, raw: code, clean: h.status, person: nil)
    }

    /// Relation synonyms in the interview (妻子 for 配偶, 本人 for 户主, …).
    func interviewRelationSynonym(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.interview, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        let m = h.members[j]
        let raw: String?
        switch m.relation {
        case "配偶": raw = m.sex == "女" ? "妻子" : "丈夫"
        case "之子": raw = "儿子"
        case "之女": raw = "女儿"
        case "户主": raw = "本人"
        case "之孙子": raw = "孙子"
        case "之孙女": raw = "孙女"
        default: raw = nil
        }
        guard let raw else { return false }
        return put(&s, .interview, member: j, .relation, raw: raw, clean: m.relation, person: m)
    }

    /// One of: house grade with 级, exit year with 年, house area with 平方米, the attribute's old name.
    func archiveUnitsAndOldNames(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.archive else { return false }
        switch rng.below(4) {
        case 0: return put(&s, .archive, member: nil, .houseGrade, raw: h.houseGrade + "级", clean: h.houseGrade, person: nil)
        case 1:
            guard let year = h.exitYear else { return false }
            return put(&s, .archive, member: nil, .exitYear, raw: "\(year)年", clean: String(year), person: nil)
        case 2: return put(&s, .archive, member: nil, .houseArea, raw: "\(h.houseArea)平方米", clean: String(h.houseArea), person: nil)
        default:
            let old = ["低保贫困户": "低保户", "特困供养贫困户": "五保户", "一般贫困户": "一般户"][h.attribute]!
            return put(&s, .archive, member: nil, .attribute, raw: old, clean: h.attribute, person: nil)
        }
    }

    func wallCauseSynonym(_ s: inout HouseholdSources) -> Bool {
        guard let h = s.wall else { return false }
        let synonyms = ["因病": "因病致贫", "因残": "因残致贫", "因学": "因学致贫", "缺资金": "缺少资金", "缺技术": "缺乏技术", "缺劳力": "缺劳动力"]
        guard let raw = synonyms[h.cause] else { return false }
        return put(&s, .wall, member: nil, .cause, raw: raw, clean: h.cause, person: nil)
    }

    /// GB/T codes in the archive: sex 1/2, relation 01/10/20/30/41/42.
    func archiveGBCode(_ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        guard let h = s.archive, !h.members.isEmpty else { return false }
        let j = rng.below(h.members.count)
        let m = h.members[j]
        if rng.chance(0.5) {
            return put(&s, .archive, member: j, .sex, raw: m.sex == "男" ? "1" : "2", clean: m.sex, person: m)
        }
        guard let code = ["户主": "01", "配偶": "10", "之子": "20", "之女": "30", "之孙子": "41", "之孙女": "42"][m.relation] else { return false }
        return put(&s, .archive, member: j, .relation, raw: code, clean: m.relation, person: m)
    }
}
