import Foundation

/// The Wilson score interval for a binomial proportion (Wilson 1927), the interval the audited
/// rates carry. Unlike the normal approximation p ± z·√(p(1−p)/n) it stays inside [0, 1] and
/// does not collapse to a point at 0 or n successes, which is exactly where a small field sample
/// of wrongly exited households usually lands (0 of 12 found).
///
/// center = (p + z²/2n) / (1 + z²/n), half width = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²).
public struct WilsonInterval: Codable, Sendable, Equatable {
    /// z for a two-sided 95 % interval.
    public static let z95 = 1.959963984540054

    public var lower: Double
    public var upper: Double

    /// nil when nothing was verified (n = 0).
    public init?(successes: Int, of n: Int, z: Double = WilsonInterval.z95) {
        guard n > 0, successes >= 0, successes <= n else { return nil }
        let nd = Double(n), p = Double(successes) / nd, z2 = z * z
        let denominator = 1 + z2 / nd
        let center = (p + z2 / (2 * nd)) / denominator
        let half = z / denominator * (p * (1 - p) / nd + z2 / (4 * nd * nd)).squareRoot()
        lower = max(0, center - half)
        upper = min(1, center + half)
    }

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}
