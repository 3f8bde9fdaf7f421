/// The strata of a 事后抽查 sample within a county: households that exited (for 错退), households
/// registered poor (for 错评), and unregistered interview households whose 四看法 score says poor
/// (for 漏评).
public enum SampleStratum: String, Codable, Sendable, CaseIterable, Comparable {
    case exited
    case poor
    case unregistered

    /// The stratum's name on worklists and in the report.
    public var chinese: String {
        switch self {
        case .exited: return "已脱贫户"
        case .poor: return "未脱贫户"
        case .unregistered: return "未建档高分户"
        }
    }

    /// What the field team verifies for a household of this stratum (核实内容), and what 属实
    /// means there.
    public var question: String {
        switch self {
        case .exited: return "事后抽查：核实该户是否错退（是否达到“两不愁三保障”且收入不低于脱贫标准）。错退填“属实”，脱贫真实填“不属实”"
        case .poor: return "事后抽查：核实该户是否错评（是否符合贫困户识别标准）。错评填“属实”，识别准确填“不属实”"
        case .unregistered: return "事后抽查：核实该未建档户是否漏评（四看法得分高，是否应纳入建档立卡）。漏评填“属实”，不应纳入填“不属实”"
        }
    }

    /// The 问题类型 column of the worklist.
    public var title: String {
        switch self {
        case .exited: return "事后抽查：是否错退"
        case .poor: return "事后抽查：是否错评"
        case .unregistered: return "事后抽查：是否漏评"
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
