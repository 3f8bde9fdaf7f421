import FivefoldModel
import FivefoldCheck

extension Assembler {
    /// A warning for each source (of at least 10 households with a 户编号) whose keys the system
    /// mostly does not hold. Keys written another way than the system's — a prefix, a lost leading
    /// zero, another numbering, a decimal suffix the scan did not recognise — read as households
    /// missing from the system and the system's missing from that source: a worklist of false
    /// findings with exit 0. Real data matches nearly every key (the interview's unregistered
    /// households have none).
    static func unmatchedKeys(_ counters: PartCounters, sources: [SourceID]) -> [String] {
        let system = counters.keys[SourceID.system.rawValue]
        var warnings: [String] = []
        for source in sources where source != .system {
            guard let entry = counters.keys[source.rawValue], entry.keyed >= 10, entry.matched * 2 < entry.keyed else { continue }
            var text = "\(source.rawValue) (\(source.chineseLabel)): \(entry.matched) of \(entry.keyed) households have a 户编号 the system holds"
            if !entry.example.isEmpty, let example = system?.example, !example.isEmpty {
                text += " (the \(source.rawValue)'s first: \(entry.example); the system's: \(example))"
            }
            text += "; each of the others is reported missing from the system, and the system's households missing from the \(source.rawValue). "
                + "If they are the same households, the keys are written differently or 户编号 is mapped to the wrong column (fivefold inspect shows the values)"
            warnings.append(text)
        }
        return warnings
    }

    /// A warning when as_of is the run date but the newest 走访日期 / 核查日期 in the data is more
    /// than a year older. Last year's dump run without --as-of had every age, school age and exit
    /// deadline computed for today, and an interview without its own date had its told ages
    /// compared with today's: the sample gave 226 findings instead of 59 (171 false age
    /// mismatches), exit 0, nothing said.
    static func staleData(_ counters: PartCounters, asOf: CivilDate) -> String? {
        guard let newest = DateParser.parse(counters.newestOwnDate), asOf.daysSinceEpoch - newest.daysSinceEpoch > 365 else { return nil }
        let label = counters.newestOwnDateSource == SourceID.interview.rawValue ? "走访日期" : "核查日期"
        let years = (asOf.daysSinceEpoch - newest.daysSinceEpoch) / 365
        return "as_of is the run date, \(asOf.iso), but the newest date the data holds is \(newest.iso) (\(label), \(counters.newestOwnDateSource)), "
            + "\(years) year\(years == 1 ? "" : "s") earlier: ages, school ages, exit deadlines and every age told without a date of its own are computed for \(asOf.iso). "
            + "If the data was taken around \(newest.iso), run with --as-of (the date it was taken, e.g. \(newest.year)-12-31) or pin as_of in the pipeline"
    }

    /// A warning for each registry column with values that could not be read. Registries raise
    /// no value.invalid, so a value no code list or form knows (参保状态 断保, a capital 50万元
    /// before 3045f9f) was as if the cell were blank: the rule that needed it did not fire, exit 0,
    /// fewer findings, nothing said.
    static func refusedRegistryValues(_ counters: PartCounters, registries: [RegistryConfig]) -> [String] {
        var warnings: [String] = []
        for registry in registries {
            for (field, headers) in registry.table.fields {
                guard let v = counters.registryValues[registry.name + "\u{1f}" + field.rawValue], v.refused > 0 else { continue }
                warnings.append("\(registry.table.file) \(headers.first ?? field.rawValue) (\(field.rawValue)): \(v.refused) of \(v.total) values of the rows read could not be read "
                    + "(first: \(v.example)); those rows count as blank there, so the checks that need the column do not fire for them: "
                    + "add the values to the vocabulary (pipelines/vocabulary.yaml) or correct the registry extract")
            }
        }
        return warnings
    }
}
