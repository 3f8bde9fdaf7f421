// Format noise: the same value written the way real dumps write it — full-width digits from a
// Chinese IME, 2016年3月5日 / 2016/3/5 / 20160305, Y/N and √/× for 是/否, 1.2万元 and 3,500元,
// 800斤 for 400 公斤, stray spaces, middle-dot variants in minority names, a lower-case x, a
// 15-digit first-generation ID, finer school grades (三年级), 已脱贫(享受政策), synonyms and codes,
// and set cells separated by commas (so the CSV field is quoted). SPEC §2 requires all of it to
// normalise to the clean value, so none of it may raise a finding; each substitution is listed
// in noise.csv. Noise never replaces a value a defect has overridden, and GBK sources only get
// characters GBK has (no • or ・).

/// Applies format noise to a household's sources.
public struct NoiseMaker: Sendable {
    public let seed: UInt64
    public let rate: Double
    public let asOf: SyntheticDate

    static let stream: UInt64 = 0x4E4F_4953
    static let kinds = 36

    public init(seed: UInt64, rate: Double, asOf: SyntheticDate) {
        self.seed = seed
        self.rate = rate
        self.asOf = asOf
    }

    /// With probability `rate`, disguises one to three values of the household.
    public func apply(to s: inout HouseholdSources) {
        var rng = SplitMix64(seed: seed, index: UInt64(s.truth.index), stream: Self.stream)
        guard rng.chance(rate) else { return }
        let wanted = rng.int(in: 1...3)
        var applied = 0
        var tries = 0
        while applied < wanted && tries < 12 {
            tries += 1
            if disguise(rng.below(Self.kinds), &s, &rng) { applied += 1 }
        }
    }

    static let fullWidth: [Character: Character] = {
        var map: [Character: Character] = [:]
        for (ascii, wide) in zip("0123456789X", "０１２３４５６７８９Ｘ") { map[ascii] = wide }
        return map
    }()

    static func wide(_ text: String) -> String { String(text.map { fullWidth[$0] ?? $0 }) }

    /// `12000` → `1.2万元`, `3650` → `0.365万元` (exact).
    static func wan(_ yuan: Int) -> String {
        var fraction = String(yuan % 10000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(yuan / 10000)" + (fraction.isEmpty ? "" : ".\(fraction)") + "万元"
    }

    /// The 1900-system spreadsheet serial of a day (serial 61 and later: days since 1899-12-30).
    static func spreadsheetSerial(_ d: SyntheticDate) -> Int {
        // Days from civil (Howard Hinnant's algorithm), relative to 1899-12-30.
        func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
            let y = m <= 2 ? y0 - 1 : y0
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe
        }
        return days(d.year, d.month, d.day) - days(1899, 12, 30)
    }

    /// `3650` → `3,650`.
    static func thousands(_ value: Int) -> String {
        value >= 1000 ? "\(value / 1000),\(String(format: "%03d", value % 1000))" : String(value)
    }

    /// A school stage written as a finer grade, by age.
    static func grade(_ stage: String, age: Int) -> String {
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch stage {
        case "学前": return "学龄前儿童"
        case "小学": return ["", "小学"][age % 2] + numerals[max(0, min(5, age - 6))] + "年级"
        case "初中": return numerals[max(6, min(8, age - 6))] + "年级"
        case "高中": return "普通高中" + numerals[max(0, min(2, age - 15))] + "年级"
        case "中职": return "中职" + numerals[max(0, min(2, age - 15))] + "年级"
        case "高职": return "高职" + numerals[max(0, min(2, age - 18))] + "年级"
        default: return "本科" + numerals[max(0, min(3, age - 18))] + "年级"
        }
    }

    private func put(_ s: inout HouseholdSources, _ source: GeneratedSource, member: Int?, _ field: GeneratedField,
                     raw: String, clean: String, person: SyntheticMember?) -> Bool {
        guard !s.hasOverride(source, member: member, field), raw != clean || raw.contains(" ") else { return false }
        s.overrides.append(FieldOverride(source: source, member: member, field: field, raw: raw))
        s.noiseRows.append(NoiseRow(householdID: s.truth.householdID, memberID: person?.id ?? "", field: field.rawValue,
                                    source: source.rawValue, rawValue: raw, cleanValue: clean))
        return true
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func disguise(_ kind: Int, _ s: inout HouseholdSources, _ rng: inout SplitMix64) -> Bool {
        switch kind {
        case 0, 1:  // dates
            let (source, view): (GeneratedSource, SyntheticHousehold?) = kind == 0 ? (.system, s.system) : (.archive, s.archive)
            guard let h = view, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            let b = h.members[j].birth
            let raw = source == .archive ? b.chinese : rng.pick([b.slashed, b.compact, b.chinese])
            return put(&s, source, member: j, .birthDate, raw: raw, clean: b.iso, person: h.members[j])
        case 2:
            guard !s.registry.members.isEmpty else { return false }
            let j = rng.below(s.registry.members.count)
            let b = s.registry.members[j].birth
            return put(&s, .hukou, member: j, .birthDate, raw: b.slashed, clean: b.iso, person: s.registry.members[j])
        case 3:  // full-width ID in the archive
            guard let h = s.archive, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            return put(&s, .archive, member: j, .idNumber, raw: Self.wide(h.members[j].id), clean: h.members[j].id, person: h.members[j])
        case 4:  // 15-digit ID in the archive
            guard let h = s.archive, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            guard IDNumberMaker.isValid(h.members[j].id), let old = IDNumberMaker.fifteenDigit(h.members[j].id) else { return false }
            return put(&s, .archive, member: j, .idNumber, raw: old, clean: h.members[j].id, person: h.members[j])
        case 5:  // lower-case x
            let source = rng.pick([GeneratedSource.system, .archive, .hukou])
            let view = source == .system ? s.system : source == .archive ? s.archive : s.registry
            guard let h = view, let j = h.members.firstIndex(where: { $0.id.hasSuffix("X") }) else { return false }
            return put(&s, source, member: j, .idNumber, raw: h.members[j].id.lowercased(), clean: h.members[j].id, person: h.members[j])
        case 6:
            guard let h = s.wall else { return false }
            return put(&s, .wall, member: nil, .size, raw: Self.wide(String(h.size)), clean: String(h.size), person: nil)
        case 7:
            guard let h = s.system else { return false }
            return put(&s, .system, member: nil, .size, raw: "\(h.size)人", clean: String(h.size), person: nil)
        case 8:
            guard let h = s.wall else { return false }
            let raw = rng.pick([Self.wan(h.income), "\(Self.thousands(h.income))元", "\(h.income)元"])
            return put(&s, .wall, member: nil, .incomePerCapita, raw: raw, clean: String(h.income), person: nil)
        case 9:
            guard let h = s.system else { return false }
            return put(&s, .system, member: nil, .incomePerCapita, raw: Self.thousands(h.income), clean: String(h.income), person: nil)
        case 10:
            guard let h = s.interview else { return false }
            return put(&s, .interview, member: nil, .grainKg, raw: "\(h.grainKg * 2)斤", clean: String(h.grainKg), person: nil)
        case 11:
            guard let h = s.archive else { return false }
            return put(&s, .archive, member: nil, .grainKg, raw: "\(h.grainKg)公斤", clean: String(h.grainKg), person: nil)
        case 12:  // booleans
            let source = rng.pick([GeneratedSource.system, .archive, .interview, .verification])
            let view = source == .system ? s.system : source == .archive ? s.archive : source == .interview ? s.interview : s.inspection
            guard let h = view else { return false }
            let raw = h.waterSafe ? rng.pick(["Y", "√", "1", "y"]) : rng.pick(["N", "×", "0"])
            return put(&s, source, member: nil, .waterSafe, raw: raw, clean: h.waterSafe ? "是" : "否", person: nil)
        case 13:
            guard let h = s.interview, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            let raw = h.members[j].insured ? rng.pick(["Y", "√", "已参保"]) : rng.pick(["N", "×", "未参保"])
            return put(&s, .interview, member: j, .medicalInsured, raw: raw, clean: h.members[j].insured ? "是" : "否", person: h.members[j])
        case 14:  // stray spaces
            guard let h = s.wall else { return false }
            return put(&s, .wall, member: nil, .headName, raw: " \(h.headName) ", clean: h.headName, person: nil)
        case 15:
            guard let h = s.system, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            let name = h.members[j].name
            return put(&s, .system, member: j, .name, raw: name + " ", clean: name, person: h.members[j])
        case 16:
            guard let h = s.interview, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            let name = h.members[j].name
            guard name.count >= 2, !name.contains("·") else { return false }
            let raw = String(name.prefix(1)) + " " + String(name.dropFirst())
            return put(&s, .interview, member: j, .name, raw: raw, clean: name, person: h.members[j])
        case 17:  // middle-dot variants
            let source = rng.pick([GeneratedSource.system, .interview, .archive, .hukou])
            let view = source == .system ? s.system : source == .interview ? s.interview : source == .archive ? s.archive : s.registry
            guard let h = view, let j = h.members.firstIndex(where: { $0.name.contains("·") }) else { return false }
            let variants = source == .archive ? ["．", " · "] : ["•", "・", "．", " · "]
            let raw = h.members[j].name.replacingOccurrences(of: "·", with: rng.pick(variants))
            return put(&s, source, member: j, .name, raw: raw, clean: h.members[j].name, person: h.members[j])
        case 18:  // middle dot on the wall's name list
            guard let h = s.wall, h.members.contains(where: { $0.name.contains("·") }) else { return false }
            let raw = h.members.map { $0.name.replacingOccurrences(of: "·", with: "．") }.joined(separator: "、")
            return put(&s, .wall, member: nil, .memberNames, raw: raw, clean: h.members.map(\.name).joined(separator: "、"), person: nil)
        case 19:  // finer school grades
            guard let h = s.system, let j = h.members.firstIndex(where: { $0.inSchool != nil }) else { return false }
            let m = h.members[j]
            return put(&s, .system, member: j, .inSchool, raw: Self.grade(m.inSchool!, age: m.age(at: asOf)), clean: m.inSchool!, person: m)
        case 20:  // status spellings
            guard let h = s.system else { return false }
            let raw: String
            switch h.status {
            case "已脱贫": raw = rng.pick(["已脱贫(享受政策)", "已脱贫（享受政策）", "已脱贫(不再享受政策)", "稳定脱贫"])
            case "未脱贫": raw = rng.pick(["预脱贫", "贫困户"])
            default: raw = "返贫户"
            }
            return put(&s, .system, member: nil, .status, raw: raw, clean: h.status, person: nil)
        case 21:
            guard let h = s.archive else { return false }
            let code = ["未脱贫": "0", "已脱贫": "1", "返贫": "3"][h.status]!
            return put(&s, .archive, member: nil, .status, raw: code, clean: h.status, person: nil)
        case 22:  // commas inside a cell (quoted CSV field)
            let source = rng.pick([GeneratedSource.wall, .system])
            guard let h = source == .wall ? s.wall : s.system else { return false }
            return put(&s, source, member: nil, .measures, raw: h.measures.joined(separator: ","), clean: h.measures.joined(separator: "、"), person: nil)
        case 23:
            guard let h = s.wall, h.members.count > 1, !h.members.contains(where: { $0.name.contains("·") }) else { return false }
            let raw = rng.chance(0.5) ? h.members.map(\.name).joined(separator: ",") : h.members.map(\.name).joined(separator: " 、 ")
            return put(&s, .wall, member: nil, .memberNames, raw: raw, clean: h.members.map(\.name).joined(separator: "、"), person: nil)
        case 24:  // relation synonyms in the interview
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
        case 25:  // told ages: "45岁", or 虚岁 (one more)
            guard let h = s.interview, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            let age = h.members[j].age(at: asOf)
            let raw = rng.chance(0.5) ? "\(age)岁" : "\(age + 1)"
            return put(&s, .interview, member: j, .age, raw: raw, clean: String(age), person: h.members[j])
        case 26:
            guard let h = s.wall else { return false }
            let p = h.cadrePhone
            let raw = rng.chance(0.5) ? "\(p.prefix(3))-\(p.dropFirst(3).prefix(4))-\(p.suffix(4))" : "+86 \(p)"
            return put(&s, .wall, member: nil, .cadrePhone, raw: raw, clean: p, person: nil)
        case 27:
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
        case 28:
            guard let h = s.wall else { return false }
            let synonyms = ["因病": "因病致贫", "因残": "因残致贫", "因学": "因学致贫", "缺资金": "缺少资金", "缺技术": "缺乏技术", "缺劳力": "缺劳动力"]
            guard let raw = synonyms[h.cause] else { return false }
            return put(&s, .wall, member: nil, .cause, raw: raw, clean: h.cause, person: nil)
        case 29:
            guard let h = s.wall else { return false }
            return put(&s, .wall, member: nil, .householdID, raw: Self.wide(h.householdID), clean: h.householdID, person: nil)
        case 30:  // spreadsheet serial dates (1900 system), for days the window allows
            guard let h = s.system, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            let b = h.members[j].birth
            let serial = Self.spreadsheetSerial(b)
            guard (20_000...60_000).contains(serial) else { return false }
            return put(&s, .system, member: j, .birthDate, raw: String(serial), clean: b.iso, person: h.members[j])
        case 31:  // GB/T codes in the archive: sex 1/2, relation 01/10/20/30
            guard let h = s.archive, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            let m = h.members[j]
            if rng.chance(0.5) {
                return put(&s, .archive, member: j, .sex, raw: m.sex == "男" ? "1" : "2", clean: m.sex, person: m)
            }
            guard let code = ["户主": "01", "配偶": "10", "之子": "20", "之女": "30", "之孙子": "41", "之孙女": "42"][m.relation] else { return false }
            return put(&s, .archive, member: j, .relation, raw: code, clean: m.relation, person: m)
        case 32:  // a set written in another order with a comma (quoted cell)
            guard let h = s.system, let j = h.members.firstIndex(where: { $0.health.count > 1 }) else { return false }
            return put(&s, .system, member: j, .health, raw: h.members[j].health.reversed().joined(separator: ","), clean: h.members[j].healthText, person: h.members[j])
        case 33:  // spaced or spreadsheet-marked ID numbers
            guard let h = s.archive, !h.members.isEmpty else { return false }
            let j = rng.below(h.members.count)
            let id = h.members[j].id
            let raw = rng.chance(0.5) ? "\(id.prefix(6)) \(id.dropFirst(6).prefix(8)) \(id.suffix(4))" : "'" + id
            return put(&s, .archive, member: j, .idNumber, raw: raw, clean: id, person: h.members[j])
        case 34:  // spreadsheet ".0" and units on numbers
            guard let h = s.inspection else { return false }
            if rng.chance(0.5) {
                return put(&s, .verification, member: nil, .incomePerCapita, raw: "\(h.income)元/人", clean: String(h.income), person: nil)
            }
            return put(&s, .verification, member: nil, .houseArea, raw: "\(h.houseArea).0", clean: String(h.houseArea), person: nil)
        default:  // inspection dates as spreadsheet serials or Chinese dates
            guard s.inspection != nil else { return false }
            return put(&s, .verification, member: nil, .inspectionDate, raw: "2020年10月8日", clean: "2020-10-08", person: nil)
        }
    }
}
