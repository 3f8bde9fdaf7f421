// The dialect of one CSV input. Dumps from different systems disagree on delimiter, quoting and
// encoding, so the pipeline names them per file; the defaults read RFC 4180 CSV in any encoding.

/// How a CSV file is delimited, quoted and encoded, and the limits that keep a broken file from
/// exhausting memory.
public struct CSVFormat: Sendable {
    /// The field separator byte (ASCII), `,` by default.
    public var delimiter: UInt8
    /// The quote byte (ASCII), `"` by default; a quote inside a quoted field is doubled.
    public var quote: UInt8
    /// The file's encoding, or ``TextEncoding/auto`` to detect it.
    public var encoding: TextEncoding
    /// A quoted field longer than this many bytes is taken as unterminated: its row is
    /// quarantined and reading resumes at the line after the row's start.
    public var maxQuotedFieldBytes: Int = 64 * 1024
    /// A quoted field spanning more line breaks than this is taken as unterminated.
    public var maxQuotedFieldLines: Int = 100
    /// A row longer than this many bytes is quarantined (with its text cut to the first 64 KiB).
    public var maxRowBytes: Int = 4 * 1024 * 1024
    /// The 1-based line of the header; the lines above it (report titles) are skipped.
    public var headerRow: Int = 1
    /// Rows with another field count than the header's.
    public var ragged: RaggedRows = .quarantine

    /// Creates a format; the defaults read comma-separated, double-quoted CSV in any encoding.
    public init(
        delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), encoding: TextEncoding = .auto
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.encoding = encoding
    }
}
