import Foundation
import FivefoldModel

/// The three grades of exit sign-off (分级签字确认), in the order they are given.
public enum SignoffLevel: Int, Sendable, CaseIterable, Comparable {
    case village, township, county

    public var label: String { ["村级", "乡级", "县级"][rawValue] }

    /// The 层级 column: the village (村, 村级, 村委会, 村两委, 村民委员会), the township — a 乡 or a
    /// 镇, or a town's 街道 (乡, 镇, 乡镇, 乡(镇), 镇级, 镇政府, 乡镇人民政府, 街道办) — or the county,
    /// a district or a banner (县, 县级, 县(市、区), 区, 区级, 旗, 县政府, 县扶贫办). A 镇 is as much a
    /// township as a 乡: its rows were quarantined as "unknown 层级", and every exit signed by a
    /// 镇 became a false signoff.missing_level finding. Nil for anything else (省, 市: no grade of
    /// the three).
    public static func parse(_ raw: String) -> SignoffLevel? {
        let s = TextNormalizer.lookupKey(raw)
        guard let first = s.first else { return nil }
        switch first {
        case "村": return .village
        case "乡", "镇": return .township
        case "街" where s.hasPrefix("街道"): return .township
        case "县", "区", "旗": return .county
        default: return nil
        }
    }

    public static func < (a: SignoffLevel, b: SignoffLevel) -> Bool { a.rawValue < b.rawValue }
}
