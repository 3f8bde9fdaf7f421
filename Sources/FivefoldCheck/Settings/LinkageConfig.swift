/// Member linkage parameters (SPEC §5, issue 5): a pair links when its score reaches
/// `threshold` and no rival is within `ambiguityMargin`.
public struct LinkageConfig: Sendable {
    public var threshold: Double = 0.75
    public var ambiguityMargin: Double = 0.05

    public init(threshold: Double = 0.75, ambiguityMargin: Double = 0.05) {
        self.threshold = threshold
        self.ambiguityMargin = ambiguityMargin
    }
}
