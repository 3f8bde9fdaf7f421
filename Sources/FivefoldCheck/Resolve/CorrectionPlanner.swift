import FivefoldModel

/// Turns disagreements into corrections of the system dataset or worklist items (SPEC §5).
///
/// A settled value that differs from the system's corrects the system and logs a `Correction`;
/// a settled value the system already holds means another source (a wall card, an archive page)
/// needs fixing in the field; an unsettled value goes to the worklist. Every finding's action
/// and message say which.
public struct CorrectionPlanner {
    public let resolver = Resolver()

    public init() {}

    public func plan(_ disagreements: [Disagreement], findings: inout [Finding]) -> [Correction] {
        var corrections: [Correction] = []
        for d in disagreements {
            var finding = findings[d.findingIndex]
            let outcome = resolver.resolve(d.values.map { ($0.source, $0.normalized) }, policy: d.policy)
            switch outcome {
            case .unsettled(let reason):
                finding.action = .worklist
                finding.message += "；\(reason)，请入户核实"
            case .settled(let value, let supporters, let policy):
                let evidence = d.values.filter { supporters.contains($0.source) }
                    .map { "\($0.source.rawValue)=\($0.raw)" + ($0.attribution.map { " (\($0))" } ?? "") }.joined(separator: ";")
                let system = d.values.first { $0.source == .system }
                // A signed field result settles on its own; the correction names who signed it.
                let signer = supporters.contains(.signoff) ? d.values.first { $0.source == .signoff }?.attribution : nil
                let policyText = signer.map { "\(policy);signoff:\($0)" } ?? policy
                let basis = supporters.map { $0 == .signoff && signer != nil ? "签字核实（\(signer!)）" : $0.chineseLabel }.joined(separator: "、")
                if let system, ValueComparator(policy: d.policy).agree(system.normalized, value) {
                    let wrong = d.values.filter { !ValueComparator(policy: d.policy).agree($0.normalized, value) }
                        .map(\.source.chineseLabel).joined(separator: "、")
                    finding.action = .worklist
                    finding.message += "；以\(basis)为准（\(value)），系统无需更正，\(wrong)需更正"
                } else if d.systemHasRecord {
                    // The system is corrected; sources that still disagree need fixing in the
                    // field, so the finding stays on the worklist until they agree.
                    let stillWrong = d.values.filter { $0.source != .system && !ValueComparator(policy: d.policy).agree($0.normalized, value) }
                    if stillWrong.isEmpty {
                        finding.action = .corrected
                        finding.message += "；依据\(basis)将系统值更正为\(value)"
                    } else {
                        finding.action = .worklist
                        finding.message += "；已依据\(basis)将系统值更正为\(value)，\(stillWrong.map(\.source.chineseLabel).joined(separator: "、"))需更正"
                    }
                    corrections.append(Correction(
                        findingID: finding.id, householdID: d.householdID, memberID: d.member?.memberKey ?? "",
                        field: d.field, oldValue: system?.raw ?? "", newValue: value, evidence: evidence, policy: policyText))
                } else {
                    finding.action = .worklist
                    finding.message += "；以\(basis)为准（\(value)），系统中无此记录，请核实"
                }
            }
            findings[d.findingIndex] = finding
        }
        return corrections
    }
}
