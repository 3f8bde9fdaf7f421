import FivefoldModel

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
