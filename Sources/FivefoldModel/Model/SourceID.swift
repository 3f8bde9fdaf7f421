/// The place a record comes from: one of the five sources of 五个统一, or a department registry.
///
/// Sources are open-ended strings so that a pipeline can name registries (`hukou`, `deaths`, …)
/// and signed field results (`signoff`) in trust orders without a code change.
public struct SourceID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    /// The name's number in `names` (interned, as `FieldID`'s): a source id is compared as one
    /// integer and copied as bytes, without retaining a string.
    @usableFromInline let number: UInt32
    /// Precomputed once (the name's `StableHash`): these ids key the dictionaries of every
    /// record, and hashing the string on every lookup was a measurable share of a run.
    @usableFromInline let hash: UInt64

    /// Every source name seen in this process, once.
    package static let names = InternedNames()

    public init(rawValue: String) {
        number = Self.names.intern(rawValue)
        hash = Self.names.entry(number).hash
    }
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var rawValue: String { Self.names.entry(number).name }
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    /// The bucket hash `Dictionary` and `Set` ask for, from the precomputed hash without `Hasher`
    /// (`StableHash.bucketHash`).
    @inlinable public func _rawHashValue(seed: Int) -> Int { StableHash.bucketHash(hash, seed: seed) }
    /// One name, one number: equal ids are equal numbers.
    @inlinable public static func == (a: SourceID, b: SourceID) -> Bool { a.number == b.number }
    public init(from decoder: Decoder) throws { self.init(rawValue: try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { rawValue }
    public static func < (a: SourceID, b: SourceID) -> Bool { a.rawValue < b.rawValue }

    /// 系统录的 — the information-system export; the dataset Fivefold corrects.
    public static let system: SourceID = "system"
    /// 袋里装的 — the digitised paper archive bag.
    public static let archive: SourceID = "archive"
    /// 墙上挂的 — the card on the household's wall.
    public static let wall: SourceID = "wall"
    /// 嘴上说的 — the visit interview (大走访 questionnaire).
    public static let interview: SourceID = "interview"
    /// 客观有的 — on-site inspection (实地核查).
    public static let verification: SourceID = "verification"
    /// 公安 household registration (户籍) registry.
    public static let hukou: SourceID = "hukou"
    /// A signed field result returned on a worklist (分级签字确认).
    public static let signoff: SourceID = "signoff"

    // The department registries (SPEC §3): a pipeline names some of these and no others.
    public static let deaths: SourceID = "deaths"
    public static let publicEmployees: SourceID = "public_employees"
    public static let vehicles: SourceID = "vehicles"
    public static let property: SourceID = "property"
    public static let businesses: SourceID = "businesses"
    public static let students: SourceID = "students"
    public static let insurance: SourceID = "insurance"
    /// Every registry a pipeline may name, in the order an error message lists them.
    public static let registries: [SourceID] = [.hukou, .deaths, .publicEmployees, .vehicles, .property, .businesses, .students, .insurance]

    /// The five sources of 五个统一 in their conventional order.
    public static let five: [SourceID] = [.system, .archive, .wall, .interview, .verification]

    /// Chinese label used in worklists and messages.
    public var chineseLabel: String {
        switch rawValue {
        case "system": return "系统"
        case "archive": return "档案"
        case "wall": return "明白卡"
        case "interview": return "走访"
        case "verification": return "核查"
        case "hukou": return "户籍"
        case "signoff": return "签字核实"
        case "monitor_line": return "监测线"
        case "income": return "人均纯收入"
        case "previous": return "上次"
        case "current": return "本次"
        case "previous_as_of": return "上次日期"
        case "current_as_of": return "本次日期"
        // The shipped pipeline's registries (a pipeline names its own; an unknown name is shown as
        // it is written) and the other evidence rules cite beside the sources: the 其他来源 column
        // of a worklist reads “车辆登记=小型轿车 贵BA7306”, not “vehicles=…”.
        case "deaths": return "死亡登记"
        case "public_employees": return "财政供养人员"
        case "vehicles": return "车辆登记"
        case "property": return "房产登记"
        case "businesses": return "工商登记"
        case "students": return "学籍"
        case "insurance": return "医保参保"
        case "four_looks": return "四看法"
        case "facts": return "家庭情况"
        case "line": return "脱贫标准"
        case "members": return "成员"
        case "id_number": return "身份证号"
        case "count": return "次数"
        case "examples": return "示例"
        case "roster": return "五包名册"
        case "signoffs": return "分级签字"
        case "notices": return "公示"
        case "villages": return "村名录"
        case "computed": return "计算值"
        // A field of the system record cited as evidence (识别年度 beside 脱贫状态).
        default: return FieldCatalog.chinese(FieldID(rawValue))
        }
    }
}
