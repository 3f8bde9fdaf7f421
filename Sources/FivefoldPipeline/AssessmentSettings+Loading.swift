import FivefoldReport

extension AssessmentSettings {
    /// The pipeline's `assessment:` section:
    ///
    /// ```yaml
    /// assessment:
    ///   indicators:            # any of them; each key optional (defaults in AssessmentSettings)
    ///     wrong_exit: {weight: 20, good: 2, bad: 10}
    ///   tiers: {好: 90, 较好: 75, 一般: 60}
    ///   flag_after: 2
    /// ```
    init(node: ConfigNode) throws {
        self.init()
        try node.requireKeys(in: ["indicators", "tiers", "flag_after"])
        if let indicators = try node.optional("indicators") {
            for (key, value) in try indicators.entries() {
                guard let indicator = Indicator(rawValue: key) else {
                    throw value.error("unknown indicator \"\(key)\"; expected one of \(Indicator.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                try value.requireKeys(in: ["weight", "good", "bad"])
                var scale = scales[indicator]!
                scale.weight = try value.optional("weight")?.double(range: 0...1_000) ?? scale.weight
                scale.good = try value.optional("good")?.double() ?? scale.good
                scale.bad = try value.optional("bad")?.double() ?? scale.bad
                scales[indicator] = scale
            }
        }
        if let tiers = try node.optional("tiers") {
            try tiers.requireKeys(in: ["好", "较好", "一般"])
            good = try tiers.optional("好")?.double(range: 0...100) ?? good
            fair = try tiers.optional("较好")?.double(range: 0...100) ?? fair
            average = try tiers.optional("一般")?.double(range: 0...100) ?? average
            guard good >= fair, fair >= average else {
                throw tiers.error("expected 好 ≥ 较好 ≥ 一般, found \(good), \(fair), \(average)")
            }
        }
        flagAfter = try node.optional("flag_after")?.int(range: 1...1_000) ?? flagAfter
    }
}
