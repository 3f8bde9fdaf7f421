import FivefoldModel

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
    /// Where names' syllables are looked up: the shared cache, or one thread's cache in front of
    /// it (`PinyinCache(frontOf:)`) when the linker is used by one thread only.
    public var pinyin: PinyinCache = .shared

    public init(threshold: Double = 0.75, ambiguityMargin: Double = 0.05, asOf: CivilDate? = nil) {
        self.threshold = threshold
        self.ambiguityMargin = ambiguityMargin
        self.asOf = asOf
    }

    /// Why a member of a source stayed unlinked, by source and member index.
    public typealias Ambiguities = [SourceID: Set<Int>]

    /// Links the members of every source of the household into `c.people`, source by source
    /// in trust order: each source's members join the people found so far (by ID number, then
    /// by score) or become people of their own; then the hukou registry rows join by ID number.
    public func link(_ c: inout HouseholdCase, registries: Registries) {
        var linkage = Linkage()
        for source in c.records.keys.sorted(by: HouseholdMatcher.sourceOrder) {
            guard let record = c.records[source] else { continue }
            link(record, of: source, into: &linkage)
        }
        if registries.has(.hukou) { joinHukou(&linkage, household: c.householdID, registries: registries) }
        c.people = linkage.people
    }

    /// The people found so far in a household and, beside each, the ID numbers of their
    /// records in source order and the linkage profiles of their records (made when a later
    /// source first needs them).
    private struct Linkage {
        var people: [LinkedMember] = []
        var ids: [[String]] = []
        var profiles: [[Profile]?] = []

        mutating func join(_ p: Int, _ source: SourceID, _ member: MemberRecord, score: Double, asOf: CivilDate?) {
            people[p].records[source] = member
            people[p].scores[source] = score
            if let id = member[.idNumber] { ids[p].append(id) }
            if profiles[p] != nil { profiles[p]!.append(Profile(member, asOf: asOf)) }
        }

        mutating func addPerson(_ member: MemberRecord, of source: SourceID, ambiguous: Bool) {
            // Room for every source and the hukou registry up front: growing two dictionaries
            // one source at a time was a visible share of linkage.
            var records = [SourceID: MemberRecord](minimumCapacity: 8)
            var scores = [SourceID: Double](minimumCapacity: 8)
            records[source] = member
            scores[source] = 1
            var person = LinkedMember(records: records, scores: scores)
            person.ambiguous = ambiguous
            people.append(person)
            ids.append(member[.idNumber].map { [$0] } ?? [])
            profiles.append(nil)
        }
    }

    /// A (member, person) pair whose score reaches the threshold.
    private typealias Candidate = (member: Int, person: Int, score: Double)

    /// Links the members of one source's record: by ID number, then the rest best-first by
    /// score; a member that links to nobody becomes a person of their own.
    private func link(_ record: HouseholdRecord, of source: SourceID, into linkage: inout Linkage) {
        let members = record.members
        // A person takes at most one member of a source.
        var taken = [Bool](repeating: false, count: linkage.people.count)
        let pending = linkByID(members, of: source, into: &linkage, taken: &taken)
        var candidates: [Candidate] = []
        if !pending.isEmpty {
            candidates = scoreCandidates(pending, of: record, source: source, linkage: &linkage, taken: taken)
        }
        let (linked, ambiguous) = linkByScore(candidates, members, of: source, into: &linkage, taken: &taken)
        for index in pending where !linked.contains(index) {
            linkage.addPerson(members[index], of: source, ambiguous: ambiguous.contains(index))
        }
    }

    /// First pass: a member whose ID number exactly one free person carries joins them.
    /// Returns the indexes of the members left.
    private func linkByID(_ members: [MemberRecord], of source: SourceID, into linkage: inout Linkage, taken: inout [Bool]) -> [Int] {
        var pending: [Int] = []
        for (index, member) in members.enumerated() {
            if let id = member[.idNumber] {
                var hit = -1, hits = 0
                for p in linkage.people.indices where !taken[p] && linkage.ids[p].contains(id) {
                    hit = p
                    hits += 1
                }
                if hits == 1 {
                    linkage.join(hit, source, member, score: 1, asOf: asOf)
                    taken[hit] = true
                    continue
                }
            }
            pending.append(index)
        }
        return pending
    }

    /// Second pass: every (pending member, free person) pair scoring at least the threshold,
    /// best first.
    private func scoreCandidates(_ pending: [Int], of record: HouseholdRecord, source: SourceID, linkage: inout Linkage, taken: [Bool]) -> [Candidate] {
        let open = linkage.people.indices.filter { !taken[$0] && linkage.people[$0].records[source] == nil }
        // A source dated for itself (the interview's 走访日期) told its ages on that date.
        let ownDate = MemberFacts.ownDate(of: record).flatMap { $0 == asOf ? nil : $0 }
        for p in open where linkage.profiles[p] == nil {
            linkage.profiles[p] = linkage.people[p].orderedRecords.map { Profile($0, asOf: asOf) }
        }
        // The open people's profiles, on the source's own date when it has one: made once here,
        // not once per pending member (they do not depend on the member).
        let theirs: [[Profile]] = open.map { p in
            ownDate.map { on in linkage.profiles[p]!.map { $0.on(on) } } ?? linkage.profiles[p]!
        }
        var candidates: [Candidate] = []
        for index in pending {
            let profile = Profile(record.members[index], asOf: ownDate ?? asOf)
            for (k, p) in open.enumerated() {
                var s = 0.0  // the best of the person's records (scores are never negative)
                for q in theirs[k] { s = max(s, score(profile, q)) }
                if s >= threshold { candidates.append((index, p, s)) }
            }
        }
        candidates.sort { ($0.score, -$0.member, -$0.person) > ($1.score, -$1.member, -$1.person) }
        return candidates
    }

    /// Links candidates best-first; a member with a rival candidate within the ambiguity margin
    /// links to nobody. Returns the members linked and those left ambiguous.
    private func linkByScore(_ candidates: [Candidate], _ members: [MemberRecord], of source: SourceID, into linkage: inout Linkage,
                             taken: inout [Bool]) -> (linked: Set<Int>, ambiguous: Set<Int>) {
        var linked = Set<Int>()
        var ambiguous = Set<Int>()
        for cand in candidates where !linked.contains(cand.member) && !taken[cand.person] && !ambiguous.contains(cand.member) {
            let rivals = candidates.filter {
                ($0.member == cand.member && $0.person != cand.person && !taken[$0.person])
                    || ($0.person == cand.person && $0.member != cand.member && !linked.contains($0.member))
            }
            if rivals.contains(where: { cand.score - $0.score < ambiguityMargin }) {
                ambiguous.insert(cand.member)
                continue
            }
            linkage.join(cand.person, source, members[cand.member], score: cand.score, asOf: asOf)
            taken[cand.person] = true
            linked.insert(cand.member)
        }
        return (linked, ambiguous)
    }

    /// The hukou registry row of each person, by the ID numbers they carry, most reliable source
    /// first (the system's may be the wrong one): `ids` are in source order.
    private func joinHukou(_ linkage: inout Linkage, household: String, registries: Registries) {
        // Only a row that names this household, or names none: a row naming another household
        // travels to that household's partition, so whether it is seen here would depend on how
        // households were partitioned (one person in two households).
        let fits = { (entry: Registries.Entry) in
            entry.registry == .hukou && (entry.row[.householdID] ?? household) == household
        }
        for i in linkage.people.indices {
            // Each ID's entries searched in place (`rows(_:id:)` copied them into an array first).
            guard let row = linkage.ids[i].lazy.compactMap({ registries.rows(id: $0)?.first(where: fits)?.row }).first else { continue }
            var hukou = row
            // Rows of the registry named hukou are already of that source: setting it again copied
            // the record (it is shared with the registry), once per person.
            if hukou.source != .hukou { hukou.source = .hukou }
            linkage.people[i].records[.hukou] = hukou
            linkage.people[i].scores[.hukou] = 1
        }
    }

    /// What linkage compares of a member record, computed once per record.
    struct Profile {
        var name: [Unicode.Scalar]
        var relation: String?
        var sex: String?
        /// What the age is counted from (`MemberFacts.age`), kept so the profile can be moved
        /// to another date without parsing the record again.
        var birth: BirthDate?
        var told: Int?
        /// The ages the record allows (two for a birth month alone when the date falls in it).
        var age: ClosedRange<Int>?

        init(_ m: MemberRecord, asOf: CivilDate?) {
            name = m[.name].map(NameSimilarity.scalars) ?? []
            relation = m[.relation]
            sex = m[.sex]
            birth = MemberFacts.birth(m)
            told = MemberFacts.toldAge(m)
            age = asOf.flatMap { on in birth.map { $0.ages(at: on) } ?? told.map { $0...$0 } }
        }

        /// The same profile with its age on `date` (a source's own 走访日期).
        func on(_ date: CivilDate) -> Profile {
            var moved = self
            moved.age = birth.map { $0.ages(at: date) } ?? told.map { $0...$0 }
            return moved
        }
    }

    /// Links the names a source lists without member records (the wall card's 家庭成员) to
    /// members, by name alone: best-first, a pair links when its name score reaches `threshold`
    /// and no rival comes within `ambiguityMargin`. Then, among the names and members still
    /// unlinked, a pair one character apart in a name of three or more (`NameSimilarity` 0.6)
    /// links the same way: a card misspelling the one member it lacks. Returns, per name, the
    /// index of its member in `members`, or nil when the name links to nobody.
    public func linkNames(_ names: [String], to members: [MemberRecord]) -> [Int?] {
        linkExactNames(names, to: members) ?? linkNamesByScore(names, to: members)
    }

    /// `linkNames` by scoring every (name, member) pair.
    func linkNamesByScore(_ names: [String], to members: [MemberRecord]) -> [Int?] {
        let theirs = members.map { NameSimilarity.scalars($0[.name] ?? "") }
        let mine = names.map(NameSimilarity.scalars)
        var result = [Int?](repeating: nil, count: names.count)
        for floor in [threshold, min(threshold, 0.6)] {
            var candidates: [(name: Int, member: Int, score: Double)] = []
            let linked = Set(result.compactMap { $0 })
            for i in mine.indices where result[i] == nil {
                for j in theirs.indices where !linked.contains(j) {
                    let s = NameSimilarity.score(mine[i], theirs[j], pinyin: pinyin)
                    if s >= floor { candidates.append((i, j, s)) }
                }
            }
            linkBestFirst(candidates, into: &result)
        }
        return result
    }

    /// `linkNames` when the card is right, as most are: every name is exactly one member's name
    /// (after `NameSimilarity.key`), no two names and no two members alike. Each pair then scores
    /// 1 and every rival at most 0.9 (`NameSimilarity`), so with a margin under 0.1 the scoring
    /// links exactly these pairs; nil (score every pair) otherwise. Scoring every name against
    /// every member was 1.6 % of a run's instructions.
    func linkExactNames(_ names: [String], to members: [MemberRecord]) -> [Int?]? {
        // 1 - 0.9 is 0.0999… in binary: a margin of 0.1 makes a homophone rival ambiguous.
        guard ambiguityMargin < 0.099, threshold <= 1, names.count <= members.count else { return nil }
        // Compared as UTF-8 bytes, i.e. by scalars as the scoring compares them (`String` ==
        // would take a compatibility ideograph for its unified twin), and by a linear search:
        // a household has a few members, and hashing every name cost more than comparing.
        let keys = members.map { NameSimilarity.key($0[.name] ?? "") }
        for (j, key) in keys.enumerated() {
            guard !key.isEmpty, !keys[..<j].contains(where: { $0.utf8.elementsEqual(key.utf8) }) else { return nil }
        }
        var result: [Int?] = []
        result.reserveCapacity(names.count)
        var taken = [Bool](repeating: false, count: members.count)
        for name in names {
            let key = NameSimilarity.key(name)
            guard let j = keys.firstIndex(where: { $0.utf8.elementsEqual(key.utf8) }), !taken[j] else { return nil }
            taken[j] = true
            result.append(j)
        }
        return result
    }

    /// Best-first assignment of name → member candidates, skipping ambiguous ones.
    private func linkBestFirst(_ found: [(name: Int, member: Int, score: Double)], into result: inout [Int?]) {
        let candidates = found.sorted { ($0.score, -$0.name, -$0.member) > ($1.score, -$1.name, -$1.member) }
        var taken = Set<Int>(), done = Set<Int>()
        for cand in candidates where !done.contains(cand.name) && !taken.contains(cand.member) {
            let rivals = candidates.filter {
                ($0.name == cand.name && $0.member != cand.member && !taken.contains($0.member))
                    || ($0.member == cand.member && $0.name != cand.name && !done.contains($0.name))
            }
            if rivals.contains(where: { cand.score - $0.score < ambiguityMargin }) { continue }
            result[cand.name] = cand.member
            taken.insert(cand.member)
            done.insert(cand.name)
        }
    }

    /// How well a member matches a person already seen in other sources (0…1).
    public func score(_ member: MemberRecord, _ person: LinkedMember) -> Double {
        let p = Profile(member, asOf: asOf)
        return person.records.values.map { score(p, Profile($0, asOf: asOf)) }.max() ?? 0
    }

    /// Name 60%, relation 15%, sex 10%, age 15%; a missing attribute on either side scores half.
    public func score(_ a: MemberRecord, _ b: MemberRecord) -> Double {
        score(Profile(a, asOf: asOf), Profile(b, asOf: asOf))
    }

    func score(_ a: Profile, _ b: Profile) -> Double {
        let name = NameSimilarity.score(a.name, b.name, pinyin: pinyin)
        if name == 0 { return 0 }
        func part(_ x: String?, _ y: String?) -> Double {
            guard let x, let y else { return 0.5 }
            return x == y ? 1 : 0
        }
        var age = 0.5
        // Within a year of each other: some age of each range is at most 1 from some of the other.
        if let x = a.age, let y = b.age { age = x.lowerBound - y.upperBound <= 1 && y.lowerBound - x.upperBound <= 1 ? 1 : 0 }
        return 0.6 * name + 0.15 * part(a.relation, b.relation) + 0.1 * part(a.sex, b.sex) + 0.15 * age
    }
}
