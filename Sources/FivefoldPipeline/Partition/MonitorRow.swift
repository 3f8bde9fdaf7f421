import FivefoldModel
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

/// One registered household as `monitor.relapse` needs it in the assembly: its values for the
/// ledger's snapshot, and where it is and who is responsible, for the worklist and monitoring.csv.
/// A partition writes one row per household of the system (`monitor-<p>.csv`) when the rule is
/// on; the assembly reads them back one part file at a time.
struct MonitorRow: Sendable, Equatable {
    var householdID: String
    var regionCode: String
    var income: String
    var status: String
    var entry: HouseholdDirectory.Entry

    /// The row of a corrected case; nil when the system does not hold the household.
    init?(_ c: HouseholdCase, directory: HouseholdDirectory) {
        guard let system = c.system, !system.isMemberOnly, !c.householdID.isEmpty else { return nil }
        householdID = c.householdID
        regionCode = c.regionCode
        income = system[.incomePerCapita] ?? ""
        status = system[.status] ?? ""
        entry = directory[c.householdID] ?? HouseholdDirectory.Entry(township: "", village: "", headName: "", cadreName: "", cadrePhone: "")
    }

    var snapshot: HouseholdSnapshot { HouseholdSnapshot(householdID: householdID, income: income, status: status) }
}

extension MonitorRow: PartRecord {
    static let partHeader = ["household_id", "region_code", "income_per_capita", "status", "township", "village", "head_name", "cadre_name", "cadre_phone"]

    var partFields: [String] {
        [householdID, regionCode, income, status, entry.township, entry.village, entry.headName, entry.cadreName, entry.cadrePhone]
    }

    init?(partFields f: [String]) {
        guard f.count == Self.partHeader.count else { return nil }
        (householdID, regionCode, income, status) = (f[0], f[1], f[2], f[3])
        entry = HouseholdDirectory.Entry(township: f[4], village: f[5], headName: f[6], cadreName: f[7], cadrePhone: f[8])
    }
}

extension MonitoringWriter.Item: PartRecord {
    static var partHeader: [String] { MonitoringWriter.header }
    var partFields: [String] { row }

    init?(partFields f: [String]) {
        guard f.count == MonitoringWriter.header.count else { return nil }
        self.init(row: f)
    }
}
