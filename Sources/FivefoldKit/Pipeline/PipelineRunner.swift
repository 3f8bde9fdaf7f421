import Foundation

/// Runs a pipeline end to end: ingest → normalise → match → rules → resolve → report.
///
/// Outputs are written into a temporary sibling folder and moved into place only when complete,
/// so an interrupted run never leaves a half-written output folder.
public struct PipelineRunner {
    public struct Options: Sendable {
        public var inputFolder: String?
        public var outputFolder: String?
        /// Overrides the pipeline's `as_of` (ISO date).
        public var asOf: String?
        /// The ledger file (default: `<output folder>.ledger.sqlite`).
        public var ledgerPath: String?
        /// Whether to keep a ledger at all (without one every finding is `new`).
        public var useLedger: Bool

        public init(
            inputFolder: String? = nil, outputFolder: String? = nil, asOf: String? = nil, ledgerPath: String? = nil,
            useLedger: Bool = true
        ) {
            self.inputFolder = inputFolder
            self.outputFolder = outputFolder
            self.asOf = asOf
            self.ledgerPath = ledgerPath
            self.useLedger = useLedger
        }
    }

    public let config: PipelineConfig
    public let options: Options
    /// Progress lines for long runs (the CLI prints them to stderr).
    public var progress: (String) -> Void = { _ in }

    public init(config: PipelineConfig, options: Options) {
        self.config = config
        self.options = options
    }

    /// The input folder in effect: `--input`, else the pipeline's `input`.
    public var inputFolder: String {
        get throws {
            if let folder = options.inputFolder { return URL(fileURLWithPath: folder).standardizedFileURL.path }
            if let folder = config.input { return folder }
            throw PipelineError(file: config.path, keyPath: "input", message: "no input folder: give --input DIR or set input in the pipeline")
        }
    }

    /// The output folder in effect: `--out`, else the pipeline's `output.folder`, else `./out`.
    public var outputFolder: String {
        let folder = options.outputFolder ?? config.output.folder ?? "out"
        return URL(fileURLWithPath: folder).standardizedFileURL.path
    }

    /// The date ages are computed at.
    public func asOfDate() throws -> CivilDate {
        if let text = options.asOf ?? config.asOf {
            guard let date = DateParser.parse(text) else {
                throw PipelineError(file: config.path, keyPath: "as_of", message: "expected a date as yyyy-MM-dd, found \"\(text)\"")
            }
            return date
        }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Loads the vocabulary files the pipeline names (the shipped tables when it names none).
    public func loadVocabulary() throws -> Vocabulary {
        var files = config.vocabularyFiles
        if files.isEmpty {
            files = [resolve("vocabulary.yaml", against: URL(fileURLWithPath: config.path).deletingLastPathComponent().path)]
        }
        var vocabulary: Vocabulary?
        for file in files {
            let v: Vocabulary
            do { v = try Vocabulary.load(path: file) } catch {
                throw PipelineError(file: file, keyPath: "vocabulary", message: "\(error)")
            }
            vocabulary = vocabulary.map { $0.merged(with: v) } ?? v
        }
        return vocabulary!
    }

    /// Everything a run produced, before it is written.
    public struct Result: Sendable {
        public var loaded: SourceLoader.Loaded
        public var cases: [HouseholdCase]
        public var unregistered: [HouseholdRecord]
        public var findings: [Finding]
        public var corrections: [Correction]
        public var villages: [VillageClassRule.Village]
    }

    /// Runs every stage in memory and returns the result without writing anything.
    ///
    /// - Parameter signed: signed field results from the ledger, fed into resolution.
    public func evaluate(signed: SignedEvidence = SignedEvidence()) throws -> Result {
        let input = try inputFolder
        let asOf = try asOfDate()
        let normalizer = FieldNormalizer(vocabulary: try loadVocabulary())
        progress("reading sources from \(input)")
        let loaded = try SourceLoader(config: config, inputFolder: input, normalizer: normalizer).loadAll()
        for stats in loaded.inputs {
            progress("  \(stats.file): \(stats.read) read, \(stats.accepted) accepted, \(stats.quarantined) quarantined" + (stats.fatal.map { " — stopped: \($0)" } ?? ""))
        }
        let matched = HouseholdMatcher().match(loaded.households)
        var cases = matched.cases
        let linker = MemberLinker(threshold: config.linkage.threshold, ambiguityMargin: config.linkage.ambiguityMargin, asOf: asOf)
        for i in cases.indices { linker.link(&cases[i], registries: loaded.registries) }
        progress("matched \(cases.count) households, \(matched.unregistered.count) unregistered interview households")

        let context = RuleContext(config: config, asOf: asOf, registries: loaded.registries)
        var sink = FindingSink(config: config)
        var disagreements: [Disagreement] = []
        let memberSources = Set(config.sources.filter { $0.members != nil || $0.households.memberPath != nil }.map(\.id))
        var unify = UnifyRules(sources: config.sources.map(\.id), memberSources: memberSources)
        unify.signed = signed
        let values = ValueRules()
        for c in cases {
            unify.check(c, context: context, sink: &sink, disagreements: &disagreements)
            values.check(c, context: context, sink: &sink)
        }
        var findings = sink.findings
        let corrections = CorrectionPlanner().plan(disagreements, findings: &findings)
        CorrectionApplier.apply(corrections, to: &cases)

        // The rules that judge a household's status read the corrected system data.
        var judged = FindingSink(config: config)
        let caseRules: [CaseRule] = [IDNumberRules(), HouseholdRules(), MemberRules(), RegistryRules(), ExitRules()]
        let fourLooks = FourLooksRule()
        var duplicates = DuplicateRules()
        for c in cases {
            unify.checkCategories(c, context: context, sink: &judged)
            for rule in caseRules { rule.check(c, context: context, sink: &judged) }
            fourLooks.check(c, context: context, sink: &judged)
            duplicates.observe(c)
        }
        for record in matched.unregistered {
            fourLooks.check(unregistered: record, context: context, sink: &judged)
        }
        duplicates.finish(sink: &judged)
        let villageRule = VillageClassRule()
        let villages = villageRule.villages(cases: cases, register: loaded.villages, context: context)
        villageRule.check(villages, sink: &judged)
        findings += judged.findings
        signed.annotate(&findings)
        progress("\(findings.count) findings, \(corrections.count) corrections")
        return Result(loaded: loaded, cases: cases, unregistered: matched.unregistered, findings: findings, corrections: corrections, villages: villages)
    }

    /// Runs the pipeline and writes every output atomically into the output folder.
    @discardableResult
    public func run() throws -> RunSummary {
        let started = Date()
        let session = try LedgerSession(runner: self)
        let result = try evaluate(signed: session.signed)
        let evaluated = Date()
        let out = outputFolder
        let staging = try OutputFolder.prepareStaging(for: out)
        do {
            let summary = try session.record(result.findings, runner: self) { tracking in
                progress("writing outputs")
                let summary = try write(result, to: staging, timings: ["evaluate": evaluated.timeIntervalSince(started)], tracking: tracking)
                return (summary, summary.counts)
            } publish: {
                try OutputFolder.replace(out, with: staging)
            }
            progress("done: \(out)")
            return summary
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    private func write(_ result: Result, to folder: String, timings: [String: Double], tracking: RunTracking) throws -> RunSummary {
        let started = Date()
        let normalizer = FieldNormalizer(vocabulary: try loadVocabulary())
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

        try FindingsWriter.write(result.findings, status: tracking.statuses, to: path("findings.csv"))
        try CorrectionsWriter.write(result.corrections, to: path("corrections.csv"))

        let corrected = path("corrected")
        try FileManager.default.createDirectory(atPath: corrected, withIntermediateDirectories: true)
        let datasetWriter = CorrectedDatasetWriter(corrections: result.corrections, normalizer: normalizer)
        let input = try inputFolder
        if let system = config.sources.first(where: { $0.id == .system }) {
            var tables = [(system.households, FieldLevel.household)]
            if let members = system.members { tables.append((members, .member)) }
            for (table, level) in tables where table.format == .csv {
                let name = (table.file as NSString).lastPathComponent
                try datasetWriter.write(
                    table: table, level: level, inputPath: resolve(table.file, against: input),
                    outputPath: (corrected as NSString).appendingPathComponent(name))
            }
        }

        let directory = HouseholdDirectory(cases: result.cases)
        let worklists = try WorklistWriter(maskIDs: config.output.maskIDs)
            .write(result.findings, directory: directory, folder: path("worklists"))

        for (source, rows) in result.loaded.quarantine.sorted(by: { $0.key < $1.key }) {
            let writer = QuarantineWriter(directory: path("quarantine"), source: source)
            for row in rows { try writer.append(row) }
            try writer.close()
        }

        var byRule: [String: Int] = [:]
        var bySeverity: [String: Int] = [:]
        var byAction: [String: Int] = [:]
        for f in result.findings {
            byRule[f.rule, default: 0] += 1
            bySeverity[f.severity.rawValue, default: 0] += 1
            byAction[f.action.rawValue, default: 0] += 1
        }
        var allTimings = timings
        allTimings["write"] = Date().timeIntervalSince(started)
        var summary = RunSummary(
            pipeline: config.name, asOf: try asOfDate().iso, inputFolder: input,
            inputs: result.loaded.inputs.map {
                RunSummary.Input(source: $0.source, file: $0.file, encoding: $0.encoding, read: $0.read, accepted: $0.accepted, quarantined: $0.quarantined, fatal: $0.fatal)
            },
            households: result.cases.count, unregisteredInterviewHouseholds: result.unregistered.count,
            findings: result.findings.count, findingsByRule: byRule, findingsBySeverity: bySeverity,
            findingsByAction: byAction, corrections: result.corrections.count,
            worklistItems: worklists.values.reduce(0, +), worklists: worklists, villages: result.villages,
            counties: CountyFigures.compute(cases: result.cases, unregistered: result.unregistered, villages: result.villages, findings: result.findings),
            timingsSeconds: allTimings)
        try writeNightlyOutputs(result, tracking: tracking, summary: &summary, folder: folder)
        try summary.write(to: path("summary.json"))
        return summary
    }
}
