/// One system member (or household head) as the duplicate rules need it: the ID number as
/// received and as corrected, and where the household is. Partitions store them compactly
/// (`IdentityBatch`); the assembly makes rows only for ID numbers that occur more than once.
struct IdentityRow: Sendable, Equatable {
    enum Role: String, Sendable { case member, head }

    var role: Role
    var receivedID: String
    var correctedID: String
    /// `IdentityBatch.ListedBy` bits: the household's other sources that list the member.
    var listedBy: UInt8 = 0
    var householdID: String
    var regionCode: String
    var name: String
    var entry: HouseholdDirectory.Entry
    /// The household's 家庭人口数 (raw) and corrected member count, for re-judging a move.
    var size = ""
    var memberCount = 0

    /// The head's ID number: the household's own field, else the member whose relation is 户主.
    static func headID(_ record: HouseholdRecord) -> String {
        record[.headID] ?? record.members.first { $0[.relation] == "户主" }?[.idNumber] ?? ""
    }
}
