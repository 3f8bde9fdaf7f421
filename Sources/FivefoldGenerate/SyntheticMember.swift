// One person as the generator knows them: the true values every source starts from before
// defects and noise are applied. Values are the canonical labels of SPEC §2, so rendering a
// clean source is printing them, and planting a defect is changing one of them in the sources
// that would really carry the mistake.

/// A generated household member (canonical values).
public struct SyntheticMember: Sendable, Equatable {
    public var id: String
    public var name: String
    /// 与户主关系: 户主, 配偶, 之子 …
    public var relation: String
    /// 男 or 女.
    public var sex: String
    public var birth: SyntheticDate
    public var ethnicity: String
    /// 文化程度, nil for people in school (including 学前).
    public var education: String?
    /// 在校生状况 stage, nil when not in school (the system writes 非在校生, the archive nothing).
    public var inSchool: String?
    /// 健康状况 items (a set; usually one).
    public var health: [String]
    public var labor: String
    public var migrantMonths: Int
    public var insured: Bool
    /// The ID's last sequence digit, unique within the household (parity = sex).
    public var sexDigit: Int

    /// Full years at `asOf`.
    public func age(at asOf: SyntheticDate) -> Int { birth.age(at: asOf) }

    /// In school for 因学 and 看读书郎: any stage but 学前.
    public var isStudent: Bool { inSchool != nil && inSchool != "学前" }

    /// 健康状况 as one field: items joined by 、.
    public var healthText: String { health.joined(separator: "、") }
}
