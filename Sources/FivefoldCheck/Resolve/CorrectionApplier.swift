import FivefoldModel

/// Applies corrections to the in-memory system records, so that the rules which judge status
/// (exit, 四看法, incidence) read the corrected data, as SPEC §4 requires for incidence, and the
/// integrity rules (size, head) judge the household with its rows added or removed.
public enum CorrectionApplier {
    public static func apply(_ corrections: [Correction], to cases: inout [HouseholdCase]) {
        guard !corrections.isEmpty else { return }
        var byHousehold: [String: [Correction]] = [:]
        for c in corrections { byHousehold[c.householdID, default: []].append(c) }
        for i in cases.indices {
            guard let list = byHousehold[cases[i].householdID], var system = cases[i].records[.system] else { continue }
            applyRows(list, to: &system)
            for correction in list where correction.field != MemberRowPolicy.field {
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

    /// Row changes (`member_row`): an added member is built from its settled cells; a removed or
    /// moved member's row is dropped.
    static func applyRows(_ list: [Correction], to system: inout HouseholdRecord) {
        for row in list where row.field == MemberRowPolicy.field {
            switch row.newValue {
            case "added":
                var fields = FieldMap()
                fields[.householdID] = FieldValue(raw: row.householdID, normalized: row.householdID)
                for cell in list where cell.memberID == row.memberID && cell.field != MemberRowPolicy.field {
                    fields[cell.field] = FieldValue(raw: cell.newValue, normalized: cell.newValue)
                }
                system.members.append(MemberRecord(source: .system, location: system.location, fields: fields))
            default:
                system.members.removeAll { $0.memberKey == row.memberID }
            }
        }
    }
}
