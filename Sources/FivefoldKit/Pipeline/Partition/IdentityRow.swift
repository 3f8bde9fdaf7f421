/// One system member (or household head) as the duplicate rules need it across partitions and
/// shards: the ID number as received and as corrected, and where the household is.
struct IdentityRow: Sendable, Equatable {
    enum Role: String { case member, head }

    var role: Role
    var receivedID: String
    var correctedID: String
    var householdID: String
    var regionCode: String
    var name: String
    var entry: HouseholdDirectory.Entry

    static let header = ["role", "received_id", "corrected_id", "household_id", "region_code", "name", "township", "village", "head_name", "cadre_name", "cadre_phone"]

    var fields: [String] {
        [role.rawValue, receivedID, correctedID, householdID, regionCode, name, entry.township, entry.village, entry.headName, entry.cadreName, entry.cadrePhone]
    }

    init(role: Role, receivedID: String, correctedID: String, householdID: String, regionCode: String, name: String, entry: HouseholdDirectory.Entry) {
        self.role = role
        self.receivedID = receivedID
        self.correctedID = correctedID
        self.householdID = householdID
        self.regionCode = regionCode
        self.name = name
        self.entry = entry
    }

    init?(fields f: [String]) {
        guard f.count == Self.header.count, let role = Role(rawValue: f[0]) else { return nil }
        self.init(role: role, receivedID: f[1], correctedID: f[2], householdID: f[3], regionCode: f[4], name: f[5],
                  entry: HouseholdDirectory.Entry(township: f[6], village: f[7], headName: f[8], cadreName: f[9], cadrePhone: f[10]))
    }

    /// Members and heads of the system records, received and corrected side by side.
    static func rows(received: [HouseholdCase], corrected: [HouseholdCase], directory: HouseholdDirectory) -> [IdentityRow] {
        var rows: [IdentityRow] = []
        for (before, after) in zip(received, corrected) {
            guard let system = before.system, let fixed = after.system else { continue }
            let entry = directory[before.householdID] ?? HouseholdDirectory.Entry(township: "", village: "", headName: "", cadreName: "", cadrePhone: "")
            for (m, n) in zip(system.members, fixed.members) {
                let a = m[.idNumber] ?? "", b = n[.idNumber] ?? ""
                guard !a.isEmpty || !b.isEmpty else { continue }
                rows.append(IdentityRow(role: .member, receivedID: a, correctedID: b, householdID: before.householdID, regionCode: before.regionCode, name: m[.name] ?? "", entry: entry))
            }
            guard !system.isMemberOnly else { continue }
            let a = headID(system), b = headID(fixed)
            if !a.isEmpty || !b.isEmpty {
                rows.append(IdentityRow(role: .head, receivedID: a, correctedID: b, householdID: before.householdID, regionCode: before.regionCode, name: system[.headName] ?? "", entry: entry))
            }
        }
        return rows
    }

    static func headID(_ record: HouseholdRecord) -> String {
        record[.headID] ?? record.members.first { $0[.relation] == "户主" }?[.idNumber] ?? ""
    }
}
