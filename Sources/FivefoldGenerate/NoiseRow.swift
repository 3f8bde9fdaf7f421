// One line of noise.csv: a value written in another harmless form (full-width digits, 1.2万元,
// 2016年3月5日, Y/N …) that normalisation must read as its clean value. The pipeline must raise
// no finding for any of them; the rows let a test (or a person) see exactly what was disguised.

/// A format-noise substitution and the clean value it stands for.
public struct NoiseRow: Sendable, Equatable {
    public var householdID: String
    /// The person's 18-character ID number (or name when they have none), empty for household fields.
    public var memberID: String
    public var field: String
    public var source: String
    public var rawValue: String
    public var cleanValue: String

    /// The noise.csv header.
    public static let header = ["household_id", "member_id", "field", "source", "raw_value", "clean_value"]

    /// The row's cells in header order.
    public var cells: [String] { [householdID, memberID, field, source, rawValue, cleanValue] }
}
