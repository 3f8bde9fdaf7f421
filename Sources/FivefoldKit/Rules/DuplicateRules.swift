/// `duplicate.person` (一人多户, or one ID twice in a household) and `duplicate.household`
/// (one head heading several households), over the whole system dataset.
///
/// Observes every case, then reports; memory is one entry per ID number.
public struct DuplicateRules {
    private var personHouseholds: [String: [(household: String, region: String, name: String)]] = [:]
    private var headHouseholds: [String: [(household: String, region: String, name: String)]] = [:]

    public init() {}

    public mutating func observe(_ c: HouseholdCase) {
        guard let system = c.system, !system.isMemberOnly || !system.members.isEmpty else { return }
        for m in system.members {
            if let id = m[.idNumber] {
                personHouseholds[id, default: []].append((c.householdID, c.regionCode, m[.name] ?? ""))
            }
        }
        let headID = system[.headID] ?? system.members.first { $0[.relation] == "户主" }?[.idNumber]
        if let headID, !system.isMemberOnly {
            headHouseholds[headID, default: []].append((c.householdID, c.regionCode, system[.headName] ?? ""))
        }
    }

    public func finish(sink: inout FindingSink) {
        for id in personHouseholds.keys.sorted() {
            let entries = personHouseholds[id]!
            guard entries.count > 1 else { continue }
            let households = entries.map(\.household)
            let distinct = Array(Set(households)).sorted()
            let name = entries[0].name
            let message = distinct.count > 1
                ? "\(name)（\(id)）同时登记在\(distinct.count)户：\(distinct.joined(separator: "、"))"
                : "\(name)（\(id)）在户\(distinct[0])中重复登记\(entries.count)次"
            for household in distinct {
                let region = entries.first { $0.household == household }!.region
                sink.emit(Finding(
                    rule: "duplicate.person", severity: .error, regionCode: region, householdID: household, memberID: id,
                    field: FieldID.idNumber.rawValue, values: distinct.map { (.system, $0) }, action: .worklist, message: message))
            }
        }
        for id in headHouseholds.keys.sorted() {
            let entries = headHouseholds[id]!
            let distinct = Array(Set(entries.map(\.household))).sorted()
            guard distinct.count > 1 else { continue }
            for household in distinct {
                let region = entries.first { $0.household == household }!.region
                sink.emit(Finding(
                    rule: "duplicate.household", severity: .error, regionCode: region, householdID: household, memberID: id,
                    field: FieldID.headID.rawValue, values: distinct.map { (.system, $0) }, action: .worklist,
                    message: "户主\(entries[0].name)（\(id)）同时是\(distinct.count)户的户主：\(distinct.joined(separator: "、"))"))
            }
        }
    }
}
