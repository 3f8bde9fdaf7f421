import FivefoldModel
import FivefoldCheck

extension CaseEvaluator {
    /// The wall card's member names (家庭成员) against the system's, judged again where a row was
    /// added or removed: a disagreement the row change resolved is reported `corrected`.
    static func reconcileMemberNames(_ findings: inout [Finding], cases: [HouseholdCase], corrections: [Correction], policy: FieldPolicy) {
        let households = Set(corrections.filter { $0.field == MemberRowPolicy.field }.map(\.householdID))
        guard !households.isEmpty else { return }
        let byID = Dictionary(cases.map { ($0.householdID, $0) }, uniquingKeysWith: { a, _ in a })
        let comparator = ValueComparator(policy: policy)
        for i in findings.indices where findings[i].ruleID == .unifyMismatch && findings[i].field == FieldID.memberNames.rawValue {
            guard households.contains(findings[i].householdID), let c = byID[findings[i].householdID], let system = c.system else { continue }
            let names = system.members.compactMap { $0[.name] }.sorted().joined(separator: "、")
            let lists = c.records.filter { $0.key != .system }.compactMap { $0.value.fields[.memberNames]?.normalized }
            guard !lists.isEmpty, lists.allSatisfy({ comparator.agree(names, $0) }) else { continue }
            findings[i].action = .corrected
            findings[i].message += "（已由本次成员补录或删除解决）"
        }
    }
}
