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
struct Assembler: Sendable {
    let config: PipelineConfig
    let inputFolder: String
    let asOf: CivilDate
    let normalizer: FieldNormalizer
    var progress: @Sendable (String) -> Void = { _ in }
    /// Threads for the duplicate buckets and the corrected dataset.
    var jobs = 1
    /// The village register when the caller has read it already (else it is read here).
    var register: [VillageRecord]?
    /// Signed verdicts (属实 / 不属实) for the findings made here.
    var signed = SignedEvidence()
    /// The accountability tables when the caller has read them (a merge reads them here,
    /// without quarantine: the shards wrote it).
    var accountability: AccountabilityLoader.Loaded?
    /// Whether `asOf` is the run date (no --as-of, no as_of in the pipeline): then data dated
    /// long before it is warned about (`staleData`).
    var asOfIsRunDate = false
    /// Warnings of the run found before the assembly (files kept from the previous output folder).
    var earlierWarnings: [String] = []

    /// The findings and worklist items of the run as they are assembled.
    struct Rows {
        var findings: [FindingRow] = []
        var items: [WorklistWriter.Item] = []

        /// Adds a finding made in the assembly and its worklist item, if it needs a field visit.
        mutating func add(_ f: Finding, entry: HouseholdDirectory.Entry?, worklist: WorklistWriter) {
            findings.append(FindingRow(f))
            if let item = worklist.item(f, entry: entry) { items.append(item) }
        }
    }

    /// Writes findings, corrections, worklists, the corrected dataset and summary.json into
    /// `folder` from the parts in `partFolders`; quarantine files are expected there already.
    ///
    /// - Parameter nightly: statuses against the ledger, summary.json's nightly fields and report.html.
    func assemble(partFolders: [String], inputs: [RunSummary.Input], folder: String, timings: [String: Double],
                  nightly: NightlyOutputs? = nil) throws -> RunSummary {
        let started = Date()
        func step(_ what: String) { progress(String(format: "assembling: %@ (%.1f s)", what, Date().timeIntervalSince(started))) }
        @Sendable func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let parts = try partFolders.map { try PartFiles(folder: $0) }
        let context = RuleContext(config: config, asOf: asOf, registries: Registries())
        let worklist = WorklistWriter(maskIDs: config.output.maskIDs)
        var counters = PartCounters()
        for p in parts { counters.add(try p.counters(jobs: jobs)) }

        // Duplicates first: a person in two households may move (row policy duplicate_person),
        // and the corrected dataset needs the moves.
        let partCorrections = try parts.flatMap { try $0.records("corrections-", as: Correction.self) }
        let duplicates = try self.duplicates(parts, worklist: worklist)
        let corrections = partCorrections + duplicates.moves
        // The corrected dataset re-reads the system input: the longest step, and independent of
        // the rest, so it runs on its own thread meanwhile.
        let dataset = BackgroundTask { try self.writeCorrectedDataset(corrections, folder: path("corrected")) }
        defer { dataset.wait() }

        var rows = Rows()
        for p in parts {
            rows.findings += try p.records("findings-")
            rows.items += try p.records("worklist-")
        }
        step("read findings and worklist items")
        rows.findings += duplicates.findings
        rows.items += duplicates.items
        rejudgeSizes(after: duplicates.moved, rows: &rows, worklist: worklist)
        step("duplicates")
        let villages = try villageClasses(counters: counters, context: context, rows: &rows, worklist: worklist)
        let gaps = replaceVocabularyGaps(counters: counters, context: context, rows: &rows)
        let monitoring = try monitor(parts, context: context, recorder: nightly?.recorder, rows: &rows, worklist: worklist, path: path("monitoring.csv"))
        step("monitoring")
        let accountability = try self.accountability
            ?? AccountabilityLoader(config: config, inputFolder: inputFolder, normalizer: normalizer).load(quarantineFolder: nil)
        rosterChecks(accountability.book, counters: counters, villages: villages, context: context, rows: &rows, worklist: worklist)

        step("villages; writing \(rows.findings.count) findings")
        let unchecked = config.rulesNotRun.union(accountability.skipped.map(\.rule))
        let status = try nightly?.classify(rows.findings, unchecked: unchecked) ?? [:]
        try FindingsWriter.write(rows: rows.findings.map(\.fields), status: status, to: path("findings.csv"))
        try CorrectionsWriter.write(corrections, to: path("corrections.csv"))
        let worklists = try WorklistWriter.write(
            items: rows.items, folder: path("worklists"), vocabulary: normalizer.vocabulary,
            leaders: leaderColumns(accountability.book, findings: rows.findings),
            run: { [jobs] count, body in try Parallel.forEach(Array(0..<count), jobs: jobs, body) })
        step("findings, corrections and worklists written")
        dataset.wait()
        step("corrected dataset written")
        if let error = dataset.error { throw error }

        var allTimings = timings
        allTimings["assemble"] = Date().timeIntervalSince(started)
        var summary = RunSummary(
            pipeline: config.name, asOf: asOf.iso, inputFolder: inputFolder, inputs: inputs,
            households: counters.households, unregisteredInterviewHouseholds: counters.unregisteredHouseholds,
            findings: rows.findings.count, findingsByRule: [:], findingsBySeverity: [:], findingsByAction: [:],
            corrections: corrections.count, worklistItems: rows.items.count, worklists: worklists, villages: villages,
            counties: CountyFigures.compute(counters: counters, villages: villages), timingsSeconds: allTimings,
            warnings: inputs.flatMap { $0.warnings ?? [] } + config.ruleFieldWarnings)
        for r in rows.findings {
            summary.findingsByRule[r.rule, default: 0] += 1
            summary.findingsBySeverity[r.severity, default: 0] += 1
            summary.findingsByAction[r.action, default: 0] += 1
        }
        summary.vocabularyGaps = VocabularyGapRule.summaries(gaps, normalizer: normalizer)
        let measured = context.settings.rule(.householdMeasures).enabled ? context.lists(.householdMeasures, "categories").map(\.name) : []
        let coverage = MeasureCoverage.compute(counters: counters, categories: measured)
        summary.measureCoverage = coverage.isEmpty ? nil : coverage
        summary.monitoring = monitoring
        summary.skippedChecks = accountability.skipped
        summary.warnings += Self.unmatchedAccountabilityRows(accountability, counters: counters)
        summary.warnings += Self.unmatchedKeys(counters, sources: config.sources.map(\.id))
        if asOfIsRunDate, let warning = Self.staleData(counters, asOf: asOf) { summary.warnings.append(warning) }
        summary.warnings += Self.refusedRegistryValues(counters, registries: config.registries)
        summary.warnings += earlierWarnings
        try nightly?.finish(&summary, findingRows: rows.findings, counters: counters, folder: folder)
        try summary.write(to: path("summary.json"))
        return summary
    }

    /// Village classes: incidence from the summed counters against the register; the villages
    /// for summary.json, their findings added to `rows`.
    private func villageClasses(counters: PartCounters, context: RuleContext, rows: inout Rows, worklist: WorklistWriter) throws -> [VillageClassRule.Village] {
        let register = try self.register ?? villageRegister()
        let rule = VillageClassRule()
        let villages = rule.villages(counters: counters.villages, register: register, context: context)
        var sink = FindingSink(config: config)
        rule.check(villages, sink: &sink)
        for f in signed.annotated(sink.findings) { rows.add(f, entry: nil, worklist: worklist) }
        return villages
    }

    /// Vocabulary gaps, from the summed tallies: one `vocabulary.unknown` finding per gap
    /// replaces the findings (and their worklist items) the gap value raised. Returns the gaps.
    private func replaceVocabularyGaps(counters: PartCounters, context: RuleContext, rows: inout Rows) -> [VocabularyGapRule.Key: VocabularyGapRule.Tally] {
        let gaps = VocabularyGapRule.gaps(counters.vocabulary, rows: counters.sourceRows, context: context)
        guard !gaps.isEmpty else { return gaps }
        var dropped = Set<String>()
        rows.findings.removeAll { row in
            guard VocabularyGapRule.isGapRow(row.fields, gaps: gaps)
                || VocabularyGapRule.isGapMismatchRow(row.fields, gaps: gaps, normalizer: normalizer) else { return false }
            dropped.insert(row.id)
            return true
        }
        rows.items.removeAll { dropped.contains($0.findingID) }
        var sink = FindingSink(config: config)
        for f in VocabularyGapRule.findings(gaps, rows: counters.sourceRows, normalizer: normalizer) { sink.emit(f) }
        rows.findings += sink.findings.map(FindingRow.init)
        return gaps
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
    /// A shard's own summary (its households and findings before the merge) and its description.
    func summarizeShard(parts: PartFiles, inputs: [RunSummary.Input], shard: Shard, settings: String, signed: String, timings: [String: Double]) throws -> RunSummary {
        try parts.writeShard(shard, asOf: asOf.iso, settings: settings, signed: signed)
        let counters = try parts.counters(jobs: jobs)
        let findings: [FindingRow] = try parts.records("findings-")
        var byRule: [String: Int] = [:]
        for r in findings { byRule[r.rule, default: 0] += 1 }
        return RunSummary(
            pipeline: config.name, asOf: asOf.iso, inputFolder: inputFolder, inputs: inputs, households: counters.households,
            unregisteredInterviewHouseholds: counters.unregisteredHouseholds, findings: findings.count, findingsByRule: byRule,
            findingsBySeverity: [:], findingsByAction: [:], corrections: try parts.records("corrections-", as: Correction.self).count, worklistItems: 0,
            worklists: [:], villages: [], counties: [], timingsSeconds: timings, warnings: inputs.flatMap { $0.warnings ?? [] } + config.ruleFieldWarnings)
    }
}
