import FivefoldModel

/// The 五包 checks that need more than one household: every county, township and poor village
/// has its leader (`roster.county`, `roster.township`, `roster.village`), and the roster is
/// consistent in itself (`roster.cadre_phones`, `roster.shared_phone`, `roster.cadre_load`).
///
/// Run in the assembly, on the village counters summed over every partition and shard (which
/// areas hold registered households) and the roster (small: a few rows per household). Area
/// findings carry the area's 12-digit code (a township 520203101 as 520203101000, a county as
/// 520203000000); roster findings name the person and carry no household.
public struct RosterRules {
    public init() {}

    /// The township and county of a village, for routing an area finding to a worklist.
    public struct Area: Sendable {
        public var code: String
        public var name: String
        public var township: String
        public var village: String
    }

    /// Counties, townships and poor villages without their leader in the roster.
    ///
    /// - Parameter poorVillages: the 12-digit codes of the villages the village register marks
    ///   一/二/三类 (a poor village even when no registered-poor household is counted in it).
    package func coverage(counters: [String: PartCounters.Village], poorVillages: Set<String>, book: AccountabilityBook,
                          sink: inout FindingSink) -> [(Finding, Area)] {
        var out: [(Finding, Area)] = []
        func emit(_ rule: RuleID, _ area: Area, _ message: String) {
            guard sink.isEnabled(rule) else { return }
            sink.emit(Finding(rule: rule, severity: .warning, regionCode: area.code, action: .worklist, message: message))
            out.append((sink.findings.last!, area))
        }
        var counties: [String: PartCounters.Village] = [:], townships: [String: PartCounters.Village] = [:]
        for code in counters.keys.sorted() where code.count == 12 && counters[code]!.households > 0 {
            let v = counters[code]!
            counties[String(code.prefix(6))] = counties[String(code.prefix(6))] ?? v
            townships[String(code.prefix(9))] = townships[String(code.prefix(9))] ?? v
        }
        for (code, v) in counties.sorted(by: { $0.key < $1.key }) where book.leaders(.province, of: code).isEmpty {
            emit(.rosterCounty, Area(code: code + "000000", name: v.county, township: v.township, village: ""),
                 "\(v.county.isEmpty ? code : v.county)没有联系的省领导（省领导包县）")
        }
        for (code, v) in townships.sorted(by: { $0.key < $1.key }) where book.leaders(.city, of: code).isEmpty {
            emit(.rosterTownship, Area(code: code + "000", name: v.township, township: v.township, village: ""),
                 "\(v.township.isEmpty ? code : v.township)没有联系的市领导（市领导包乡）")
        }
        let poor = Set(counters.filter { $0.key.count == 12 && $0.value.registeredPoor > 0 }.map(\.key)).union(poorVillages)
        for code in poor.sorted() where book.leaders(.county, of: code).isEmpty {
            let v = counters[code] ?? PartCounters.Village()
            emit(.rosterVillage, Area(code: code, name: v.name, township: v.township, village: v.name),
                 "贫困村\(v.name.isEmpty ? code : v.name)没有联系的县领导（县领导包村）")
        }
        return out
    }

    /// One person with several phones, one phone for several people, and 党员干部 with more
    /// households than `roster.cadre_load.max_households`.
    public func consistency(_ roster: [RosterEntry], context: RuleContext, sink: inout FindingSink) {
        var phonesByName: [String: Set<String>] = [:], namesByPhone: [String: Set<String>] = [:]
        var households: [String: Set<String>] = [:]
        for e in roster where !e.name.isEmpty {
            if !e.phone.isEmpty {
                phonesByName[e.name, default: []].insert(e.phone)
                namesByPhone[e.phone, default: []].insert(e.name)
            }
            if e.level == .cadre, !e.householdID.isEmpty { households[e.name, default: []].insert(e.householdID) }
        }
        for (name, phones) in phonesByName.sorted(by: { $0.key < $1.key }) where phones.count > 1 {
            let list = phones.sorted().joined(separator: "、")
            sink.emit(Finding(rule: .rosterCadrePhones, severity: .warning, memberID: name, field: "cadre_phone", values: [("roster", list)],
                              message: "五包责任人\(name)在名册中登记了\(phones.count)个电话：\(list)"))
        }
        for (phone, names) in namesByPhone.sorted(by: { $0.key < $1.key }) where names.count > 1 {
            let list = names.sorted().joined(separator: "、")
            sink.emit(Finding(rule: .rosterSharedPhone, severity: .warning, memberID: phone, field: "cadre_phone", values: [("roster", list)],
                              message: "电话\(phone)在五包责任名册中登记给了\(names.count)人：\(list)"))
        }
        let limit = Int(context.number(.rosterCadreLoad, "max_households"))
        for (name, ids) in households.sorted(by: { $0.key < $1.key }) where ids.count > limit {
            sink.emit(Finding(rule: .rosterCadreLoad, severity: .warning, memberID: name, field: "cadre_name", values: [("roster", String(ids.count))],
                              message: "党员干部\(name)包\(ids.count)户，超过\(limit)户的上限"))
        }
    }
}
