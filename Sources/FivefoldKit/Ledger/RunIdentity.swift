/// What makes a run the run it is: the pipeline, the input files, and the signed results fed in.
///
/// Two runs with equal `pipelineHash`, `inputHash` and `signoffHash` see the same data through
/// the same configuration and program, so they produce the same findings: the later one is a
/// repeat (the night's job re-run by hand, or retried by cron) and replaces the earlier one in
/// the ledger instead of stacking a second run on it.
public struct RunIdentity: Sendable, Equatable {
    public var pipeline: String
    public var pipelinePath: String
    public var pipelineHash: String
    public var inputFolder: String
    /// One fingerprint per input file, in the pipeline's order.
    public var inputs: [InputFingerprint]
    public var signoffHash: String
    public var asOf: String
    public var outputFolder: String

    public init(
        pipeline: String, pipelinePath: String, pipelineHash: String, inputFolder: String, inputs: [InputFingerprint],
        signoffHash: String, asOf: String, outputFolder: String
    ) {
        self.pipeline = pipeline
        self.pipelinePath = pipelinePath
        self.pipelineHash = pipelineHash
        self.inputFolder = inputFolder
        self.inputs = inputs
        self.signoffHash = signoffHash
        self.asOf = asOf
        self.outputFolder = outputFolder
    }

    /// XXH64 over each input's path, size and content hash (not its modification time: a dump
    /// fetched again unchanged is the same input).
    public var inputHash: String {
        var h = XXHash64()
        for input in inputs.sorted(by: { $0.file < $1.file }) {
            h.update("\(input.file)\u{1f}\(input.size)\u{1f}\(input.contentHash)\n")
        }
        return h.hexDigest()
    }
}

/// The totals of a run that the `runs` table keeps beside its status counts.
public struct RunCounts: Sendable, Equatable {
    public var households: Int
    public var findings: Int
    public var corrections: Int
    public var worklistItems: Int

    public init(households: Int, findings: Int, corrections: Int, worklistItems: Int) {
        self.households = households
        self.findings = findings
        self.corrections = corrections
        self.worklistItems = worklistItems
    }
}

/// A run's findings against the previous run, decided before the outputs are written.
public struct RunTracking: Sendable {
    /// The ledger's id of this run (reused when the run repeats the latest); nil without a ledger.
    public var runID: Int64?
    /// The run compared against; nil for the first run or without a ledger.
    public var previousRunID: Int64?
    /// Whether this run repeats the latest run and replaces it.
    public var isRepeat: Bool
    /// The status of every current finding id.
    public var statuses: [String: FindingStatus]
    /// Findings open after the previous run and gone now, as the ledger last saw them.
    public var resolved: [FindingState]
    /// Counts over the current findings (one per findings.csv row) plus the resolved ones.
    public var counts: FindingStatusCounts

    public init(
        runID: Int64?, previousRunID: Int64?, isRepeat: Bool, statuses: [String: FindingStatus],
        resolved: [FindingState], counts: FindingStatusCounts
    ) {
        self.runID = runID
        self.previousRunID = previousRunID
        self.isRepeat = isRepeat
        self.statuses = statuses
        self.resolved = resolved
        self.counts = counts
    }

    /// The status of a current finding (`new` for an id the tracking does not know).
    public func status(of findingID: String) -> FindingStatus { statuses[findingID] ?? .new }
}
