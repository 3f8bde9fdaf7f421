/// How counties are scored and tiered (`assessment:` in the pipeline; defaults below).
///
/// Each indicator scores 0–100: 100 at or better than `good`, 0 at or worse than `bad`, linear in
/// between (lower is better for the rates and findings, higher for 群众认可度 and closure). A
/// county's score is the weighted mean of the indicators it has (one without data — no exited
/// household, no earlier run for closure — is left out and the weights of the rest are used).
/// Tiers by score: 好 ≥ `tiers.好`, 较好 ≥ `tiers.较好`, 一般 ≥ `tiers.一般`, else 较差.
public struct AssessmentSettings: Sendable, Equatable {
    public enum Indicator: String, Sendable, CaseIterable, Comparable {
        case incidence, wrongExit = "wrong_exit", omission, wrongInclusion = "wrong_inclusion", approval
        case findings = "findings_per_100", closure

        /// Column title in assessment.csv and the report.
        public var chinese: String {
            switch self {
            case .incidence: return "综合贫困发生率"
            case .wrongExit: return "错退率"
            case .omission: return "漏评率"
            case .wrongInclusion: return "错评率"
            case .approval: return "群众认可度"
            case .findings: return "每百户问题数"
            case .closure: return "核实清单办结率"
            }
        }

        /// Whether a higher value is better.
        public var higherIsBetter: Bool { self == .approval || self == .closure }

        public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    public struct Scale: Sendable, Equatable {
        public var weight: Double
        public var good: Double
        public var bad: Double

        public init(weight: Double, good: Double, bad: Double) {
            self.weight = weight
            self.good = good
            self.bad = bad
        }

        /// 0–100 for a value.
        public func score(_ value: Double) -> Double {
            guard good != bad else { return value == good ? 100 : 0 }
            let t = (value - bad) / (good - bad)
            return min(1, max(0, t)) * 100
        }
    }

    /// Defaults: the 国开办发〔2017〕56号 standards as `good` (incidence 3 % for the western
    /// provinces, 错退率 / 漏评率 2 %, 群众认可度 90 %; 错评率 2 % like the other two), `bad` where
    /// a county is clearly failing.
    public var scales: [Indicator: Scale] = [
        .incidence: Scale(weight: 20, good: 3, bad: 10),
        .wrongExit: Scale(weight: 20, good: 2, bad: 10),
        .omission: Scale(weight: 15, good: 2, bad: 10),
        .wrongInclusion: Scale(weight: 10, good: 2, bad: 10),
        .approval: Scale(weight: 20, good: 90, bad: 70),
        .findings: Scale(weight: 5, good: 10, bad: 100),
        .closure: Scale(weight: 10, good: 80, bad: 0),
    ]
    /// Lowest score of 好, 较好 and 一般.
    public var good: Double = 90
    public var fair: Double = 75
    public var average: Double = 60
    /// Consecutive 较差 runs (this one included) from which a county is flagged 约谈.
    public var flagAfter = 2

    public init() {}

    public static let tierNames = ["好", "较好", "一般", "较差"]

    /// The tier of a score.
    public func tier(_ score: Double) -> String {
        score >= good ? "好" : score >= fair ? "较好" : score >= average ? "一般" : "较差"
    }
}
