/// Links the members of one household across sources into `LinkedMember`s.
///
/// By ID number where both sides have one. Otherwise (the interview has no ID numbers, and an
/// archive page may lack one) by a score over name, relation, sex and age within the
/// household: names tolerate homophones, swapped characters and a missing middle dot
/// (`NameSimilarity`); age is compared with the birth date within ±1 year, since a told age is
/// whole years. A pair links only when its score reaches the pipeline's threshold and no other
/// candidate comes within the ambiguity margin; anything else stays unlinked and becomes a
/// `unify.missing` finding — never a silent merge. The hukou registry joins by ID number.
public struct MemberLinker {
    /// Minimum score for a link (pipeline `linkage.threshold`).
    public var threshold: Double
    /// Two candidates closer than this are ambiguous (pipeline `linkage.ambiguity_margin`).
    public var ambiguityMargin: Double
    /// Ages are computed as of this date.
    public var asOf: CivilDate?

    public init(threshold: Double = 0.75, ambiguityMargin: Double = 0.05, asOf: CivilDate? = nil) {
        self.threshold = threshold
        self.ambiguityMargin = ambiguityMargin
        self.asOf = asOf
    }

    /// Why a member of a source stayed unlinked, by source and member index.
    public typealias Ambiguities = [SourceID: Set<Int>]

    public func link(_ c: inout HouseholdCase, registries: Registries) {
        var people: [LinkedMember] = []
        let order = c.records.keys.sorted(by: HouseholdMatcher.sourceOrder)
        for source in order {
            guard let record = c.records[source] else { continue }
            var taken = Set<Int>()
            var pending: [Int] = []
            // First pass: ID numbers.
            for (index, member) in record.members.enumerated() {
                if let id = member[.idNumber] {
                    let hits = people.indices.filter { !taken.contains($0) && people[$0].records.values.contains { $0[.idNumber] == id } }
                    if hits.count == 1 {
                        people[hits[0]].records[source] = member
                        people[hits[0]].scores[source] = 1
                        taken.insert(hits[0])
                        continue
                    }
                }
                pending.append(index)
            }
            // Second pass: score every remaining (member, person) pair, link best-first.
            var candidates: [(member: Int, person: Int, score: Double)] = []
            for index in pending {
                for p in people.indices where !taken.contains(p) && people[p].records[source] == nil {
                    let s = score(record.members[index], people[p])
                    if s >= threshold { candidates.append((index, p, s)) }
                }
            }
            candidates.sort { ($0.score, -$0.member, -$0.person) > ($1.score, -$1.member, -$1.person) }
            var linked = Set<Int>()
            var ambiguous = Set<Int>()
            for cand in candidates where !linked.contains(cand.member) && !taken.contains(cand.person) && !ambiguous.contains(cand.member) {
                let rivals = candidates.filter {
                    ($0.member == cand.member && $0.person != cand.person && !taken.contains($0.person))
                        || ($0.person == cand.person && $0.member != cand.member && !linked.contains($0.member))
                }
                if rivals.contains(where: { cand.score - $0.score < ambiguityMargin }) {
                    ambiguous.insert(cand.member)
                    continue
                }
                people[cand.person].records[source] = record.members[cand.member]
                people[cand.person].scores[source] = cand.score
                taken.insert(cand.person)
                linked.insert(cand.member)
            }
            for index in pending where !linked.contains(index) {
                var person = LinkedMember(records: [source: record.members[index]], scores: [source: 1])
                person.ambiguous = ambiguous.contains(index)
                people.append(person)
                taken.insert(people.count - 1)
            }
        }
        if registries.has("hukou") {
            for i in people.indices {
                // Try every ID number the person carries, most reliable source first (the system's
                // may be the wrong one); dictionary order is not an order.
                let ids = people[i].records.keys.sorted(by: HouseholdMatcher.sourceOrder).compactMap { people[i].records[$0]?[.idNumber] }
                guard let row = ids.lazy.compactMap({ registries.rows("hukou", id: $0).first }).first else { continue }
                var hukou = row
                hukou.source = .hukou
                people[i].records[.hukou] = hukou
                people[i].scores[.hukou] = 1
            }
        }
        c.people = people
    }

    /// How well a member matches a person already seen in other sources (0…1).
    public func score(_ member: MemberRecord, _ person: LinkedMember) -> Double {
        var best = 0.0
        for other in person.records.values {
            best = max(best, score(member, other))
        }
        return best
    }

    /// Name 60%, relation 15%, sex 10%, age 15%; a missing attribute on either side scores half.
    public func score(_ a: MemberRecord, _ b: MemberRecord) -> Double {
        guard let na = a[.name], let nb = b[.name] else { return 0 }
        let name = NameSimilarity.score(na, nb)
        if name == 0 { return 0 }
        func part(_ field: FieldID) -> Double {
            guard let x = a[field], let y = b[field] else { return 0.5 }
            return x == y ? 1 : 0
        }
        var age = 0.5
        if let asOf, let x = MemberFacts.age(a, asOf: asOf), let y = MemberFacts.age(b, asOf: asOf) {
            age = abs(x - y) <= 1 ? 1 : 0
        }
        return 0.6 * name + 0.15 * part(.relation) + 0.1 * part(.sex) + 0.15 * age
    }
}
