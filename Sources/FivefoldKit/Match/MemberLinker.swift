/// Links the members of one household across sources into `LinkedMember`s.
///
/// By ID number where both sides have one; otherwise by normalised name within the household,
/// accepted only when exactly one unlinked candidate matches. Anything else stays unlinked and
/// becomes a `unify.missing` finding — never a silent merge. The hukou registry joins by ID.
public struct MemberLinker {
    public init() {}

    public func link(_ c: inout HouseholdCase, registries: Registries) {
        var people: [LinkedMember] = []
        let order = c.records.keys.sorted(by: HouseholdMatcher.sourceOrder)
        for source in order {
            guard let record = c.records[source] else { continue }
            var taken = Set<Int>()
            for member in record.members {
                if let i = match(member, source: source, in: people, taken: taken) {
                    people[i].records[source] = member
                    people[i].scores[source] = 1
                    taken.insert(i)
                } else {
                    people.append(LinkedMember(records: [source: member], scores: [source: 1]))
                    taken.insert(people.count - 1)
                }
            }
        }
        if registries.has("hukou") {
            for i in people.indices {
                guard let id = people[i].records.values.lazy.compactMap({ $0[.idNumber] }).first,
                    let row = registries.rows("hukou", id: id).first
                else { continue }
                var hukou = row
                hukou.source = .hukou
                people[i].records[.hukou] = hukou
                people[i].scores[.hukou] = 1
            }
        }
        c.people = people
    }

    private func match(_ member: MemberRecord, source: SourceID, in people: [LinkedMember], taken: Set<Int>) -> Int? {
        if let id = member[.idNumber] {
            let hits = people.indices.filter { !taken.contains($0) && people[$0].records.values.contains { $0[.idNumber] == id } }
            if hits.count == 1 { return hits[0] }
            if !hits.isEmpty { return nil }
        }
        guard let name = member[.name] else { return nil }
        let hits = people.indices.filter { i in
            !taken.contains(i) && people[i].records[source] == nil
                && people[i].records.values.contains { $0[.name] == name }
        }
        return hits.count == 1 ? hits[0] : nil
    }
}
