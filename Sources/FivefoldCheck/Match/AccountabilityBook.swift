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

    /// The tables' rows keyed by 户编号, by table name (`responsibility`: its household rows,
    /// `exit_signoffs`, `notices`), for the households given; nil tables are left out.
    public func rowCounts(households: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for id in households {
            if roster != nil { counts["responsibility", default: 0] += rosterByHousehold[id]?.count ?? 0 }
            if signoffs != nil { counts["exit_signoffs", default: 0] += signoffsByHousehold[id]?.count ?? 0 }
            if notices != nil { counts["notices", default: 0] += noticesByHousehold[id]?.count ?? 0 }
        }
        return counts
    }

    /// Every row keyed by 户编号, by table name, as `rowCounts` counts them.
    public var keyedRowTotals: [String: Int] {
        var totals: [String: Int] = [:]
        if let roster { totals["responsibility"] = roster.filter { $0.level.codeLength == nil }.count }
        if let signoffs { totals["exit_signoffs"] = signoffs.count }
        if let notices { totals["notices"] = notices.count }
        return totals
    }
}
