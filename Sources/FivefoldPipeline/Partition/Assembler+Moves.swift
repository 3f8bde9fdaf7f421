import FivefoldModel
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

extension Assembler {
    /// `household.size_mismatch` of the households a move took a member from, judged again on
    /// the corrected household (the partition judged it before the move, which only the assembly
    /// can decide): a mismatch the move resolves is `corrected`, one it makes is reported, and one
    /// it changes states the new count. Worklist items follow their findings.
    func rejudgeSizes(after moved: [IdentityRow], rows: inout Rows, worklist: WorklistWriter) {
        guard !moved.isEmpty else { return }
        var left: [String: (row: IdentityRow, count: Int)] = [:]
        for r in moved { left[r.householdID, default: (r, 0)].count += 1 }
        let rule = RuleID.householdSizeMismatch.rawValue
        for household in left.keys.sorted() {
            let (r, count) = left[household]!
            guard let size = normalizer.normalize(r.size, kind: .integer).normalized.flatMap({ Int($0) }) else { continue }
            let after = r.memberCount - count
            let index = rows.findings.firstIndex { $0.rule == rule && $0.householdID == household }
            var sink = FindingSink(config: config)
            if size != after {
                sink.emit(Finding(
                    rule: rule, severity: .warning, regionCode: r.regionCode, householdID: household, field: FieldID.size.rawValue,
                    values: [(.system, r.size), ("members", String(after))], action: .worklist,
                    message: "系统中家庭人口数为\(r.size)，但列出成员\(after)人"))
            }
            if let index {
                let id = rows.findings[index].id
                rows.items.removeAll { $0.findingID == id }
                if size == after {
                    rows.findings[index].action = FindingAction.corrected.rawValue
                    rows.findings[index].message += "（已由本次更正解决）"
                    continue
                }
                rows.findings.remove(at: index)
            }
            for f in signed.annotated(sink.findings) { rows.add(f, entry: r.entry, worklist: worklist) }
        }
    }
}
