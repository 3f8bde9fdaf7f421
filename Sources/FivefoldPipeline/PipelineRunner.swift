import Foundation
import FivefoldModel
import FivefoldIO
import FivefoldReport

/// Runs a pipeline end to end: ingest → normalise → match → rules → resolve → report.
///
/// Three passes keep memory bounded by a partition, not by the province: pass 1 scans every
/// input once and routes records to partition files by 户编号 hash (`Partitioner`); pass 2
/// evaluates the partitions in parallel (`PartitionWorker`, `CaseEvaluator`); pass 3 assembles
/// the outputs (`Assembler`). Outputs are written into a staging folder and moved into place
/// only when complete, so an interrupted run never leaves a half-written output folder.
/// With `shard`, a run stops after pass 2 and leaves its parts for `merge`.
public struct PipelineRunner {
    public struct Options: Sendable {
        public var inputFolder: String?
        public var outputFolder: String?
        /// Overrides the pipeline's `as_of` (ISO date).
        public var asOf: String?
        /// Threads for scanning and evaluation (default: the machine's cores).
        public var jobs: Int?
        /// Number of partitions (default: from the input size); never changes the results.
        public var partitions: Int?
        /// Process one county slice of the province and leave parts for `merge`.
        public var shard: Shard?
        /// The ledger file (default: `<output folder>.ledger.sqlite`).
        public var ledgerPath: String?
        /// Whether to keep a ledger at all (without one every finding is `new`).
        public var useLedger: Bool
        /// Record a run whose system holds far fewer households than the ledger's last run
        /// (`LedgerSession.shrinkLimit`); otherwise such a run stops before recording.
        public var acceptFewerHouseholds = false
        /// Record a run as of a date before the ledger's last run (`LedgerSession.checkAsOf`);
        /// otherwise such a run stops before recording.
        public var acceptEarlierDate = false

        public init(inputFolder: String? = nil, outputFolder: String? = nil, asOf: String? = nil, jobs: Int? = nil,
                    partitions: Int? = nil, shard: Shard? = nil, ledgerPath: String? = nil, useLedger: Bool = true,
                    acceptFewerHouseholds: Bool = false, acceptEarlierDate: Bool = false) {
            self.acceptFewerHouseholds = acceptFewerHouseholds
            self.acceptEarlierDate = acceptEarlierDate
            self.inputFolder = inputFolder
            self.outputFolder = outputFolder
            self.asOf = asOf
            self.jobs = jobs
            self.partitions = partitions
            self.shard = shard
            self.ledgerPath = ledgerPath
            self.useLedger = useLedger
        }
    }

    public let config: PipelineConfig
    public let options: Options
    /// Progress lines for long runs (the CLI prints them to stderr).
    public var progress: @Sendable (String) -> Void = { _ in }

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

    /// A fingerprint of what the pipeline is made of: the contents of the pipeline file and of
    /// its vocabulary files (not their paths, which differ between cluster nodes).
    func settingsFingerprint() -> String {
        var h = XXHash64()
        for file in [config.path] + vocabularyPaths {
            let data = FileManager.default.contents(atPath: file) ?? Data()
            h.update("\(data.count)\n")
            h.update(data)
        }
        return h.hexDigest()
    }

    /// Stops before reading anything when the output folder would take with it what a run must
    /// keep: the input, the pipeline and vocabulary files, the ledger (when kept), `also`, or an
    /// existing folder of other files (`OutputFolder.refusal`).
    func checkOutputFolder(ledger: Bool, also: [(what: String, path: String)] = []) throws {
        var keep: [(what: String, path: String)] = [("the input folder", try inputFolder), ("the pipeline file", config.path)]
        keep += vocabularyPaths.map { ("the vocabulary file", $0) }
        if ledger { keep.append(("the ledger", ledgerPath)) }
        guard let reason = OutputFolder.refusal(for: outputFolder, keeping: keep + also) else { return }
        let (file, keyPath) = options.outputFolder != nil ? ("--out", "") : (config.path, "output.folder")
        throw PipelineError(file: file, keyPath: keyPath, message: reason)
    }

    public var jobs: Int { max(1, options.jobs ?? ProcessInfo.processInfo.activeProcessorCount) }

    /// The date ages are computed at.
    ///
    /// A date before 建档立卡 began (2014) or after the end of this year is refused: it is a typo
    /// (2062 or 2027 for 2026, 2002 for 2020), and every age, exit deadline and monitoring window
    /// computed at it would put false findings on the worklists with exit 0. A date later this
    /// year stays possible (a preview of the year-end 动态调整 at 12-31).
    public func asOfDate(today: CivilDate = .today()) throws -> CivilDate {
        guard let text = options.asOf ?? config.asOf else { return today }
        // Said where the date came from: the command line or the pipeline's as_of.
        let (file, keyPath) = options.asOf != nil ? ("--as-of", "") : (config.path, "as_of")
        guard let date = DateParser.parse(text) else {
            throw PipelineError(file: file, keyPath: keyPath, message: "expected a date as yyyy-MM-dd, found \"\(text)\"")
        }
        if date < Self.earliestAsOf {
            throw PipelineError(file: file, keyPath: keyPath, message: "\(date.iso) is before 建档立卡 began (2014): give the date the data was taken, as yyyy-MM-dd")
        }
        let latest = Self.latestAsOf(today: today)
        if latest < date {
            throw PipelineError(file: file, keyPath: keyPath, message: "\(date.iso) is after \(latest.iso) (today is \(today.iso)): ages, exit deadlines and monitoring windows would be computed for a date that has not come; give the date the data was taken, as yyyy-MM-dd")
        }
        return date
    }

    /// The last day an as-of date may name: the end of this year (a preview of the year-end
    /// 动态调整), or a month from today in late December.
    static func latestAsOf(today: CivilDate) -> CivilDate {
        max(CivilDate(year: today.year, month: 12, day: 31)!, today.adding(days: 31))
    }

    /// The first day an as-of date may name: 建档立卡 began in 2014.
    static let earliestAsOf = CivilDate(year: 2014, month: 1, day: 1)!

    /// The vocabulary files the pipeline names, else the vocabulary.yaml beside it.
    var vocabularyPaths: [String] {
        config.vocabularyFiles.isEmpty
            ? [resolve("vocabulary.yaml", against: URL(fileURLWithPath: config.path).deletingLastPathComponent().path)]
            : config.vocabularyFiles
    }

    /// Loads the vocabulary files the pipeline names (the shipped tables when it names none).
    public func loadVocabulary() throws -> Vocabulary {
        var files = config.vocabularyFiles
        if files.isEmpty {
            let beside = vocabularyPaths[0]
            // A pipeline outside pipelines/ that names no vocabulary: say what is missing and where
            // it was looked for, rather than failing on a file the user never wrote.
            guard FileManager.default.fileExists(atPath: beside) else {
                throw PipelineError(
                    file: config.path, keyPath: "vocabulary",
                    message: "the pipeline names no vocabulary (synonym tables) and there is no vocabulary.yaml beside it (looked for \(beside)); "
                        + "add `vocabulary: PATH` naming the shipped pipelines/vocabulary.yaml (relative to this pipeline file) or your own copy")
            }
            files = [beside]
        }
        var vocabulary: Vocabulary?
        for file in files {
            let v: Vocabulary
            do { v = try Vocabulary.load(path: file) } catch {
                throw PipelineError(file: file, keyPath: "vocabulary", message: "\(error)")
            }
            vocabulary = vocabulary.map { $0.merged(with: v) } ?? v
        }
        // A code list the canonical model needs and the vocabulary lacks (a replacement file
        // written before the list existed, e.g. ethnicity): every value of its field was refused
        // ("代码表 … 未定义") with exit 0. `fivefold check` said so; a run now stops saying it.
        if let missing = Vocabulary.requiredTables.first(where: { vocabulary!.table($0) == nil }) {
            throw PipelineError(
                file: files.last!, keyPath: "vocabularies.\(missing)",
                message: "the vocabulary has no code list \(missing), which the canonical model needs: copy it from the shipped pipelines/vocabulary.yaml, "
                    + "or extend the shipped vocabulary instead of replacing it (vocabulary: {file: vocabulary.yaml, extend: [yours.yaml]})")
        }
        return vocabulary!
    }

    /// Partitions: as given, else about one per 6 MB of input (a couple of thousand households),
    /// at least two per thread. Smaller partitions keep a worker's records in cache (measured:
    /// a tenth less evaluation time than 16 MB ones); more of them costs open files, so the
    /// count also stays within the descriptors the process may open (`openFileBudget`).
    func partitionCount(input: String) -> Int {
        if let p = options.partitions {
            _ = Self.openFileBudget(p * (jobs + 1))  // as asked, with the descriptors it needs if allowed
            return max(1, p)
        }
        var bytes = 0
        for table in Partitioner.tables(config) {
            let path = resolve(table.config.file, against: input)
            bytes += fileSize(path)
        }
        let wanted = min(4096, max(jobs * 2, bytes / (6 << 20) + 1))
        return max(1, min(wanted, Self.openFileBudget(wanted * (jobs + 1)) / (jobs + 1)))
    }

    /// The scan keeps one work file open per partition for each table it is reading (`jobs` at
    /// a time): asks for `wanted` descriptors (raising the soft limit towards the hard one) and
    /// returns how many it may use, leaving room for inputs, outputs and the ledger.
    static func openFileBudget(_ wanted: Int) -> Int {
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return 1024 - 128 }
        let needed = rlim_t(wanted + 128)
        if limit.rlim_cur < needed {
            var raised = limit
            raised.rlim_cur = min(needed, limit.rlim_max)
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return max(0, Int(clamping: limit.rlim_cur) - 128)
    }

    /// Runs the pipeline and writes every output atomically into the output folder. For a shard,
    /// the output folder receives the shard's parts and quarantine instead, and the summary
    /// returned covers the shard's inputs only.
    @discardableResult
    public func run() throws -> RunSummary {
        let started = Date()
        let input = try inputFolder
        let asOf = try asOfDate()
        let normalizer = FieldNormalizer(vocabulary: try loadVocabulary())
        let out = outputFolder
        // `--shard 0/1` is a shard like any other (its parts, then `fivefold merge` of one folder),
        // so a Slurm array or an indexed Job with one task works end to end.
        let shard = options.shard ?? .whole
        let isShard = options.shard != nil
        try checkOutputFolder(ledger: options.useLedger && !isShard)
        let kept = isShard ? nil : try OutputFolder.keepTouchedFiles(out)
        let staging = try OutputFolder.prepareStaging(for: out)
        // A run that fails (an unusable input or mapping: exit 2) leaves no staging folder behind.
        do {
            return try run(started: started, input: input, asOf: asOf, normalizer: normalizer, staging: staging, shard: shard, isShard: isShard,
                           kept: kept)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    private func run(started: Date, input: String, asOf: CivilDate, normalizer: FieldNormalizer, staging: String, shard: Shard, isShard: Bool,
                     kept: String?) throws -> RunSummary {
        let out = outputFolder
        let work = OutputFolder.workPath(for: out)
        let fm = FileManager.default
        try? fm.removeItem(atPath: work)
        try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: work) }

        let partitions = partitionCount(input: input)
        progress("reading sources from \(input) (\(partitions) partitions, \(jobs) threads\(isShard ? ", shard \(shard)" : ""))")
        let partitioner = Partitioner(
            config: config, inputFolder: input, workFolder: work, partitions: partitions, shard: shard, jobs: jobs,
            normalizer: normalizer, quarantineFolder: staging + "/quarantine", progress: progress)
        // The accountability tables (small, optional) are read whole before the sources, so a
        // mistyped header stops the run at once; their accounting follows the sources' in
        // summary.json.
        let accountability = try AccountabilityLoader(config: config, inputFolder: input, normalizer: normalizer)
            .load(quarantineFolder: staging + "/quarantine")
        let stats = try partitioner.run() + accountability.stats
        let scanned = Date()
        // Rules whose optional fields the system tables turned out not to have are skipped.
        let config = self.config.knowingAbsent(stats)
        // The ledger is opened (and created) only once every input has been read and its mapping
        // judged: a run that stops on a configuration error writes nothing at all.
        // One run records into a ledger at a time: taken with the ledger, held to the end.
        let lock = options.useLedger && !isShard ? try LedgerLock(ledgerPath: ledgerPath) : nil
        defer { withExtendedLifetime(lock) {} }
        let session = try LedgerSession(runner: self, recording: !isShard)
        let rows = stats.map { (source: $0.source, file: $0.file, accepted: $0.accepted) }
        try session.checkAsOf(runner: self)
        try session.checkHouseholdCount(rows, runner: self)

        let partsFolder = isShard ? staging + "/_parts" : work + "/_parts"
        let parts = try PartFiles(folder: partsFolder)
        try parts.writeInputs(stats)
        try parts.writeFieldPresence(stats)
        // One assembler for the run: it reads the village register now (the evaluation names
        // villages from it) and keeps it for pass 3.
        var assembler = Assembler(config: config, inputFolder: input, asOf: asOf, normalizer: normalizer)
        assembler.asOfIsRunDate = (options.asOf ?? config.asOf) == nil
        assembler.earlierWarnings = kept.map { [$0] } ?? []
        assembler.progress = progress
        assembler.jobs = jobs
        assembler.signed = session.signed
        assembler.accountability = accountability
        let register = try assembler.villageRegister()
        assembler.register = register
        var evaluator = CaseEvaluator(config: config, asOf: asOf, signed: session.signed)
        evaluator.villageNames = Dictionary(register.map { ($0.regionCode, $0.name) }, uniquingKeysWith: { first, _ in first })
        evaluator.accountability = accountability.book
        let worker = PartitionWorker(
            config: config, tables: Partitioner.tables(config), workFolder: work, normalizer: normalizer, evaluator: evaluator)
        let done = Counter()
        let progress = self.progress
        try Parallel.forEach(Array(0..<partitions), jobs: jobs) { p in
            try worker.run(partition: p, parts: parts)
            let n = done.increment()
            if partitions >= 8, n % max(1, partitions / 8) == 0 || n == partitions { progress("evaluated \(n)/\(partitions) partitions") }
        }
        let evaluated = Date()
        let timings = ["scan": scanned.timeIntervalSince(started), "evaluate": evaluated.timeIntervalSince(scanned)]
        // Every spill file has been read: they are removed on a thread of their own while the
        // assembly, mostly on one core, goes on. Removed at the end with the work folder, they
        // held up the run's exit (1 M households: 3 GB in ~7 500 files, 2.9 s). Waited for
        // before the work folder itself is removed (deferred actions run last first).
        let spills = BackgroundTask { [work, tables = worker.tables] in Partitioner.removeSpills(work, tables: tables) }
        defer { spills.wait() }

        let summary: RunSummary
        if isShard {
            summary = try assembler.summarizeShard(parts: parts, inputs: stats.map(RunSummary.Input.init), shard: shard, settings: settingsFingerprint(),
                                                   signed: session.signed.fingerprint, timings: timings)
            try OutputFolder.replace(out, with: staging).finish()
        } else {
            summary = try session.record(runner: self, staging: staging, rows: rows) { nightly in
                try assembler.assemble(
                    partFolders: [partsFolder], inputs: stats.map(RunSummary.Input.init), folder: staging, timings: timings, nightly: nightly)
            }
        }
        progress("done: \(out)")
        return summary
    }

    /// Combines the output folders of `fivefold run --shard i/N` (every i of one N) into exactly
    /// the outputs of one whole run.
    @discardableResult
    public func merge(shardFolders: [String]) throws -> RunSummary {
        // Without a date of its own, the merge takes the shards' (checked below to be one date):
        // a merge started after midnight would otherwise compute at another day than its shards.
        if options.asOf == nil, config.asOf == nil, let first = shardFolders.first,
           let shardsAsOf = try? PartFiles(folder: URL(fileURLWithPath: first).standardizedFileURL.path + "/_parts").shardDescription().asOf
        {
            var pinned = options
            pinned.asOf = shardsAsOf
            return try PipelineRunner(config: config, options: pinned).merge(shardFolders: shardFolders)
        }
        let started = Date()
        let input = try inputFolder
        let asOf = try asOfDate()
        let normalizer = FieldNormalizer(vocabulary: try loadVocabulary())
        let parts = shardFolders.map { URL(fileURLWithPath: $0).standardizedFileURL.path + "/_parts" }
        var shards: [Shard] = []
        var inputs: [RunSummary.Input]?
        let settings = settingsFingerprint()
        var made: (asOf: String, settings: String, signed: String?, shard: Shard)?
        for folder in parts {
            let p = try PartFiles(folder: folder)
            guard FileManager.default.fileExists(atPath: folder + "/shard.json") else {
                throw PipelineError(file: folder, keyPath: "", message: "not a shard output folder (no _parts/shard.json): run `fivefold run --shard i/N` first")
            }
            // One date and one pipeline for every shard and the merge: shards of one array that
            // ran on either side of midnight without --as-of, or with the pipeline edited between
            // tasks, merged with exit 0 into findings computed at two dates (878 against 29 on
            // 400 generated households).
            let description = try p.shardDescription()
            let shard = Shard(index: description.index, count: description.count)
            guard let shardAsOf = description.asOf, let shardSettings = description.settings else {
                throw PipelineError(file: folder + "/shard.json", keyPath: "", message: "written by an older fivefold (no as_of): run the shards again with this one")
            }
            if let made, made.asOf != shardAsOf {
                throw PipelineError(
                    file: String(folder.dropLast("/_parts".count)), keyPath: "",
                    message: "shard \(shard) ran as of \(shardAsOf), shard \(made.shard) as of \(made.asOf): every shard and the merge must use one date (ages, deadlines and windows are computed at it); give each the same --as-of")
            }
            if let made, made.settings != shardSettings {
                throw PipelineError(
                    file: String(folder.dropLast("/_parts".count)), keyPath: "",
                    message: "shard \(shard) ran with other pipeline or vocabulary files than shard \(made.shard) (their contents differ): run every shard with the same files")
            }
            if let made, made.signed != description.signed {
                throw PipelineError(
                    file: String(folder.dropLast("/_parts".count)), keyPath: "",
                    message: "shard \(shard) resolved with other signed results (fivefold signoff) than shard \(made.shard): give every shard the ledger the merge records into, and run them again")
            }
            made = made ?? (shardAsOf, shardSettings, description.signed, shard)
            shards.append(shard)
            let these = try p.inputs()
            if let inputs, inputs != these {
                throw PipelineError(file: folder, keyPath: "", message: "this shard read different input files than the first shard; every shard must read the same input")
            }
            inputs = these
        }
        if let made, made.asOf != asOf.iso {
            let (file, keyPath) = options.asOf == nil ? (config.path, "as_of") : ("--as-of", "")
            throw PipelineError(
                file: file, keyPath: keyPath,
                message: "the shards ran as of \(made.asOf), this merge as of \(asOf.iso): give the merge --as-of \(made.asOf), the date the shards used")
        }
        if let made, made.settings != settings {
            throw PipelineError(
                file: config.path, keyPath: "",
                message: "this pipeline or its vocabulary files differ from the ones the shards ran with: merge with the files the shards used")
        }
        let count = shards.first?.count ?? 0
        let indexes = Set(shards.map(\.index))
        guard count > 0, shards.allSatisfy({ $0.count == count }), indexes == Set(0..<count), shards.count == count else {
            throw PipelineError(
                file: shardFolders.joined(separator: " "), keyPath: "",
                message: "expected the outputs of shards 0…N-1 of one N, found \(shards.map(\.description).sorted().joined(separator: ", "))")
        }
        let out = outputFolder
        try checkOutputFolder(ledger: options.useLedger, also: shardFolders.map { ("the shard output folder", $0) })
        let kept = try OutputFolder.keepTouchedFiles(out)
        let lock = options.useLedger ? try LedgerLock(ledgerPath: ledgerPath) : nil
        defer { withExtendedLifetime(lock) {} }
        let session = try LedgerSession(runner: self, recording: true)
        // Shards resolve with the signed results they read; run with --no-ledger (as the Slurm and
        // Kubernetes files did), they read none, and the merge recorded a run whose outputs ignored
        // every signature in its ledger, with exit 0.
        if let made, let shardsSigned = made.signed, shardsSigned != session.signed.fingerprint {
            throw PipelineError(
                file: ledgerPath, keyPath: "",
                message: "the shards resolved with other signed results (fivefold signoff) than this ledger holds: give every shard the ledger the merge records into (--ledger \(ledgerPath)) and run them again; "
                    + "their outputs would ignore the field teams' signatures, or apply ones this ledger does not hold")
        }
        let rows = (inputs ?? []).map { (source: $0.source, file: $0.file, accepted: $0.accepted) }
        try session.checkAsOf(runner: self)
        try session.checkHouseholdCount(rows, runner: self)
        let staging = try OutputFolder.prepareStaging(for: out)
        let fm = FileManager.default
        // Every shard reads every file in full, so each holds the same quarantine: take shard 0's.
        let first = shardFolders[shards.firstIndex { $0.index == 0 }!]
        if fm.fileExists(atPath: first + "/quarantine") {
            do { try fm.copyItem(atPath: first + "/quarantine", toPath: staging + "/quarantine") } catch {
                try? fm.removeItem(atPath: staging)
                throw error
            }
        }
        // The rules the shards skipped for fields the system tables lack or leave blank.
        let config = self.config.knowingAbsent(try PartFiles(folder: parts[shards.firstIndex { $0.index == 0 }!]).fieldPresence())
        var assembler = Assembler(config: config, inputFolder: input, asOf: asOf, normalizer: normalizer)
        assembler.asOfIsRunDate = (options.asOf ?? config.asOf) == nil
        assembler.earlierWarnings = kept.map { [$0] } ?? []
        assembler.progress = progress
        assembler.jobs = jobs
        assembler.signed = session.signed
        let summary = try session.record(runner: self, staging: staging, rows: rows) { nightly in
            try assembler.assemble(
                partFolders: parts, inputs: inputs ?? [], folder: staging, timings: ["merge": Date().timeIntervalSince(started)], nightly: nightly)
        }
        progress("done: \(out)")
        return summary
    }
}

/// A thread-safe counter for progress lines.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
