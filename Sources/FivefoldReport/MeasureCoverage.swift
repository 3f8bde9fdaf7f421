import FivefoldCheck

/// 帮扶措施 coverage of one village (六个到村到户): of its registered households, how many have a
/// measure of each `household.measures` category. In summary.json `measure_coverage` and in
/// report.html; absent when the run had no measures to count (no 帮扶措施 mapped, rule off).
public struct MeasureCoverage: Codable, Sendable, Equatable {
    /// One category's count and share.
    public struct Category: Codable, Sendable, Equatable {
        public var category: String
        public var households: Int
        /// households ÷ registered households, in percent (two decimals); nil with no household.
        public var percent: Double?
    }

    public var regionCode: String
    public var township: String
    public var village: String
    public var registeredHouseholds: Int
    /// In the order of the pipeline's `categories`.
    public var categories: [Category]

    enum CodingKeys: String, CodingKey {
        case township, village, categories
        case regionCode = "region_code"
        case registeredHouseholds = "registered_households"
    }

    /// One line per village with registered households, in region-code order, then the whole
    /// dataset (`region_code` "all").
    package static func compute(counters: PartCounters, categories: [String]) -> [MeasureCoverage] {
        guard !categories.isEmpty else { return [] }
        func line(_ code: String, _ township: String, _ village: String, _ registered: Int, _ counts: [String: Int]) -> MeasureCoverage {
            MeasureCoverage(
                regionCode: code, township: township, village: village, registeredHouseholds: registered,
                categories: categories.map { c in
                    let n = counts[c] ?? 0
                    return Category(category: c, households: n, percent: registered > 0 ? (Double(n) / Double(registered) * 10000).rounded() / 100 : nil)
                })
        }
        var result: [MeasureCoverage] = []
        var total = 0
        var all: [String: Int] = [:]
        for (code, v) in counters.villages.sorted(by: { $0.key < $1.key }) where v.registered > 0 {
            result.append(line(code, v.township, v.name, v.registered, v.measures))
            total += v.registered
            for (c, n) in v.measures { all[c, default: 0] += n }
        }
        return total == 0 ? [] : result + [line("all", "", "", total, all)]
    }
}
