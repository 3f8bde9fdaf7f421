// `LinkedMember.records` is a dictionary, and Swift seeds dictionary order per process: code that
// takes "the first" record from it picks a different source on different runs, so the same input
// gave different links and messages from one run to the next (a hukou row linked through the
// system's ID number one night and the archive's the next). Re-running a night must give
// identical outputs (SPEC §8), so anything whose result depends on which record comes first goes
// through the SPEC source order here.

extension LinkedMember {
    /// The person's records in SPEC source order (system, archive, wall, interview,
    /// verification, then others alphabetically).
    public var recordsInSourceOrder: [(source: SourceID, record: MemberRecord)] {
        records.sorted { HouseholdMatcher.sourceOrder($0.key, $1.key) }.map { ($0.key, $0.value) }
    }

    /// The person's name as the first source in SPEC order writes it.
    public var displayName: String? {
        recordsInSourceOrder.lazy.compactMap { $0.record[.name] }.first
    }

    /// The person's ID numbers, first source first, without repeats.
    var idNumbersInSourceOrder: [String] {
        var seen = Set<String>()
        return recordsInSourceOrder.compactMap { $0.record[.idNumber] }.filter { seen.insert($0).inserted }
    }
}
