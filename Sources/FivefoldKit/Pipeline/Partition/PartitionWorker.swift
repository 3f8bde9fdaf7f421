import Foundation

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
        for r in config.registries { registries.declare(r.name) }
        for table in tables {
            let records = try SpillReader.read(path: Partitioner.spillPath(workFolder, table: table.index, partition: p))
            let source = SourceID(table.source)
            let file = table.config.file
            switch table.kind {
            case .households:
                var list: [HouseholdRecord] = households[source] ?? []
                for r in records {
                    let location = SourceLocation(file: file, line: r.line)
                    if r.tag == .member, !list.isEmpty {
                        list[list.count - 1].members.append(MemberRecord(source: source, location: location, fields: normalize(r, .member)))
                    } else {
                        list.append(HouseholdRecord(source: source, location: location, fields: normalize(r, .household)))
                    }
                }
                households[source] = list
            case .members:
                var list = households[source] ?? []
                var index: [String: Int] = [:]
                for (i, h) in list.enumerated() where !h.householdID.isEmpty && index[h.householdID] == nil { index[h.householdID] = i }
                for r in records {
                    let location = SourceLocation(file: file, line: r.line)
                    let member = MemberRecord(source: source, location: location, fields: normalize(r, .member))
                    let key = member.fields[.householdID]?.normalized ?? ""
                    if let i = index[key] {
                        list[i].members.append(member)
                    } else {
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
                for r in records {
                    registries.add(table.source, MemberRecord(source: source, location: SourceLocation(file: file, line: r.line), fields: normalize(r, .member)))
                }
            case .villages:
                break
            }
        }
        let output = evaluator.evaluate(households: households, registries: registries)
        try parts.write(output, partition: p, maskIDs: config.output.maskIDs)
    }

    private func normalize(_ record: SpillReader.Record, _ level: FieldLevel) -> FieldMap {
        let kinds = level == .household ? FieldCodes.householdKinds : FieldCodes.memberKinds
        var result = FieldMap()
        result.reserveCapacity(record.fields.count)
        for (i, (field, raw)) in record.fields.enumerated() {
            result[field] = normalizer.normalize(raw, kind: kinds[Int(record.codes[i])])
        }
        return result
    }
}
