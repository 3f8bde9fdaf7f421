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

    /// 省领导 / 省级 / 省 …; nil for anything else. The area levels are told by the first
    /// character of the level (省; 市, 州, 盟; 县, 区, 旗; 乡, 镇, 街道) with 级, 领导 or nothing
    /// after it — a 镇领导 or 区领导 was "unknown 层级" — and the cadres by their titles.
    public static func parse(_ raw: String) -> RosterLevel? {
        let s = TextNormalizer.lookupKey(raw)
        if let exact = RosterLevel(rawValue: s) { return exact }
        switch s {
        case "乡镇干部", "镇干部", "乡干部": return .township
        case "干部", "帮扶干部", "帮扶责任人", "帮扶人", "结对帮扶干部", "驻村干部", "党员", "党员干部", "党员干部包人": return .cadre
        default: break
        }
        // An area level: its name, then nothing, 级 or 领导 (级领导, 领导包县 …).
        let areas: [(prefixes: [String], level: RosterLevel)] = [
            (["省"], .province), (["市(州)", "市州", "市", "州", "盟"], .city), (["县(市、区)", "县(区)", "县区", "县", "区", "旗"], .county),
            (["乡(镇)", "乡镇", "乡", "镇", "街道"], .township),
        ]
        for (prefixes, level) in areas {
            for prefix in prefixes where s.hasPrefix(prefix) {
                let rest = s.dropFirst(prefix.count)
                if rest.isEmpty || rest == "级" || rest.hasPrefix("领导") || rest.hasPrefix("级领导") { return level }
            }
        }
        return nil
    }
}
