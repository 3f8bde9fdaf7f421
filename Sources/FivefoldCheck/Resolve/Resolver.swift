import FivefoldModel

/// 大纠错: decides, per field policy (SPEC §5), whether disagreeing sources settle a value.
///
/// The most trusted source that holds the field decides, if it is authoritative on its own (a
/// signed field result always is) or backed by at least `min_agree` agreeing sources, itself
/// included. Otherwise the field is not settled and goes to a worklist. A field whose policy
/// forbids automatic correction (status, attribute) is never settled here.
public struct Resolver: Sendable {
    public init() {}

    public enum Outcome: Equatable, Sendable {
        /// The value to keep, the sources that support it, and a description of the policy used.
        case settled(value: String, supporters: [SourceID], policy: String)
        case unsettled(reason: String)
    }

    public func resolve(_ values: [(source: SourceID, value: String)], policy: FieldPolicy) -> Outcome {
        let comparator = ValueComparator(policy: policy)
        let clusters = comparator.clusters(values)
        // A signed field result is the field visit such a field waits for: it settles even here.
        guard policy.autoCorrect || values.contains(where: { $0.source == .signoff }) else {
            return .unsettled(reason: "该字段不自动更正，须实地核实")
        }
        let authoritative = Set(policy.authoritative + [.signoff])
        let trust = [SourceID.signoff] + policy.trust.filter { $0 != .signoff }
        // An invalid value never settles anything (its marker starts with NUL).
        let usable = values.filter { !$0.value.hasPrefix("\u{0}") }
        guard let top = trust.first(where: { s in usable.contains { $0.source == s } }),
            let topValue = values.first(where: { $0.source == top })?.value,
            let cluster = clusters.first(where: { $0.sources.contains(top) })
        else {
            return .unsettled(reason: "没有可信来源")
        }
        let policyText = "trust:" + trust.filter { s in values.contains { $0.source == s } }.map(\.rawValue).joined(separator: ">")
        if authoritative.contains(top) {
            return .settled(value: topValue, supporters: cluster.sources, policy: policyText + ";authoritative:\(top.rawValue)")
        }
        if cluster.sources.count >= policy.minAgree {
            return .settled(value: topValue, supporters: cluster.sources, policy: policyText + ";min_agree:\(policy.minAgree)")
        }
        return .unsettled(reason: "最可信来源\(top.chineseLabel)缺少佐证")
    }
}
