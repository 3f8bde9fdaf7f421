// Decides, for every household index independently, whether it carries a planted defect and of
// which kind. Being a pure function of (seed, index) is what lets batches be generated in any
// order on any number of cores, and lets a duplicate defect regenerate its donor household (the
// previous index) instead of remembering it. Kinds are drawn uniformly, so a few thousand
// households at a defect rate of 0.2 cover every rule.

/// Per-index defect decisions.
public struct DefectPlanner: Sendable {
    public let seed: UInt64
    /// Share of households with a planted defect.
    public let rate: Double

    static let stream: UInt64 = 0x4445_4645

    public init(seed: UInt64, rate: Double) {
        self.seed = seed
        self.rate = rate
    }

    /// The kind drawn for `index` and a variant number, before donor constraints.
    public func draw(_ index: Int) -> (kind: DefectKind, variant: Int)? {
        var rng = SplitMix64(seed: seed, index: UInt64(index), stream: Self.stream)
        guard rng.chance(rate) else { return nil }
        let kind = DefectKind.allCases[rng.below(DefectKind.allCases.count)]
        return (kind, rng.below(1 << 20))
    }

    /// The kind to try first for `index`: a donor-needing kind only when the previous household
    /// is clean (so each clean household donates to at most its successor).
    public func firstChoice(_ index: Int) -> (kind: DefectKind, variant: Int)? {
        guard let drawn = draw(index) else { return nil }
        if drawn.kind.needsDonor && (index == 0 || draw(index - 1) != nil) {
            return (DefectKind(rawValue: drawn.kind.rawValue + 2)!, drawn.variant)  // unify.missing / unify.mismatch
        }
        return drawn
    }
}
