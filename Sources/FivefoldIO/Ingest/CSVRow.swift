import FivefoldModel

// A row handed to the caller without copying: it points into the reader's buffer, and a field
// becomes a `String` only when asked for. Most pipelines map a handful of a file's columns, so
// building every value would waste most of the reading time (TECHNOTES: 590 → 170 MB/s).

/// One accepted CSV row; valid only inside the `read` callback that receives it.
public struct CSVRow {
    /// The file (display name) and the 1-based line on which the row starts.
    public let location: SourceLocation
    unowned(unsafe) let reader: CSVReader

    /// The number of fields in the row (trailing empty fields past the header included).
    public var fieldCount: Int { reader.spanCount }

    /// The decoded value of field `index`, or "" when the row has no such field.
    ///
    /// Doubled quotes are undone; values are not trimmed.
    public func string(at index: Int) -> String { reader.fieldString(at: index) }

    /// The row exactly as in the (decompressed) file: original encoding, line terminator included.
    public var rawBytes: [UInt8] { reader.currentRowBytes() }
}
