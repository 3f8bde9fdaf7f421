import Foundation
import FivefoldModel
import FivefoldCheck

/// Pass 2 for one partition: reads its spill files back into normalised records, evaluates the
/// households (`CaseEvaluator`), and writes the partition's part files.
struct PartitionWorker {
    let config: PipelineConfig
    let tables: [Partitioner.Table]
    let workFolder: String
    let normalizer: FieldNormalizer
    let evaluator: CaseEvaluator

    func run(partition p: Int, parts: PartFiles) throws {
        var households: [SourceID: [HouseholdRecord]] = [:]
        var registries = Registries()
        var registryValues: [String: PartCounters.RegistryValues] = [:]
        for r in config.registries { registries.declare(SourceID(r.name)) }
        let memo = NormalizationMemo(normalizer: normalizer, capacities: Self.memoSlots.capacities)
        let last = LastValues()
        for table in tables {
            // One keys array per level of a table: a table's household records alternate with
            // their members', and one shared array was rebuilt at every change of level (250 000
            // times at 10 k households).
            let keys = KeyArrays(), memberKeys = KeyArrays()
            let path = Partitioner.spillPath(workFolder, table: table.index, partition: p)
            let source = SourceID(table.source)
            let here = SourceLocation(file: table.config.file, line: 0)
            switch table.kind {
            case .households:
                // Taken out of the dictionary while it grows, so appending never copies it.
                var list: [HouseholdRecord] = households.removeValue(forKey: source) ?? []
                try SpillReader.forEach(path: path) { tag, line, fields in
                    let location = here.at(line: line)
                    if tag == .member, !list.isEmpty {
                        list[list.count - 1].members.append(MemberRecord(source: source, location: location, fields: normalize(fields, .member, memo, last, memberKeys)))
                    } else {
                        list.append(HouseholdRecord(source: source, location: location, fields: normalize(fields, .household, memo, last, keys)))
                    }
                }
                households[source] = list
            case .members:
                var list = households.removeValue(forKey: source) ?? []
                var index: [String: Int] = [:]
                for (i, h) in list.enumerated() where !h.householdID.isEmpty && index[h.householdID] == nil { index[h.householdID] = i }
                // A member table lists a household's members one after another: the household
                // found for the row before is asked first (an equal 户编号 is most often the same
                // string, see `LastValues`), before hashing the key.
                var lastKey: String?, lastIndex = 0
                try SpillReader.forEach(path: path) { _, line, fields in
                    let location = here.at(line: line)
                    let member = MemberRecord(source: source, location: location, fields: normalize(fields, .member, memo, last, keys))
                    let key = member.fields.normalized(.householdID) ?? ""
                    if key == lastKey {
                        list[lastIndex].members.append(member)
                        return
                    }
                    lastKey = key
                    if let i = index[key] {
                        lastIndex = i
                        list[i].members.append(member)
                    } else {
                        lastIndex = list.count
                        // A member whose household row is absent is still evidence: keep it on a
                        // household of its own so unify.missing reports it, never drop it.
                        index[key] = list.count
                        var orphan = HouseholdRecord(source: source, location: location, fields: [.householdID: FieldValue(raw: key, normalized: key)])
                        orphan.members = [member]
                        orphan.isMemberOnly = true
                        list.append(orphan)
                    }
                }
                households[source] = list
            case .registry:
                var tally: [FieldID: PartCounters.RegistryValues] = [:]
                try SpillReader.forEach(path: path) { _, line, fields in
                    let row = MemberRecord(source: source, location: here.at(line: line), fields: normalize(fields, .member, memo, last, keys))
                    Self.tally(row, into: &tally)
                    registries.add(source, row)
                }
                for (field, values) in tally { registryValues[table.source + "\u{1f}" + field.rawValue, default: PartCounters.RegistryValues()].add(values) }
            case .villages:
                break
            }
        }
        var output = evaluator.evaluate(households: households, registries: registries)
        output.counters.registryValues = registryValues
        try parts.write(output, partition: p, maskIDs: config.output.maskIDs)
    }

    /// Counts a registry row's values and those refused, by field (`PartCounters
    /// .registryValues`, one table at a time: keyed by the field's id, whose hash is precomputed;
    /// a "registry/field" string per value cost 0.25 G instructions at 10 k households). Blank
    /// cells are no values.
    static func tally(_ row: MemberRecord, into values: inout [FieldID: PartCounters.RegistryValues]) {
        let fields = row.fields.keys, cells = row.fields.sharedValues
        for i in cells.indices where !cells[i].value.raw.isEmpty {
            values[fields[i], default: PartCounters.RegistryValues()].total += 1
            guard cells[i].value.problem != nil else { continue }
            values[fields[i]]!.refused += 1
            if values[fields[i]]!.example.isEmpty || cells[i].value.raw < values[fields[i]]!.example { values[fields[i]]!.example = cells[i].value.raw }
        }
    }

    /// The memo's slots: one per distinct kind of the coded fields (a value normalises the same
    /// whichever field it is in: the ID numbers of members, heads and registries share one), and
    /// each coded field's slot at each level (-1: not remembered).
    private static let memoSlots: (capacities: [Int], household: [Int], member: [Int]) = {
        var kinds: [FieldKind] = []
        func slot(_ kind: FieldKind) -> Int {
            guard NormalizationMemo.capacity(kind) > 0 else { return -1 }
            if let known = kinds.firstIndex(of: kind) { return known }
            kinds.append(kind)
            return kinds.count - 1
        }
        let household = FieldCodes.householdKinds.map(slot), member = FieldCodes.memberKinds.map(slot)
        return (kinds.map(NormalizationMemo.capacity), household, member)
    }()

    /// The field-key arrays of the last record made, by the fields' codes: consecutive records of
    /// a table usually have the same fields, and then share one keys array.
    final class KeyArrays {
        var codes: [UInt8] = []
        var keys: [FieldID] = []

        func keys(for fields: [SpillReader.Field]) -> [FieldID]? {
            if fields.count == codes.count && zip(fields, codes).allSatisfy({ $0.0.code == $0.1 }) { return keys }
            // A repeated field: no sharing. Codes are bytes, so a 256-bit mask tells (a Set hashed
            // every code of every record whose fields differ from the previous one's).
            var seen: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            for field in fields {
                let bit = UInt64(1) << UInt64(field.code & 63)
                switch field.code >> 6 {
                case 0: if seen.0 & bit != 0 { return nil } else { seen.0 |= bit }
                case 1: if seen.1 & bit != 0 { return nil } else { seen.1 |= bit }
                case 2: if seen.2 & bit != 0 { return nil } else { seen.2 |= bit }
                default: if seen.3 & bit != 0 { return nil } else { seen.3 |= bit }
                }
            }
            codes = fields.map(\.code)
            keys = codes.map { FieldCodes.all[Int($0)] }
            return keys
        }
    }

    private func normalize(_ fields: [SpillReader.Field], _ level: FieldLevel, _ memo: NormalizationMemo, _ last: LastValues, _ keyArrays: KeyArrays) -> FieldMap {
        let isMember = level == .member
        let levelIndex = isMember ? 1 : 0
        let kinds = isMember ? FieldCodes.memberKinds : FieldCodes.householdKinds
        let slots = isMember ? Self.memoSlots.member : Self.memoSlots.household
        var values: [FieldValue.Shared] = []
        values.reserveCapacity(fields.count)
        var anyProblem = false
        for (code, bytes) in fields {
            let c = Int(code)
            let value = last.shared(bytes, level: levelIndex, code: code) {
                slots[c] >= 0
                    ? memo.shared(bytes, kind: kinds[c], slot: slots[c])
                    : FieldValue.Shared(normalizer.normalize(String(decoding: bytes, as: UTF8.self), kind: kinds[c]))
            }
            if value.value.problem != nil { anyProblem = true }
            values.append(value)
        }
        if let keys = keyArrays.keys(for: fields) { return FieldMap(distinctKeys: keys, shared: values, mayHaveProblems: anyProblem) }
        var result = FieldMap()
        for (i, field) in fields.enumerated() { result[FieldCodes.all[Int(field.code)]] = values[i].value }
        return result
    }
}
