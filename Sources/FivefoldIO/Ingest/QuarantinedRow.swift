import FivefoldModel

// Row accounting is exact (SPEC §6): an input row that cannot be read is not dropped but kept,
// with where it was, why, and its text, for `quarantine/<source>.csv`.

/// An input row that could not be read, with the reason and its original text.
public struct QuarantinedRow: Sendable, Equatable {
    /// The file and the line on which the row starts.
    public var location: SourceLocation
    /// Why the row was set aside, e.g. `expected 22 fields, found 20`.
    public var reason: String
    /// The row's text as in the file (decoded leniently, without its final line terminator).
    public var raw: String

    /// Creates a quarantined row.
    public init(location: SourceLocation, reason: String, raw: String) {
        self.location = location
        self.reason = reason
        self.raw = raw
    }
}
