import Foundation

/// Ties one pipeline run to its ledger: the signed results it feeds into resolution, the
/// identity that tells a repeat from a new night, and the recording of the run around the
/// output swap (see `Ledger.recordRun` for the order and why). Without a ledger every finding
/// is new and the outputs are swapped in all the same.
struct LedgerSession {
    let ledger: Ledger?
    /// The signed results in the ledger when the run started.
    let signed: SignedEvidence
    let started = Date()

    init(runner: PipelineRunner) throws {
        guard runner.options.useLedger else {
            ledger = nil
            signed = SignedEvidence()
            return
        }
        let ledger = try Ledger(path: runner.ledgerPath)
        self.ledger = ledger
        signed = SignedEvidence(try ledger.signedResults())
    }

    /// Classifies, writes (through `write`), publishes and records the run.
    func record<T>(
        _ findings: [Finding], runner: PipelineRunner, write: (RunTracking) throws -> (T, RunCounts),
        publish: @escaping () throws -> OutputFolder.Swap
    ) throws -> T {
        let staged = {
            TestHooks.pauseBeforeSwap()
            let swap = try publish()
            TestHooks.pauseAfterSwap()
            return swap
        }
        guard let ledger else {
            let (value, _) = try write(.untracked(findings))
            try staged().finish()
            return value
        }
        let identity = try Self.identity(of: runner, signed: signed)
        return try ledger.recordRun(identity, findings: findings, started: started, write: write, publish: staged)
    }

    /// The pipeline hash, the input fingerprints and the signed results of a run.
    static func identity(of runner: PipelineRunner, signed: SignedEvidence) throws -> RunIdentity {
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
            pipelineHash: h.hexDigest(), inputFolder: input, inputs: inputs, signoffHash: signed.fingerprint,
            asOf: asOf, outputFolder: runner.outputFolder)
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
