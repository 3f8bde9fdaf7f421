// One household's true state (canonical values), from which each of the five sources is
// derived. It is the unit the generator streams: built from (seed, index), copied per source,
// altered by at most one planted defect and some format noise, rendered, and dropped.

/// A generated household (canonical values).
public struct SyntheticHousehold: Sendable {
    /// Position in the dataset (0-based); also the key of its random streams.
    public var index: Int
    /// 户编号: 12-digit village code + 4-digit serial.
    public var householdID: String
    public var regionCode: String
    public var county: String
    public var township: String
    public var village: String
    /// Index of the village in the `RegionPlan`.
    public var villageIndex: Int
    /// 脱贫状态: 未脱贫, 已脱贫 or 返贫.
    public var status: String
    public var attribute: String
    public var identifiedYear: Int
    public var exitYear: Int?
    public var cause: String
    /// 人均纯收入 in yuan.
    public var income: Int
    public var houseGrade: String
    public var houseArea: Int
    public var grainKg: Int
    public var waterSafe: Bool
    public var householdType: String
    public var cadreName: String
    public var cadrePhone: String
    public var measures: [String]
    public var satisfaction: String
    /// Members, head first.
    public var members: [SyntheticMember]
    /// Overrides of the head's name and ID in the household row (normally the 户主 member's).
    public var headNameOverride: String?
    public var headIDOverride: String?
    /// The declared 家庭人口数 when it differs from the member count (a planted defect).
    public var sizeOverride: Int?

    /// 户主姓名 as the household row states it.
    public var headName: String { headNameOverride ?? members.first { $0.relation == "户主" }?.name ?? members.first?.name ?? "" }
    /// 户主身份证号 as the household row states it.
    public var headID: String { headIDOverride ?? members.first { $0.relation == "户主" }?.id ?? members.first?.id ?? "" }
    /// 家庭人口数 as stated.
    public var size: Int { sizeOverride ?? members.count }

    /// Registered poor: 未脱贫 or 返贫.
    public var isRegisteredPoor: Bool { status == "未脱贫" || status == "返贫" }
    /// 住房安全 as the interview asks it.
    public var houseSafe: String { houseGrade == "C" || houseGrade == "D" ? "不安全" : "安全" }
}
