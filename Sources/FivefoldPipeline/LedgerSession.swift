import Foundation
import FivefoldModel
import FivefoldIO
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

/// Ties one pipeline run (or merge) to its ledger: the signed results it feeds into resolution,
/// the identity that tells a repeat from a new night, and the recording of the run around the
/// output swap (see `Ledger.recordRun` for the order and why). Without a ledger every finding is
/// new and the outputs are swapped in all the same.
struct LedgerSession {
    /// The ledger the run is recorded in; nil with `--no-ledger` and for a shard.
    let ledger: Ledger?
    /// The signed results in the ledger when the run started.
    let signed: SignedEvidence
    /// The latest 事后抽查 sample and its items (with the verdicts signed so far), for the
    /// audited rates; read here because the run's own transaction holds the ledger later.
    var sample: (Sample, [SampleItem])?
    /// The ledger's last recorded run, when this session records one.
    var previous: LedgerRun?
    /// The rows each input file gave in that run, by file (empty for runs recorded before the
    /// count was kept).
    var previousRows: [String: Int] = [:]
    let started = Date()

    /// - Parameter recording: false for a shard (`--shard i/N`), which only reads the signed
    ///   results of an existing ledger; `fivefold merge` records the run.
    init(runner: PipelineRunner, recording: Bool) throws {
        guard runner.options.useLedger else {
            ledger = nil
            signed = SignedEvidence()
            return
        }
        let path = runner.ledgerPath
        guard recording || FileManager.default.fileExists(atPath: path) else {
            ledger = nil
            signed = SignedEvidence()
            return
        }
        let opened = try Ledger(path: path)
        ledger = recording ? opened : nil
        if recording, let last = try opened.latestRun() {
            previous = last
            for input in try opened.inputs(ofRun: last.id ?? 0) {
                if let rows = input.rows { previousRows[input.file] = rows }
            }
        }
        signed = SignedEvidence(try opened.signedResults())
        if let latest = try opened.latestSample(), let id = latest.id {
            sample = (latest, try opened.sampleItems(of: id))
        }
    }

    /// A run recorded with fewer than this share of the last run's households (or member rows) stops.
    static let shrinkLimit = 0.8
    /// Below this many households (member rows) in the last run the check does not apply (small test sets).
    static let shrinkMinimum = 20

    /// The rows accepted from each input file (`InputStats` or a shard's inputs), by file.
    typealias TableRows = [(source: String, file: String, accepted: Int)]

    /// Stops a run as of a date before the ledger's last run, unless asked to record it: an old
    /// dump replayed into the production output folder and ledger (a command copied with its
    /// `--as-of 2020-12-31`) replaced the night's worklists with exit 0, classified its findings
    /// against a later night's, and became the run the next night's relapse monitoring compares
    /// incomes with. The same date again (a re-run) is fine.
    func checkAsOf(runner: PipelineRunner) throws {
        guard ledger != nil, !runner.options.acceptEarlierDate, let previous,
              let before = DateParser.parse(previous.asOf), let asOf = try? runner.asOfDate(), asOf < before
        else { return }
        let (file, keyPath) = runner.options.asOf != nil ? ("--as-of", "") : (runner.config.path, "as_of")
        throw PipelineError(
            file: file, keyPath: keyPath,
            message: "this run is as of \(asOf.iso), before the ledger's last run (run \(previous.id ?? 0), as of \(previous.asOf)) in \(runner.ledgerPath): "
                + "recorded, it would replace those outputs and be compared with a later night's findings. Replaying an old dump? Give it an output folder of its own "
                + "(its ledger goes beside it); if this ledger should hold it, run again with --accept-earlier-date. Nothing was written")
    }

    /// Stops a run whose system tables hold far fewer households, or member rows, than the
    /// ledger's last run (an export cut short, a filter left on): recorded, it would mark every
    /// open finding of the missing households or members resolved, and the field teams'
    /// worklists would lose them, with exit 0. `--accept-fewer-households` records it all the
    /// same (households or people that really left). The households table is compared with the
    /// last run's households when the ledger predates the row counts.
    func checkHouseholdCount(_ files: TableRows, runner: PipelineRunner) throws {
        guard ledger != nil, !runner.options.acceptFewerHouseholds, let previous,
              let system = runner.config.sources.first(where: { $0.id == .system })
        else { return }
        let accepted = Self.rowsByFile(files.filter { $0.source == SourceID.system.rawValue })
        var tables = [(file: system.households.file, what: "households", missing: "households", before: previousRows[system.households.file] ?? previous.households)]
        if let members = system.members, members.file != system.households.file, let before = previousRows[members.file] {
            tables.append((members.file, "member rows", "members", before))
        }
        for table in tables {
            guard let now = accepted[table.file], table.before >= Self.shrinkMinimum,
                  Double(now) < Self.shrinkLimit * Double(table.before) else { continue }
            throw PipelineError(
                file: table.file, keyPath: "",
                message: "\(now) \(table.what) against \(table.before) in the ledger's last run (run \(previous.id ?? 0), as of \(previous.asOf)): "
                    + "recorded, this run would mark every open finding of the missing \(table.missing) resolved. Check the export (cut short? a filter left on?); "
                    + "if the \(table.missing) really left, run again with --accept-fewer-households. Nothing was written")
        }
    }

    /// Accepted rows summed per file.
    static func rowsByFile(_ files: TableRows) -> [String: Int] {
        files.reduce(into: [:]) { $0[$1.file, default: 0] += $1.accepted }
    }

    /// Writes the outputs into `staging` through `assemble`, publishes them and records the run.
    /// The staging folder is removed when anything fails.
    /// `rows` are the rows each input file gave, recorded beside its fingerprint for the next
    /// night's `checkHouseholdCount`.
    func record(runner: PipelineRunner, staging: String, rows: TableRows, assemble: (NightlyOutputs) throws -> RunSummary) throws -> RunSummary {
        let out = runner.outputFolder
        let publish = {
            TestHooks.pauseBeforeSwap()
            let swap = try OutputFolder.replace(out, with: staging)
            TestHooks.pauseAfterSwap()
            return swap
        }
        do {
            guard let ledger else {
                let nightly = NightlyOutputs(runner: runner, recorder: RunRecorder.untracked())
                nightly.sample = sample
                let summary = try assemble(nightly)
                try publish().finish()
                return summary
            }
            var identity = try Self.identity(of: runner, signed: signed, sample: sample)
            let counted = Self.rowsByFile(rows)
            for i in identity.inputs.indices { identity.inputs[i].rows = counted[identity.inputs[i].file] }
            return try ledger.recordRun(identity, started: started, body: { recorder in
                let nightly = NightlyOutputs(runner: runner, recorder: recorder)
                nightly.sample = sample
                let summary = try assemble(nightly)
                return (summary, summary.counts)
            }, publish: publish)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// The pipeline hash, the input fingerprints and the signed results of a run.
    static func identity(of runner: PipelineRunner, signed: SignedEvidence, sample: (Sample, [SampleItem])? = nil) throws -> RunIdentity {
        let config = runner.config
        let input = try runner.inputFolder
        var tables = config.sources.flatMap { [$0.households] + ($0.members.map { [$0] } ?? []) }
        tables += config.registries.map(\.table)
        if let villages = config.villages { tables.append(villages) }
        var seen = Set<String>()
        let files = tables.filter { seen.insert($0.file).inserted }.map { (file: $0.file, path: resolve($0.file, against: input)) }
        // Hashed `jobs` at a time, the largest first: every byte of every input is read again
        // here, and one file after another this held the run on one core (1 M households: 3.2 GB,
        // ~2.7 s between the evaluation and the assembly).
        let sizes = files.map { fileSize($0.path) }
        let largestFirst = files.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        let hashed = Slots<InputFingerprint>(count: files.count)
        try Parallel.forEach(largestFirst, jobs: runner.jobs) { i in hashed[i] = try InputFingerprint.of(file: files[i].file, path: files[i].path) }
        let inputs = hashed.values

        var h = XXHash64()
        for file in [config.path] + runner.vocabularyPaths {
            h.update("\(file)\n")
            h.update(FileManager.default.contents(atPath: file) ?? Data())
        }
        let asOf = try runner.asOfDate().iso
        h.update("as_of=\(asOf)\n")
        h.update("engine=\(executableStamp)\n")
        return RunIdentity(
            pipeline: config.name, pipelinePath: URL(fileURLWithPath: config.path).standardizedFileURL.path,
            pipelineHash: h.hexDigest(), inputFolder: input, inputs: inputs, signoffHash: Self.signoffHash(signed, sample: sample),
            asOf: asOf, outputFolder: runner.outputFolder)
    }

    /// The signed results' fingerprint; with verdicts signed on a sample, those too (a new verdict
    /// changes the audited rates, so the next run is not a repeat). Unchanged without any.
    static func signoffHash(_ signed: SignedEvidence, sample: (Sample, [SampleItem])?) -> String {
        guard let (s, items) = sample, items.contains(where: { $0.verdict != nil }) else { return signed.fingerprint }
        var h = XXHash64()
        h.update("\(signed.fingerprint)\nsample=\(s.id ?? 0)\n")
        for item in items where item.verdict != nil {
            h.update("\(item.itemID)=\(item.verdict!.rawValue);\(item.signer ?? "");\(item.signedOn ?? "")\n")
        }
        return h.hexDigest()
    }

    /// Size and modification time of the running program: a rebuilt Fivefold may find other
    /// things in the same input, so its first run is never taken for a repeat.
    static let executableStamp: String = {
        let candidates = ["/proc/self/exe", CommandLine.arguments.first ?? ""]
        for path in candidates where !path.isEmpty {
            let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? path
            if let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) {
                let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                return "\(resolved) \(size) \(modified)"
            }
        }
        return "unknown"
    }()
}

