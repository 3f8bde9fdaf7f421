// Format noise: the same value written the way real dumps write it — full-width digits from a
// Chinese IME, 2016年3月5日 / 2016/3/5 / 20160305, Y/N and √/× for 是/否, 1.2万元 and 3,500元,
// 800斤 for 400 公斤, stray spaces, middle-dot variants in minority names, a lower-case x, a
// 15-digit first-generation ID, finer school grades (三年级), 已脱贫(享受政策), synonyms and codes,
// and set cells separated by commas (so the CSV field is quoted). SPEC §2 requires all of it to
// normalise to the clean value, so none of it may raise a finding; each substitution is listed
// in noise.csv. Noise never replaces a value a defect has overridden, and GBK sources only get
// characters GBK has (no • or ・). The disguises themselves are in NoiseMaker+Disguises.swift.

/// Applies format noise to a household's sources.
public struct NoiseMaker: Sendable {
    public let seed: UInt64
    public let rate: Double
    public let asOf: SyntheticDate

    static let stream: UInt64 = 0x4E4F_4953

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
            let disguise = Self.disguises[rng.below(Self.disguises.count)]
            if disguise(self, &s, &rng) { applied += 1 }
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

    /// Writes `raw` in place of the field's value and lists it in noise.csv, unless a defect has
    /// overridden the field or `raw` is `clean` itself with no space in it; true when written.
    func put(_ s: inout HouseholdSources, _ source: GeneratedSource, member: Int?, _ field: GeneratedField,
             raw: String, clean: String, person: SyntheticMember?) -> Bool {
        guard !s.hasOverride(source, member: member, field), raw != clean || raw.contains(" ") else { return false }
        s.overrides.append(FieldOverride(source: source, member: member, field: field, raw: raw))
        s.noiseRows.append(NoiseRow(householdID: s.truth.householdID, memberID: person?.id ?? "", field: field.rawValue,
                                    source: source.rawValue, rawValue: raw, cleanValue: clean))
        return true
    }
}
