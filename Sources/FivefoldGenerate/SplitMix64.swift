// The generator's only source of randomness. A dataset must be byte-identical for a given
// (seed, size, rates) on every machine and every Swift version, so nothing here goes through the
// standard library's random APIs (their algorithms are not specified) or the system generator:
// SplitMix64 (Steele, Lea, Flood 2014) is fully specified, passes BigCrush, costs a few
// nanoseconds, and can be seeded from any 64-bit key, which lets every household draw from its
// own stream derived from (seed, household index) — the key to generating batches in parallel.

/// A small, fully specified, seedable pseudo-random generator (SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one purpose of one item: the stream of (`seed`, `index`, `stream`).
    ///
    /// Different indexes and stream tags give independent-looking streams, so a household's
    /// draws do not depend on how many draws any other household made.
    public init(seed: UInt64, index: UInt64, stream: UInt64) {
        state = SplitMix64.mix(seed ^ SplitMix64.mix(index &* 0x9E37_79B9_7F4A_7C15 &+ stream))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function: a bijective 64-bit mixer.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<n` (Lemire's multiply-high, bias below 2⁻³² for our sizes).
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A uniform double in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A uniformly chosen element.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An element chosen with the given integer weights (same length as `items`).
    public mutating func pick<T>(_ items: [T], weights: [Int]) -> T {
        let total = weights.reduce(0, +)
        var r = below(total)
        for (item, weight) in zip(items, weights) {
            if r < weight { return item }
            r -= weight
        }
        return items[items.count - 1]
    }
}
