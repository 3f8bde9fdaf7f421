import FivefoldModel

/// The year → yuan poverty-line table (SPEC §1), from `rules.exit.income.params.poverty_lines`.
///
/// The defaults are commonly quoted national figures that a user must check; provincial lines
/// replace them in the pipeline.
public struct PovertyLines: Sendable {
    public static let defaults: [String: Double] = [
        "2014": 2800, "2015": 2855, "2016": 2952, "2017": 2952, "2018": 2995, "2019": 3218, "2020": 4000,
    ]

    public let table: [Int: Double]

    public init(context: RuleContext) {
        let raw = context.table(.exitIncome, "poverty_lines")
        var table: [Int: Double] = [:]
        for (k, v) in raw { if let year = Int(k) { table[year] = v } }
        self.table = table
    }

    /// The line of a year, nil when the table has no such year.
    public func line(for year: Int) -> Double? { table[year] }

    /// The line in force at a date: its year's, else the latest earlier year's.
    public func current(at date: CivilDate) -> Double? {
        table.keys.filter { $0 <= date.year }.max().flatMap { table[$0] } ?? table.keys.min().flatMap { table[$0] }
    }
}
