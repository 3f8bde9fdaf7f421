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
}
