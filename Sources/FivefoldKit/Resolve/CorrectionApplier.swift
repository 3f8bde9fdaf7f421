/// Applies corrections to the in-memory system records, so that the rules which judge status
/// (exit, 四看法, incidence) read the corrected data, as SPEC §4 requires for incidence.
public enum CorrectionApplier {
    public static func apply(_ corrections: [Correction], to cases: inout [HouseholdCase]) {
        guard !corrections.isEmpty else { return }
        var byHousehold: [String: [Correction]] = [:]
        for c in corrections { byHousehold[c.householdID, default: []].append(c) }
        for i in cases.indices {
            guard let list = byHousehold[cases[i].householdID], var system = cases[i].records[.system] else { continue }
            for correction in list {
                let value = FieldValue(raw: correction.newValue, normalized: correction.newValue)
                if correction.memberID.isEmpty {
                    system.fields[correction.field] = value
                } else if let m = system.members.firstIndex(where: { $0.memberKey == correction.memberID }) {
                    system.members[m].fields[correction.field] = value
                }
            }
            cases[i].records[.system] = system
        }
    }
}
