import FivefoldModel

/// Lines households up across sources by 户编号 (SPEC §2: the key present in every source for a
/// registered household).
///
/// Interview households whose 户编号 is blank or unknown to the system are *unregistered*
/// (SPEC §3): they go to `unregistered` for 漏评 checks, never to `unify.missing`.
public struct HouseholdMatcher {
    public init() {}

    public struct Result: Sendable {
        /// One case per 户编号, sorted by 户编号.
        public var cases: [HouseholdCase]
        /// Interview-only households outside the register.
        public var unregistered: [HouseholdRecord]
        /// Second and later records with a 户编号 already seen in the same source.
        public var repeated: [HouseholdRecord]
    }

    public func match(_ households: [SourceID: [HouseholdRecord]]) -> Result {
        // Sized for the system's households up front (growing it rehashed every key a few times).
        var byID = [String: HouseholdCase](minimumCapacity: (households[.system]?.count ?? 0) + 16)
        var repeated: [HouseholdRecord] = []
        var unregistered: [HouseholdRecord] = []
        let systemIDs = Set((households[.system] ?? []).map(\.householdID))
        for source in households.keys.sorted(by: Self.sourceOrder) {
            for record in households[source] ?? [] {
                let id = record.householdID
                if source == .interview, id.isEmpty || !systemIDs.contains(id) {
                    unregistered.append(record)
                    continue
                }
                if id.isEmpty { continue }  // quarantined upstream for sources that require the key
                // One look-up of the 户编号 (a heap string, hashed whole) per record, not two: a
                // repeated record finds its case already there, so the default is never kept.
                if !Self.add(record, of: source, to: &byID[id, default: HouseholdCase(householdID: id)]) {
                    repeated.append(record)
                }
            }
        }
        // Sorted with their keys: sorting the keys and looking each up again hashed every 户编号 once more.
        let cases = byID.sorted { $0.key < $1.key }.map(\.value)
        return Result(cases: cases, unregistered: unregistered, repeated: repeated)
    }

    /// Puts `record` in `c` as `source`'s, unless `c` already has one from that source (false).
    private static func add(_ record: HouseholdRecord, of source: SourceID, to c: inout HouseholdCase) -> Bool {
        guard c.records[source] == nil else { return false }
        c.records[source] = record
        return true
    }

    /// The five sources in SPEC order, then any others alphabetically.
    static func sourceOrder(_ a: SourceID, _ b: SourceID) -> Bool {
        let ia = SourceID.five.firstIndex(of: a) ?? Int.max
        let ib = SourceID.five.firstIndex(of: b) ?? Int.max
        return ia != ib ? ia < ib : a < b
    }
}
