import FivefoldModel

/// One system member (or household head) as the duplicate rules need it: the ID number as
/// received and as corrected, and where the household is. Partitions store them compactly
/// (`IdentityBatch`); the assembly makes rows only for ID numbers that occur more than once.
package struct IdentityRow: Sendable, Equatable {
    package enum Role: String, Sendable { case member, head }

    package var role: Role
    package var receivedID: String
    package var correctedID: String
    /// `IdentityBatch.ListedBy` bits: the household's other sources that list the member.
    package var listedBy: UInt8 = 0
    package var householdID: String
    package var regionCode: String
    package var name: String
    package var entry: HouseholdDirectory.Entry

    /// The household's 家庭人口数 (raw) and corrected member count, for re-judging a move.
    package var size = ""
    package var memberCount = 0

    package init(
        role: Role, receivedID: String, correctedID: String, listedBy: UInt8 = 0, householdID: String, regionCode: String,
        name: String, entry: HouseholdDirectory.Entry, size: String = "", memberCount: Int = 0
    ) {
        self.role = role
        self.receivedID = receivedID
        self.correctedID = correctedID
        self.listedBy = listedBy
        self.householdID = householdID
        self.regionCode = regionCode
        self.name = name
        self.entry = entry
        self.size = size
        self.memberCount = memberCount
    }

    /// The head's ID number: the household's own field, else the member whose relation is 户主.
    package static func headID(_ record: HouseholdRecord) -> String {
        record[.headID] ?? record.members.first { $0[.relation] == "户主" }?[.idNumber] ?? ""
    }
}
