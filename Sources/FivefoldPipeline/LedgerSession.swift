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
        if recording { previous = try opened.latestRun() }
        signed = SignedEvidence(try opened.signedResults())
        if let latest = try opened.latestSample(), let id = latest.id {
            sample = (latest, try opened.sampleItems(of: id))
        }
    }

    /// A run recorded with fewer than this share of the last run's households stops.
    static let shrinkLimit = 0.8
    /// Below this many households in the last run the check does not apply (small test sets).
    static let shrinkMinimum = 20

    /// Stops a run whose system tables hold far fewer households than the ledger's last run
    /// (an export cut short, a filter left on): recorded, it would mark every open finding of the
    /// missing households resolved, and the field teams' worklists would lose them, with exit 0.
    /// `--accept-fewer-households` records it all the same (households that really left).
    func checkHouseholdCount(_ files: [(source: String, file: String, accepted: Int)], runner: PipelineRunner) throws {
        guard ledger != nil, !runner.options.acceptFewerHouseholds, let previous, previous.households >= Self.shrinkMinimum,
              let file = runner.config.sources.first(where: { $0.id == .system })?.households.file,
              let table = files.first(where: { $0.source == SourceID.system.rawValue && $0.file == file })
        else { return }
        guard Double(table.accepted) < Self.shrinkLimit * Double(previous.households) else { return }
        throw PipelineError(
            file: file, keyPath: "",
            message: "\(table.accepted) households against \(previous.households) in the ledger's last run (run \(previous.id ?? 0), as of \(previous.asOf)): "
                + "recorded, this run would mark every open finding of the missing households resolved. Check the export (cut short? a filter left on?); "
                + "if the households really left, run again with --accept-fewer-households. Nothing was written")
    }

    /// Writes the outputs into `staging` through `assemble`, publishes them and records the run.
    /// The staging folder is removed when anything fails.
    func record(runner: PipelineRunner, staging: String, assemble: (NightlyOutputs) throws -> RunSummary) throws -> RunSummary {
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
            let identity = try Self.identity(of: runner, signed: signed, sample: sample)
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
        let inputs = try tables.filter { seen.insert($0.file).inserted }.map {
            try InputFingerprint.of(file: $0.file, path: resolve($0.file, against: input))
        }

        var h = XXHash64()
        var vocabulary = config.vocabularyFiles
        if vocabulary.isEmpty {
            vocabulary = [resolve("vocabulary.yaml", against: URL(fileURLWithPath: config.path).deletingLastPathComponent().path)]
        }
        for file in [config.path] + vocabulary {
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

