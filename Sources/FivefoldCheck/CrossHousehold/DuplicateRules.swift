import FivefoldModel

/// `duplicate.person` (一人多户, or one ID twice in a household) and `duplicate.household`
/// (one head heading several households), over the whole system dataset.
///
/// Works on `IdentityRow`s. Every partition and shard writes its members' ID numbers out
/// (`IdentityBatch`), so duplicates across partitions, counties and machines are found; the
/// assembly groups them by ID number in hash buckets (memory holds one bucket at a time) and
/// makes rows only for the ID numbers that occur more than once.
package struct DuplicateRules {
    /// Findings for the given rows (all rows sharing an ID number must be among them), judged on
    /// the ID numbers as received or as corrected.
    package static func check(_ rows: [IdentityRow], corrected: Bool, sink: inout FindingSink) {
        func id(_ r: IdentityRow) -> String { corrected ? r.correctedID : r.receivedID }
        var people: [String: [IdentityRow]] = [:]
        var heads: [String: [IdentityRow]] = [:]
        for r in rows where !id(r).isEmpty {
            switch r.role {
            case .member: people[id(r), default: []].append(r)
            case .head: heads[id(r), default: []].append(r)
            }
        }
        for key in people.keys.sorted() {
            let entries = people[key]!
            guard entries.count > 1 else { continue }
            let distinct = Array(Set(entries.map(\.householdID))).sorted()
            let name = entries.map(\.name).sorted().first ?? ""
            let message = distinct.count > 1
                ? "\(name)（\(key)）同时登记在\(distinct.count)户：\(distinct.joined(separator: "、"))"
                : "\(name)（\(key)）在户\(distinct[0])中重复登记\(entries.count)次"
            for household in distinct {
                let region = entries.first { $0.householdID == household }!.regionCode
                sink.emit(Finding(
                    rule: .duplicatePerson, severity: .error, regionCode: region, householdID: household, memberID: key,
                    field: FieldID.idNumber.rawValue, values: distinct.map { (.system, $0) }, action: .worklist, message: message))
            }
        }
        for key in heads.keys.sorted() {
            let entries = heads[key]!
            let distinct = Array(Set(entries.map(\.householdID))).sorted()
            guard distinct.count > 1 else { continue }
            let name = entries.map(\.name).sorted().first ?? ""
            for household in distinct {
                let region = entries.first { $0.householdID == household }!.regionCode
                sink.emit(Finding(
                    rule: .duplicateHousehold, severity: .error, regionCode: region, householdID: household, memberID: key,
                    field: FieldID.headID.rawValue, values: distinct.map { (.system, $0) }, action: .worklist,
                    message: "户主\(name)（\(key)）同时是\(distinct.count)户的户主：\(distinct.joined(separator: "、"))"))
            }
        }
    }
}
