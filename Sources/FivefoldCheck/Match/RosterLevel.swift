import Foundation
import FivefoldModel

/// The five links of the 五包 chain, as written in the roster's 层级 column.
public enum RosterLevel: String, Sendable, CaseIterable {
    /// 省领导包县.
    case province = "省领导"
    /// 市领导包乡.
    case city = "市领导"
    /// 县领导包村.
    case county = "县领导"
    /// 乡镇领导包户.
    case township = "乡镇领导"
    /// 党员干部包人 (the household's 帮扶责任人).
    case cadre = "党员干部"

    /// The digits of the area code a row of this level names (county 6, township 9, village 12);
    /// nil for the levels keyed by 户编号.
    public var codeLength: Int? {
        switch self {
        case .province: return 6
        case .city: return 9
        case .county: return 12
        case .township, .cadre: return nil
        }
    }

    /// 省领导 / 省级 / 省 …; nil for anything else.
    public static func parse(_ raw: String) -> RosterLevel? {
        let s = raw.replacingOccurrences(of: " ", with: "")
        if let exact = RosterLevel(rawValue: s) { return exact }
        switch s {
        case "省", "省级", "省级领导", "省领导包县": return .province
        case "市", "市级", "州", "市州", "市级领导", "市(州)领导", "市领导包乡": return .city
        case "县", "县级", "县级领导", "县领导包村": return .county
        case "乡", "乡镇", "乡级", "乡镇级", "乡镇干部", "乡镇领导包户": return .township
        case "干部", "帮扶干部", "帮扶责任人", "党员", "党员干部包人": return .cadre
        default: return nil
        }
    }
}
