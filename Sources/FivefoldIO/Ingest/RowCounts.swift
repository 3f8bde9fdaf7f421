// The per-file figures `summary.json` reports; `read == accepted + quarantined` always holds.

/// How many rows of one input were read, accepted and quarantined.
public struct RowCounts: Sendable, Equatable, Codable {
    /// Rows seen (blank lines and the header excluded).
    public var read: Int
    /// Rows delivered to the caller.
    public var accepted: Int
    /// Rows set aside as quarantined.
    public var quarantined: Int

    /// Creates counts; all zero by default.
    public init(read: Int = 0, accepted: Int = 0, quarantined: Int = 0) {
        self.read = read
        self.accepted = accepted
        self.quarantined = quarantined
    }
}
