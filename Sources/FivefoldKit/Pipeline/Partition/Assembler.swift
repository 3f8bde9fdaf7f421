import Foundation

/// Pass 3 of a run: assembles the part files of every partition — of one process, or of every
/// shard of a province — into the outputs of SPEC §6. Findings that need all households at once
/// are made here: duplicates (from identity rows, one ID-hash bucket at a time) and village
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
    /// Statuses against the ledger, summary.json's nightly fields and report.html.
    var nightly: NightlyOutputs?

    /// Writes findings, corrections, worklists, the corrected dataset and summary.json into
    /// `folder` from the parts in `partFolders`; quarantine files are expected there already.
    func assemble(partFolders: [String], inputs: [RunSummary.Input], folder: String, timings: [String: Double]) throws -> RunSummary {
        let started = Date()
        let parts = try partFolders.map { try PartFiles(folder: $0) }
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let context = RuleContext(config: config, asOf: asOf, registries: Registries())
        let worklist = WorklistWriter(maskIDs: config.output.maskIDs)

        var counters = PartCounters()
        for p in parts { counters.add(try p.counters()) }

        // The corrected dataset re-reads the system input: the longest step, and independent of
        // the rest, so it runs on its own thread meanwhile.
        var correctionRows: [[String]] = []
        for p in parts { correctionRows += try p.rows("corrections-") }
        let corrections = correctionRows.map(CorrectionsWriter.correction)
        let correctedFolder = path("corrected")
        let datasetDone = DispatchGroup()
        let datasetError = FirstError()
        datasetDone.enter()
        DispatchQueue.global().async {
            defer { datasetDone.leave() }
            do { try self.writeCorrectedDataset(corrections, folder: correctedFolder) } catch { datasetError.record(error) }
        }
        defer { datasetDone.wait() }

        var findingRows: [[String]] = []
        var itemRows: [[String]] = []
        for p in parts {
            findingRows += try p.rows("findings-")
            itemRows += try p.rows("worklist-")
        }

        func step(_ what: String) { progress(String(format: "assembling: %@ (%.1f s)", what, Date().timeIntervalSince(started))) }
        step("read findings and worklist items")
        // Duplicates across every partition and shard, one ID bucket at a time; buckets are
        // independent, so they are judged `jobs` at a time and joined in bucket order.
        var idFiles = [[(PartFiles, String)]](repeating: [], count: PartFiles.idBuckets)
        for p in parts {
            for name in try p.files("ids-", suffix: ".csv") {
                guard let bucket = name.dropLast(4).split(separator: "-").last.flatMap({ Int($0) }), bucket < PartFiles.idBuckets else { continue }
                idFiles[bucket].append((p, name))
            }
        }
        var bucketRows = [(findings: [[String]], items: [[String]])](repeating: ([], []), count: PartFiles.idBuckets)
        let lock = NSLock()
        let config = self.config
        let signed = self.signed
        try Parallel.forEach(Array(0..<PartFiles.idBuckets), jobs: jobs) { bucket in
            var rows: [IdentityRow] = []
            for (p, name) in idFiles[bucket] {
                rows += try p.rows(ofFile: name).compactMap(IdentityRow.init(fields:))
            }
            var received = FindingSink(config: config)
            DuplicateRules.check(rows.filter { !$0.receivedID.isEmpty && PartFiles.bucket($0.receivedID) == bucket }, corrected: false, sink: &received)
            var corrected = FindingSink(config: config)
            DuplicateRules.check(rows.filter { !$0.correctedID.isEmpty && PartFiles.bucket($0.correctedID) == bucket }, corrected: true, sink: &corrected)
            let found = signed.annotated(CaseEvaluator.reconcile(received: received.findings, remaining: corrected.findings))
            let households = Set(found.map(\.householdID))
            var directory: [String: HouseholdDirectory.Entry] = [:]
            for r in rows where households.contains(r.householdID) { directory[r.householdID] = r.entry }
            var out: (findings: [[String]], items: [[String]]) = ([], [])
            for f in found {
                out.findings.append(FindingsWriter.row(f))
                if let item = worklist.item(f, entry: directory[f.householdID]) { out.items.append(item.fields) }
            }
            lock.lock()
            bucketRows[bucket] = out
            lock.unlock()
        }
        for out in bucketRows {
            findingRows += out.findings
            itemRows += out.items
        }

        step("duplicates")
        // Villages: incidence from the summed counters against the register.
        let register = try self.register ?? villageRegister()
        let villageRule = VillageClassRule()
        let villages = villageRule.villages(counters: counters.villages, register: register, context: context)
        var sink = FindingSink(config: config)
        villageRule.check(villages, sink: &sink)
        for f in signed.annotated(sink.findings) {
            findingRows.append(FindingsWriter.row(f))
            if let item = worklist.item(f, entry: nil) { itemRows.append(item.fields) }
        }

        step("villages; writing \(findingRows.count) findings")
        let status = try nightly?.classify(findingRows) ?? [:]
        try FindingsWriter.write(rows: findingRows, status: status, to: path("findings.csv"))
        try CorrectionsWriter.write(rows: correctionRows, to: path("corrections.csv"))
        let items = itemRows.compactMap(WorklistWriter.Item.init(fields:))
        let worklists = try WorklistWriter.write(items: items, folder: path("worklists"))

        step("findings, corrections and worklists written")
        datasetDone.wait()
        step("corrected dataset written")
        if let error = datasetError.error { throw error }

        var byRule: [String: Int] = [:], bySeverity: [String: Int] = [:], byAction: [String: Int] = [:]
        for r in findingRows {
            byRule[r[1], default: 0] += 1
            bySeverity[r[2], default: 0] += 1
            byAction[r[8], default: 0] += 1
        }
        var allTimings = timings
        allTimings["assemble"] = Date().timeIntervalSince(started)
        var summary = RunSummary(
            pipeline: config.name, asOf: asOf.iso, inputFolder: inputFolder, inputs: inputs,
            households: counters.households, unregisteredInterviewHouseholds: counters.unregisteredHouseholds,
            findings: findingRows.count, findingsByRule: byRule, findingsBySeverity: bySeverity, findingsByAction: byAction,
            corrections: correctionRows.count, worklistItems: items.count, worklists: worklists, villages: villages,
            counties: CountyFigures.compute(counters: counters, villages: villages), timingsSeconds: allTimings)
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
        for (table, level) in tables where table.format == .csv {
            let name = (table.file as NSString).lastPathComponent
            try writer.write(table: table, level: level, inputPath: resolve(table.file, against: inputFolder),
                             outputPath: (folder as NSString).appendingPathComponent(name))
        }
    }
}

extension Assembler {
    /// A shard's own summary (its households and findings before the merge) and its description.
    func summarizeShard(parts: PartFiles, inputs: [RunSummary.Input], shard: Shard, timings: [String: Double]) throws -> RunSummary {
        try parts.writeShard(shard)
        let counters = try parts.counters()
        let findings = try parts.rows("findings-")
        var byRule: [String: Int] = [:]
        for r in findings { byRule[r[1], default: 0] += 1 }
        return RunSummary(
            pipeline: config.name, asOf: asOf.iso, inputFolder: inputFolder, inputs: inputs, households: counters.households,
            unregisteredInterviewHouseholds: counters.unregisteredHouseholds, findings: findings.count, findingsByRule: byRule,
            findingsBySeverity: [:], findingsByAction: [:], corrections: try parts.rows("corrections-").count, worklistItems: 0,
            worklists: [:], villages: [], counties: [], timingsSeconds: timings)
    }
}
