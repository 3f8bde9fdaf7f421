import FivefoldCheck
import FivefoldModel

/// Rules that cannot judge a household without fields a dump may not have: when the system
/// source does not map one of them, the rule is skipped and the run says so (stderr, summary.json
/// `warnings`), rather than passing every household as clean for want of the field.
extension PipelineConfig {
    /// The system fields (household or member level) each such rule reads.
    static let ruleFields: [(rule: RuleID, fields: [FieldID])] = [
        (.householdYears, [.status, .identifiedYear, .exitYear]),
        (.householdType, [.householdType, .labor]),
        (.householdMeasures, [.measures]),
        (.exitFourLooks, [.status, .houseGrade, .grainKg, .labor]),
    ]

    /// Fields whose column, blank in every row of the system's tables, is an export that left
    /// it out rather than data: the rules reading them would otherwise report every household
    /// (no 六型 category, no 帮扶措施). Other fields may be blank everywhere for good reason
    /// (脱贫年度 in a county with no exits yet), so their rules still run.
    static let blankMeansAbsent: Set<FieldID> = [.householdType, .measures]

    /// Rules switched on whose fields the system source does not map, with the fields missing.
    public var rulesLackingFields: [(rule: RuleID, missing: [FieldID])] {
        guard let system = sources.first(where: { $0.id == .system }) else { return [] }
        var mapped = Set(system.households.fields.map(\.field) + system.households.memberFields.map(\.field))
        if let members = system.members { mapped.formUnion(members.fields.map(\.field)) }
        mapped.subtract(absentSystemFields)
        mapped.subtract(blankSystemFields)
        return Self.ruleFields.compactMap { entry in
            guard rule(entry.rule.rawValue).enabled else { return nil }
            let missing = entry.fields.filter { !mapped.contains($0) }
            return missing.isEmpty ? nil : (entry.rule, missing)
        }
    }

    /// The same pipeline, knowing which optional system fields the dump turned out not to have
    /// (`InputStats.absentFields` of the system's tables): their rules are skipped too.
    public func knowingAbsent(_ stats: [InputStats]) -> PipelineConfig {
        var copy = self
        let system = stats.filter { $0.source == SourceID.system.rawValue }
        let absent: [String] = system.flatMap { $0.absentFields }
        copy.absentSystemFields = Set(absent.map { FieldID(rawValue: $0) })
        let filled = Set(system.flatMap { $0.filledFields })
        copy.blankSystemFields = Set(system.flatMap { $0.blankFields }.filter { !filled.contains($0) }.map { FieldID(rawValue: $0) })
            .intersection(Self.blankMeansAbsent)
        return copy
    }

    /// The rules a run would skip, besides those it skips already, were `field` blank in every
    /// row of the system's tables (nothing unless the field is one of `blankMeansAbsent`).
    func rulesSkipped(ifBlank field: FieldID) -> [RuleID] {
        guard Self.blankMeansAbsent.contains(field) else { return [] }
        let already = Set(rulesLackingFields.map(\.rule))
        var copy = self
        copy.blankSystemFields.insert(field)
        return copy.rulesLackingFields.map(\.rule).filter { !already.contains($0) }
    }

    /// One warning per skipped rule.
    public var ruleFieldWarnings: [String] {
        rulesLackingFields.map { rule, missing in
            let fields = missing.map { "\($0.rawValue) (\(FieldCatalog.chinese($0)))" }.joined(separator: ", ")
            if missing.allSatisfy(blankSystemFields.contains) {
                return "rule \(rule) skipped: the system source's \(fields) \(missing.count == 1 ? "is" : "are") blank in every row; "
                    + "its households are not checked for it (fill the column, or check the export, to run it)"
            }
            let absent = missing.contains(where: absentSystemFields.contains)
            return "rule \(rule) skipped: the system source \(absent ? "has" : "maps") no \(fields); its households are not checked for it (map the column to run it)"
        }
    }
}
