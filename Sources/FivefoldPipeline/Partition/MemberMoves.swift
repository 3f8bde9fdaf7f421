import FivefoldModel
import FivefoldCheck

/// One person in several households (一人多户) settled by the registry (`resolution.members.
/// duplicate_person`): the row stays only in the household the hukou registry names.
///
/// Decided in the assembly, where every household holding the ID number is known at once, so the
/// result does not depend on partitioning or sharding. The registry is read once, for the few ID
/// numbers that are duplicated. A move needs the registry to name exactly one household for the
/// person, that household to list the person once, and the policy to be on; otherwise the
/// `duplicate.person` findings stay on the worklist as before.
struct MemberMoves {
    let policy: MemberRowPolicy.DuplicatePerson
    /// ID number → the households the registry names for it.
    let registered: [String: Set<String>]

    /// A decided move: the row leaves `row.householdID`, the person stays in `keptIn`.
    struct Move {
        var row: IdentityRow
        var keptIn: String
        var households: [String]
    }

    /// Reads the authoritative registry's 户编号 for the given ID numbers (nothing when the policy
    /// is off, or no such registry with a 户编号 column is configured).
    static func load(config: PipelineConfig, inputFolder: String, normalizer: FieldNormalizer, ids: Set<String>) throws -> MemberMoves {
        let policy = config.resolution.members.duplicatePerson
        var registered: [String: Set<String>] = [:]
        let tables = config.registries.filter { r in policy.authoritative.contains { $0.rawValue == r.name } }
        guard policy.enabled, !ids.isEmpty else { return MemberMoves(policy: policy, registered: [:]) }
        for registry in tables where registry.table.fields.contains(where: { $0.field == .householdID }) {
            _ = try TableScanner(inputFolder: inputFolder).scan(registry.table, sourceName: registry.name, quarantine: { _ in }) { record in
                guard let id = IDNumber.parse(record.value(.idNumber) ?? "").normalized, ids.contains(id) else { return nil }
                let household = normalizer.normalize(record.value(.householdID) ?? "", kind: .text).normalized ?? ""
                if !household.isEmpty { registered[id, default: []].insert(household) }
                return nil
            }
        }
        return MemberMoves(policy: policy, registered: registered)
    }

    /// The moves among one bucket's rows (judged on the corrected ID numbers), and for every
    /// duplicated person not moved, why not (Chinese, for the finding's message).
    func moves(_ rows: [IdentityRow]) -> (moves: [Move], refused: [String: String]) {
        guard policy.enabled else { return ([], [:]) }
        var people: [String: [IdentityRow]] = [:]
        var heads = Set<String>()
        for r in rows where !r.correctedID.isEmpty {
            if r.role == .member { people[r.correctedID, default: []].append(r) } else { heads.insert(r.householdID + "\u{1f}" + r.correctedID) }
        }
        var result: [Move] = []
        var refused: [String: String] = [:]
        for id in people.keys.sorted() {
            let entries = people[id]!
            let households = Array(Set(entries.map(\.householdID))).sorted()
            guard households.count > 1 else { continue }
            guard let named = registered[id], !named.isEmpty else {
                refused[id] = "户籍登记中无此人，无法确定归属户"
                continue
            }
            guard named.count == 1, let home = named.first else {
                refused[id] = "户籍登记此人在多户（\(named.sorted().joined(separator: "、"))）"
                continue
            }
            guard households.contains(home) else {
                refused[id] = "户籍登记在户\(home)，不在上述各户中"
                continue
            }
            guard entries.filter({ $0.householdID == home }).count == 1 else {
                refused[id] = "此人在户\(home)中重复登记"
                continue
            }
            let leaving = entries.filter { $0.householdID != home }
            if let head = leaving.first(where: { heads.contains($0.householdID + "\u{1f}" + id) }) {
                refused[id] = "户籍登记在户\(home)，但此人为户\(head.householdID)的户主，不自动移除"
                continue
            }
            for r in leaving { result.append(Move(row: r, keptIn: home, households: households)) }
        }
        return (result, refused)
    }

    /// The row's key in corrections (its received ID number, else its name), as the corrected
    /// dataset writer keys system rows.
    static func key(_ row: IdentityRow) -> String { row.receivedID.isEmpty ? row.name : row.receivedID }
}
