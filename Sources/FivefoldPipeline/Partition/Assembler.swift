import Foundation
import FivefoldModel
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

/// Pass 3 of a run: assembles the part files of every partition — of one process, or of every
/// shard of a province — into the outputs of SPEC §6. Findings that need all households at once
/// are made here: duplicates (from identity keys, one ID-hash bucket at a time) and village
/// classes (from summed counters). Because the parts do not depend on how households were
/// partitioned or sharded, a merge of N shards writes exactly what one whole run writes.
struct Assembler {
    let config: PipelineConfig
    let inputFolder: String
    let asOf: CivilDate
    let normalizer: FieldNormalizer
    var progress: (String) -> Void = { _ in }
    /// Threads for the duplicate buckets and the corrected dataset.
    var jobs = 1
    /// The village register when the caller has read it already (else it is read here).
    var register: [VillageRecord]?
    /// Signed verdicts (属实 / 不属实) for the findings made here.
    var signed = SignedEvidence()

    /// Writes findings, corrections, worklists, the corrected dataset and summary.json into
    /// `folder` from the parts in `partFolders`; quarantine files are expected there already.
    ///
    /// - Parameter nightly: statuses against the ledger, summary.json's nightly fields and report.html.
    func assemble(partFolders: [String], inputs: [RunSummary.Input], folder: String, timings: [String: Double],
                  nightly: NightlyOutputs? = nil) throws -> RunSummary {
        let started = Date()
        let parts = try partFolders.map { try PartFiles(folder: $0) }
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let context = RuleContext(config: config, asOf: asOf, registries: Registries())
        let worklist = WorklistWriter(maskIDs: config.output.maskIDs)

        var counters = PartCounters()
        for p in parts { counters.add(try p.counters()) }

        // Duplicates first: a person in two households may move (row policy duplicate_person),
        // and the corrected dataset needs the moves.
        let partCorrections = try parts.flatMap { try $0.records("corrections-", as: Correction.self) }
        let duplicates = try duplicateRows(parts, worklist: worklist)
        let corrections = partCorrections + duplicates.moves
        // The corrected dataset re-reads the system input: the longest step, and independent of
        // the rest, so it runs on its own thread meanwhile.
        let correctedFolder = path("corrected")
        let datasetDone = DispatchGroup()
        let datasetError = FirstError()
        datasetDone.enter()
        DispatchQueue.global().async {
            defer { datasetDone.leave() }
            do { try self.writeCorrectedDataset(corrections, folder: correctedFolder) } catch { datasetError.record(error) }
        }
        defer { datasetDone.wait() }

        var findingRows: [FindingRow] = []
        var items: [WorklistWriter.Item] = []
        for p in parts {
            findingRows += try p.records("findings-")
            items += try p.records("worklist-")
        }

        func step(_ what: String) { progress(String(format: "assembling: %@ (%.1f s)", what, Date().timeIntervalSince(started))) }
        step("read findings and worklist items")
        findingRows += duplicates.findings
        items += duplicates.items
        rejudgeSizes(after: duplicates.moved, findingRows: &findingRows, items: &items, worklist: worklist)

        step("duplicates")
        // Villages: incidence from the summed counters against the register.
        let register = try self.register ?? villageRegister()
        let villageRule = VillageClassRule()
        let villages = villageRule.villages(counters: counters.villages, register: register, context: context)
        var sink = FindingSink(config: config)
        villageRule.check(villages, sink: &sink)
        for f in signed.annotated(sink.findings) {
            findingRows.append(FindingRow(f))
            if let item = worklist.item(f, entry: nil) { items.append(item) }
        }

        // Vocabulary gaps, from the summed tallies: one finding per gap instead of its rows.
        let gaps = VocabularyGapRule.gaps(counters.vocabulary, rows: counters.sourceRows, context: context)
        if !gaps.isEmpty {
            var dropped = Set<String>()
            findingRows.removeAll { row in
                guard VocabularyGapRule.isGapRow(row.fields, gaps: gaps)
                    || VocabularyGapRule.isGapMismatchRow(row.fields, gaps: gaps, normalizer: normalizer) else { return false }
                dropped.insert(row.id)
                return true
            }
            items.removeAll { dropped.contains($0.findingID) }
            var gapSink = FindingSink(config: config)
            for f in VocabularyGapRule.findings(gaps, rows: counters.sourceRows, normalizer: normalizer) { gapSink.emit(f) }
            findingRows += gapSink.findings.map(FindingRow.init)
        }

        step("villages; writing \(findingRows.count) findings")
        let status = try nightly?.classify(findingRows) ?? [:]
        try FindingsWriter.write(rows: findingRows.map(\.fields), status: status, to: path("findings.csv"))
        try CorrectionsWriter.write(corrections, to: path("corrections.csv"))
        let worklists = try WorklistWriter.write(items: items, folder: path("worklists"), vocabulary: normalizer.vocabulary)

        step("findings, corrections and worklists written")
        datasetDone.wait()
        step("corrected dataset written")
        if let error = datasetError.error { throw error }

        var byRule: [String: Int] = [:], bySeverity: [String: Int] = [:], byAction: [String: Int] = [:]
        for r in findingRows {
            byRule[r.rule, default: 0] += 1
            bySeverity[r.severity, default: 0] += 1
            byAction[r.action, default: 0] += 1
        }
        var allTimings = timings
        allTimings["assemble"] = Date().timeIntervalSince(started)
        var summary = RunSummary(
            pipeline: config.name, asOf: asOf.iso, inputFolder: inputFolder, inputs: inputs,
            households: counters.households, unregisteredInterviewHouseholds: counters.unregisteredHouseholds,
            findings: findingRows.count, findingsByRule: byRule, findingsBySeverity: bySeverity, findingsByAction: byAction,
            corrections: corrections.count, worklistItems: items.count, worklists: worklists, villages: villages,
            counties: CountyFigures.compute(counters: counters, villages: villages), timingsSeconds: allTimings,
            warnings: inputs.flatMap { $0.warnings ?? [] })
        summary.vocabularyGaps = VocabularyGapRule.summaries(gaps, normalizer: normalizer)
        try nightly?.finish(&summary, findingRows: findingRows, counters: counters, folder: folder)
        try summary.write(to: path("summary.json"))
        return summary
    }

    /// The village register (small: one row per village).
    func villageRegister() throws -> [VillageRecord] {
        guard let table = config.villages else { return [] }
        var result: [VillageRecord] = []
        _ = try TableScanner(inputFolder: inputFolder).scan(table, sourceName: "villages", quarantine: { _ in }) { record in
            guard let code = normalizer.normalize(record.value(.regionCode) ?? "", kind: .regionCode).normalized else { return "missing" }
            result.append(VillageRecord(
                location: record.location, regionCode: code,
                name: normalizer.normalize(record.value(.village) ?? "", kind: .text).normalized ?? "",
                population: normalizer.normalize(record.value(VillageFields.population) ?? "", kind: .integer).normalized.flatMap { Int($0) },
                recordedClass: normalizer.normalize(record.value(VillageFields.villageClass) ?? "", kind: .text).normalized ?? ""))
            return nil
        }
        return result
    }

    /// `corrected/`: the system tables streamed again with the corrections applied.
    func writeCorrectedDataset(_ corrections: [Correction], folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard let system = config.sources.first(where: { $0.id == .system }) else { return }
        let writer = CorrectedDatasetWriter(corrections: corrections, normalizer: normalizer)
        var tables = [(system.households, FieldLevel.household)]
        if let members = system.members { tables.append((members, .member)) }
        let written = tables.filter { $0.0.format != .xml }
        let names = CorrectedDatasetWriter.outputNames(written.map(\.0.file))
        // The household and member tables are independent: written side by side.
        try Parallel.forEach(Array(zip(written, names)), jobs: jobs) { entry, name in
            let (table, level) = entry
            let input = resolve(table.file, against: self.inputFolder)
            var output = (folder as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let counts: CorrectedDatasetWriter.Counts
            if table.format == .xlsx {
                output = (output as NSString).deletingPathExtension + ".csv"
                counts = try writer.writeXLSX(table: table, level: level, inputPath: input, outputPath: output)
            } else {
                counts = try writer.copy(table: table, level: level, inputPath: input, outputPath: output)
            }
            // Row accounting: every logged row removal dropped exactly one row of the copy.
            if level == .member, counts.droppedRows != writer.expectedDrops {
                throw PipelineError(file: table.file, keyPath: "resolution.members",
                                    message: "\(writer.expectedDrops) member rows logged as removed or moved, but \(counts.droppedRows) dropped from corrected/\(name)")
            }
        }
    }
}

extension Assembler {
    /// Duplicates across every partition and shard (`duplicate.person`, `duplicate.household`),
    /// as finding rows and worklist items in bucket order.
    ///
    /// Three steps: the identity keys of each ID bucket are grouped by ID number and only the
    /// groups of two or more are kept (a handful in a province); the households those name are
    /// read from each partition once; then the duplicate rules judge each bucket's rows as
    /// received and as corrected. Buckets are independent and run `jobs` at a time.
    func duplicateRows(_ parts: [PartFiles], worklist: WorklistWriter) throws -> (findings: [FindingRow], items: [WorklistWriter.Item], moves: [Correction], moved: [IdentityRow]) {
        struct Origin: Hashable { var part: Int, partition: Int }
        var keyFiles: [(Origin, String)] = []
        for (k, part) in parts.enumerated() {
            for name in try part.files("ids-", suffix: ".bin") {
                guard let p = Int(name.dropFirst(4).dropLast(4)) else { continue }
                keyFiles.append((Origin(part: k, partition: p), part.folder + "/" + name))
            }
        }
        // 1. Keys whose ID number occurs more than once in their bucket (as received or as corrected).
        var candidates = [[(Origin, IdentityBatch.Key)]](repeating: [], count: PartFiles.idBuckets)
        let lock = NSLock()
        try Parallel.forEach(Array(0..<PartFiles.idBuckets), jobs: jobs) { bucket in
            var keys: [(Origin, IdentityBatch.Key)] = []
            for (origin, path) in keyFiles {
                for key in try IdentityFiles.keys(path: path, bucket: bucket) { keys.append((origin, key)) }
            }
            var received: [UInt64: Int] = [:], corrected: [UInt64: Int] = [:]
            func slot(_ role: IdentityRow.Role, _ id: UInt64) -> UInt64 { role == .head ? id | 1 << 63 : id }
            for (_, key) in keys {
                if key.received != 0, IdentityBatch.bucket(key.received) == bucket { received[slot(key.role, key.received), default: 0] += 1 }
                if key.corrected != 0, IdentityBatch.bucket(key.corrected) == bucket { corrected[slot(key.role, key.corrected), default: 0] += 1 }
            }
            // A head whose ID number is a duplicated member's comes along: a move never takes a head out.
            let kept = keys.filter { _, key in
                (received[slot(key.role, key.received)] ?? 0) > 1 || (corrected[slot(key.role, key.corrected)] ?? 0) > 1
                    || (key.role == .head && (corrected[key.corrected] ?? 0) > 1)
            }
            lock.lock()
            candidates[bucket] = kept
            lock.unlock()
        }
        // 2. The households they name, each partition's file read once.
        var wanted: [Origin: Set<UInt32>] = [:]
        for bucket in candidates {
            for (origin, key) in bucket { wanted[origin, default: []].insert(key.household) }
        }
        var households: [Origin: [UInt32: IdentityBatch.Household]] = [:]
        try Parallel.forEach(Array(wanted.keys), jobs: jobs) { origin in
            let found = try IdentityFiles.households(path: parts[origin.part].folder + "/idhouses-\(origin.partition).bin", wanted: wanted[origin]!)
            lock.lock()
            households[origin] = found
            lock.unlock()
        }
        // 3. The rules, bucket by bucket; a person the registry places in one of their households moves there.
        var bucketRows = [(findings: [FindingRow], items: [WorklistWriter.Item], moves: [Correction], moved: [IdentityRow])](repeating: ([], [], [], []), count: PartFiles.idBuckets)
        let config = self.config
        let signed = self.signed
        var duplicatedIDs = Set<String>()
        for bucket in candidates {
            for (_, key) in bucket where key.role == .member && key.corrected != 0 { duplicatedIDs.insert(PackedID.unpack(key.corrected)) }
        }
        let memberMoves = try MemberMoves.load(config: config, inputFolder: inputFolder, normalizer: normalizer, ids: duplicatedIDs)
        try Parallel.forEach(Array(0..<PartFiles.idBuckets), jobs: jobs) { bucket in
            let keyed = candidates[bucket].map { origin, key in (key: key, row: IdentityBatch.row(key, households[origin]![key.household]!)) }
            let rows = keyed.map(\.row)
            // Each side judges the rows whose ID number of that side falls in this bucket.
            func inBucket(_ id: UInt64) -> Bool { id != 0 && IdentityBatch.bucket(id) == bucket }
            var received = FindingSink(config: config)
            DuplicateRules.check(keyed.filter { inBucket($0.key.received) }.map(\.row), corrected: false, sink: &received)
            let (moves, refused) = memberMoves.moves(keyed.filter { inBucket($0.key.corrected) }.map(\.row))
            let movedOut = Set(moves.map { $0.row.householdID + "\u{1f}" + $0.row.correctedID })
            var corrected = FindingSink(config: config)
            DuplicateRules.check(
                keyed.filter { inBucket($0.key.corrected) && !movedOut.contains($0.row.householdID + "\u{1f}" + $0.row.correctedID) }.map(\.row),
                corrected: true, sink: &corrected)
            var receivedFindings = received.findings
            let corrections = Self.record(moves, policy: memberMoves.policy, in: &receivedFindings)
            for i in receivedFindings.indices where receivedFindings[i].rule == "duplicate.person" {
                if let reason = refused[receivedFindings[i].memberID] { receivedFindings[i].message += "；未自动处理：\(reason)，请入户核实" }
            }
            var found = signed.annotated(CaseEvaluator.reconcile(received: receivedFindings, remaining: corrected.findings))
            Self.flagSourcesStillListing(moves, in: &found)
            var directory: [String: HouseholdDirectory.Entry] = [:]
            for r in rows { directory[r.householdID] = r.entry }
            var out: (findings: [FindingRow], items: [WorklistWriter.Item], moves: [Correction], moved: [IdentityRow]) = ([], [], corrections, moves.map(\.row))
            for f in found {
                out.findings.append(FindingRow(f))
                if let item = worklist.item(f, entry: directory[f.householdID]) { out.items.append(item) }
            }
            lock.lock()
            bucketRows[bucket] = out
            lock.unlock()
        }
        return (bucketRows.flatMap(\.findings), bucketRows.flatMap(\.items), bucketRows.flatMap(\.moves), bucketRows.flatMap(\.moved))
    }

    /// A move corrects the system, but the archive, wall card or interview of the household the
    /// person left may still list them: that finding stays on the worklist and names them.
    static func flagSourcesStillListing(_ moves: [MemberMoves.Move], in findings: inout [Finding]) {
        for move in moves {
            let sources = IdentityBatch.ListedBy.decode(move.row.listedBy)
            guard !sources.isEmpty else { continue }
            for i in findings.indices where findings[i].rule == "duplicate.person" && findings[i].householdID == move.row.householdID
                && findings[i].memberID == move.row.receivedID
            {
                findings[i].action = .worklist
                findings[i].message += "；户\(move.row.householdID)的\(sources.map(\.chineseLabel).joined(separator: "、"))仍列有此人，需更正"
            }
        }
    }

    /// The corrections of a bucket's moves (`member_row` = `moved`), each filed under the
    /// `duplicate.person` finding of the household the row leaves; those findings say so.
    static func record(_ moves: [MemberMoves.Move], policy: MemberRowPolicy.DuplicatePerson, in findings: inout [Finding]) -> [Correction] {
        var corrections: [Correction] = []
        for move in moves {
            let r = move.row
            let others = move.households.filter { $0 != move.keptIn }
            for i in findings.indices where findings[i].rule == "duplicate.person" && (findings[i].memberID == r.receivedID || findings[i].memberID == r.correctedID) {
                let note = "；户籍登记在户\(move.keptIn)：仅保留在该户，已从户\(others.joined(separator: "、"))移除"
                if !findings[i].message.hasSuffix(note) { findings[i].message += note }
            }
            let finding = findings.first { $0.rule == "duplicate.person" && $0.householdID == r.householdID && $0.memberID == r.receivedID }
            corrections.append(Correction(
                findingID: finding?.id ?? "", householdID: r.householdID, memberID: MemberMoves.key(r), field: MemberRowPolicy.field,
                oldValue: "present", newValue: "moved",
                evidence: "hukou=户\(move.keptIn);system=户\(move.households.joined(separator: "、户"))",
                policy: "members.duplicate_person:authoritative=\(policy.authoritative.map(\.rawValue).joined(separator: ","));kept_in=\(move.keptIn)"))
        }
        return corrections
    }

    /// A shard's own summary (its households and findings before the merge) and its description.
    func summarizeShard(parts: PartFiles, inputs: [RunSummary.Input], shard: Shard, timings: [String: Double]) throws -> RunSummary {
        try parts.writeShard(shard)
        let counters = try parts.counters()
        let findings: [FindingRow] = try parts.records("findings-")
        var byRule: [String: Int] = [:]
        for r in findings { byRule[r.rule, default: 0] += 1 }
        return RunSummary(
            pipeline: config.name, asOf: asOf.iso, inputFolder: inputFolder, inputs: inputs, households: counters.households,
            unregisteredInterviewHouseholds: counters.unregisteredHouseholds, findings: findings.count, findingsByRule: byRule,
            findingsBySeverity: [:], findingsByAction: [:], corrections: try parts.records("corrections-", as: Correction.self).count, worklistItems: 0,
            worklists: [:], villages: [], counties: [], timingsSeconds: timings, warnings: inputs.flatMap { $0.warnings ?? [] })
    }
}
