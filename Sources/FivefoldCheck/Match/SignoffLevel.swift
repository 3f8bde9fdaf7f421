import Foundation
import FivefoldModel

/// The three grades of exit sign-off (分级签字确认), in the order they are given.
public enum SignoffLevel: Int, Sendable, CaseIterable, Comparable {
    case village, township, county

    public var label: String { ["村级", "乡级", "县级"][rawValue] }

    /// 村 / 村级 / 乡 / 乡镇 / 乡级 / 县 / 县级 (the 层级 column); nil for anything else.
    public static func parse(_ raw: String) -> SignoffLevel? {
        switch raw.replacingOccurrences(of: " ", with: "") {
        case "村", "村级", "村委会": return .village
        case "乡", "乡级", "乡镇", "乡镇级": return .township
        case "县", "县级", "县(市、区)", "县区": return .county
        default: return nil
        }
    }

    public static func < (a: SignoffLevel, b: SignoffLevel) -> Bool { a.rawValue < b.rawValue }
}
