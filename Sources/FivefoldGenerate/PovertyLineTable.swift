// The generator must know the poverty line of each exit year to make clean exited households
// pass `exit.income` and planted ones fail it, and the current line to keep registered-poor
// households from looking well-off (`identify.four_looks`, income ≥ 2× the line). These are the
// SPEC §1 defaults, which the shipped pipeline also uses; a dataset for other lines would be
// generated with another table.

/// Year → poverty line (yuan per capita), SPEC §1 defaults.
public enum PovertyLineTable {
    public static let lines: [Int: Int] = [2014: 2800, 2015: 2855, 2016: 2952, 2017: 2952, 2018: 2995, 2019: 3218, 2020: 4000]

    /// The line of `year` (the latest known for later years).
    public static func line(_ year: Int) -> Int { lines[min(max(year, 2014), 2020)]! }

    /// The line at the generator's as-of date (2020): registered-poor incomes stay below twice it.
    public static let current = 4000

    /// The monitoring line at the as-of date (`monitor.edge`: `line_factor` 1.5 × `current`):
    /// clean exited households earn at least this, so only planted ones are in the band
    /// `[current, monitoringLine)`; some earn exactly this (a near miss: not in the band).
    public static let monitoringLine = 6000
}
