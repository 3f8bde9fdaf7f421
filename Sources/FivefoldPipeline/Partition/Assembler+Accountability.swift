import Foundation
import FivefoldModel
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

extension Assembler {
    /// The worklist file of the roster's own findings (a phone, a cadre's load): they are fixed
    /// in the roster, not at a household.
    static let rosterWorklist = "五包责任名册"

    /// The 五包 checks over many households: areas without their leader (from the summed village
    /// counters and the register's poor villages) and the roster's own consistency. Their
    /// findings and worklist items are added to `rows`.
    func rosterChecks(_ book: AccountabilityBook, counters: PartCounters, villages: [VillageClassRule.Village], context: RuleContext,
                      rows: inout Rows, worklist: WorklistWriter) {
        guard let roster = book.roster else { return }
        let rules = RosterRules()
        var sink = FindingSink(config: config)
        let poorVillages = Set(villages.filter { ["一类", "二类", "三类"].contains($0.recordedClass) }.map(\.regionCode))
        let areas = rules.coverage(counters: counters.villages, poorVillages: poorVillages, book: book, sink: &sink)
        var areaOf: [String: RosterRules.Area] = [:]
        for (f, area) in areas { areaOf[f.id] = area }
        rules.consistency(roster, context: context, sink: &sink)
        for f in signed.annotated(sink.findings) {
            let entry: HouseholdDirectory.Entry
            if let area = areaOf[f.id] {
                // A county finding goes to the list named for the county, others to their township's.
                let file = f.ruleID == .rosterCounty ? area.name : area.township
                entry = HouseholdDirectory.Entry(township: file, village: area.village, headName: "", cadreName: "", cadrePhone: "")
            } else {
                entry = HouseholdDirectory.Entry(township: Self.rosterWorklist, village: "", headName: "", cadreName: "", cadrePhone: "")
            }
            rows.add(f, entry: entry, worklist: worklist)
        }
    }

    /// The leader columns of the worklists when a roster is given: the 县领导 of the item's
    /// village and the 市领导 of its township, by the region code of the item's finding.
    func leaderColumns(_ book: AccountabilityBook, findings: [FindingRow]) -> (@Sendable (WorklistWriter.Item) -> [String])? {
        guard book.roster != nil else { return nil }
        var regionOf: [String: String] = [:]
        for f in findings where !f.regionCode.isEmpty { regionOf[f.id] = f.regionCode }
        let regions = regionOf
        return { item in
            guard let code = regions[item.findingID] else { return ["", ""] }
            func names(_ level: RosterLevel) -> String {
                book.leaders(level, of: code).map { $0.phone.isEmpty ? $0.name : "\($0.name) \($0.phone)" }.joined(separator: "、")
            }
            return [code.count == 12 && !code.hasSuffix("000") ? names(.county) : "", names(.city)]
        }
    }

    /// A warning per accountability table with rows naming a 户编号 no system household has
    /// (their checks cannot run): read and accepted, but not silently unused.
    static func unmatchedAccountabilityRows(_ loaded: AccountabilityLoader.Loaded, counters: PartCounters) -> [String] {
        var warnings: [String] = []
        for stats in loaded.stats {
            guard let total = loaded.book.keyedRowTotals[stats.source] else { continue }
            let unmatched = total - (counters.accountabilityMatched[stats.source] ?? 0)
            if unmatched > 0 {
                warnings.append("\(stats.file): \(unmatched) row(s) name a 户编号 that no system household has; their checks cannot run")
            }
        }
        return warnings
    }
}
