import Foundation
import FivefoldModel

/// The optional accountability inputs of a run, read once and shared by every partition: the
/// 五包 responsibility roster (`verification/responsibility.csv`), the graded exit sign-offs
/// (`verification/exit_signoffs.csv`) and the 公示 notices (`verification/notices.csv`).
///
/// Each table is nil when the dump does not hold it: its checks are then skipped and listed in
/// summary.json's `skipped_checks`, never run against an empty table (which would flag every
/// household). The rows are indexed by 户编号 and by area code, so a household's checks look up
/// only its own rows. The tables are one to a few rows per registered household, far smaller
/// than the five sources; ARCHITECTURE.md says why they are held whole rather than partitioned.
public final class AccountabilityBook: Sendable {
    public let roster: [RosterEntry]?
    public let signoffs: [ExitSignoff]?
    public let notices: [PublicNotice]?

    private let rosterByArea: [String: [RosterEntry]]
    private let rosterByHousehold: [String: [RosterEntry]]
    private let signoffsByHousehold: [String: [ExitSignoff]]
    private let noticesByHousehold: [String: [PublicNotice]]

    public init(roster: [RosterEntry]?, signoffs: [ExitSignoff]?, notices: [PublicNotice]?) {
        self.roster = roster
        self.signoffs = signoffs
        self.notices = notices
        var byArea: [String: [RosterEntry]] = [:], byHousehold: [String: [RosterEntry]] = [:]
        for e in roster ?? [] {
            if e.level.codeLength != nil { byArea[e.area, default: []].append(e) } else { byHousehold[e.householdID, default: []].append(e) }
        }
        rosterByArea = byArea
        rosterByHousehold = byHousehold
        signoffsByHousehold = Dictionary(grouping: signoffs ?? [], by: \.householdID)
        noticesByHousehold = Dictionary(grouping: notices ?? [], by: \.householdID)
    }

    /// The roster rows of a household (乡镇领导, 党员干部).
    public func roster(household: String) -> [RosterEntry] { rosterByHousehold[household] ?? [] }

    /// The roster rows of an area at one level: the 省领导 of a county (6-digit code), the 市领导
    /// of a township (the first 9 digits of a region code), the 县领导 of a village (12 digits).
    public func leaders(_ level: RosterLevel, of regionCode: String) -> [RosterEntry] {
        guard let n = level.codeLength, regionCode.count >= n else { return [] }
        return (rosterByArea[String(regionCode.prefix(n))] ?? []).filter { $0.level == level }
    }

    /// Everyone the roster makes responsible for a household: its own rows and the leaders of its
    /// village, township and county.
    public func responsible(household: String, regionCode: String) -> [RosterEntry] {
        roster(household: household) + leaders(.county, of: regionCode) + leaders(.city, of: regionCode) + leaders(.province, of: regionCode)
    }

    public func signoffs(household: String) -> [ExitSignoff] { signoffsByHousehold[household] ?? [] }

    public func notices(household: String) -> [PublicNotice] { noticesByHousehold[household] ?? [] }
}

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

/// One row of the responsibility roster: who is responsible for which area or household.
public struct RosterEntry: Sendable, Equatable {
    public var level: RosterLevel
    /// The area code (6, 9 or 12 digits by level); empty for household rows.
    public var area: String
    /// The household (乡镇领导, 党员干部 rows); empty for area rows.
    public var householdID: String
    public var name: String
    public var title: String
    public var phone: String
    public var line: Int

    public init(level: RosterLevel, area: String, householdID: String, name: String, title: String, phone: String, line: Int) {
        self.level = level
        self.area = area
        self.householdID = householdID
        self.name = name
        self.title = title
        self.phone = phone
        self.line = line
    }
}

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

/// One exit sign-off: a household's exit signed at one level.
public struct ExitSignoff: Sendable, Equatable {
    public var householdID: String
    /// The 脱贫年度 the row states (nil when blank).
    public var exitYear: Int?
    public var level: SignoffLevel
    public var signer: String
    public var date: CivilDate
    public var line: Int

    public init(householdID: String, exitYear: Int?, level: SignoffLevel, signer: String, date: CivilDate, line: Int) {
        self.householdID = householdID
        self.exitYear = exitYear
        self.level = level
        self.signer = signer
        self.date = date
        self.line = line
    }
}

/// One 公示: an identification or an exit posted for objections from `start` to `end`.
public struct PublicNotice: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case identification = "识别"
        case exit = "退出"

        /// 识别 / 识别公示 / 纳入 … ; 退出 / 退出公示 / 脱贫 …; nil for anything else.
        public static func parse(_ raw: String) -> Kind? {
            let s = raw.replacingOccurrences(of: " ", with: "")
            if s.hasPrefix("识别") || s.hasPrefix("纳入") || s.hasPrefix("评定") { return .identification }
            if s.hasPrefix("退出") || s.hasPrefix("脱贫") { return .exit }
            return nil
        }
    }

    public var householdID: String
    public var kind: Kind
    public var start: CivilDate
    public var end: CivilDate
    /// The objection raised, as written (blank, 无 or 否 mean none).
    public var objection: String
    /// The recorded answer to the objection.
    public var answer: String
    public var line: Int

    public init(householdID: String, kind: Kind, start: CivilDate, end: CivilDate, objection: String, answer: String, line: Int) {
        self.householdID = householdID
        self.kind = kind
        self.start = start
        self.end = end
        self.objection = objection
        self.answer = answer
        self.line = line
    }

    /// Days posted, both ends included: 1–7 October is 7 days.
    public var days: Int { end.daysSinceEpoch - start.daysSinceEpoch + 1 }

    /// Whether an objection was raised (a text other than 无, 否, 没有, 0).
    public var hasObjection: Bool {
        let s = objection.trimmingCharacters(in: .whitespaces)
        return !s.isEmpty && !["无", "否", "没有", "无异议", "0", "N", "n"].contains(s)
    }
}
