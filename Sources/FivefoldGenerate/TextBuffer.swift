// Rows and elements are rendered straight into UTF-8 bytes: at a million households the
// generator writes several gigabytes, and building a Swift `String` (or an array of them) per
// cell would dominate the run. CSV quoting follows the same rule as the Ingest `CSVWriter`
// (quote a cell holding the delimiter, a quote, CR or LF, or starting or ending with a space
// or tab), and XML text is escaped for &, < and > (and " in attributes).

/// A growable UTF-8 byte buffer with CSV and XML helpers.
public struct TextBuffer: Sendable {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends text verbatim.
    @inline(__always)
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends a non-negative or negative integer in decimal.
    public mutating func append(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(-value)
            return
        }
        if value < 10 {
            bytes.append(UInt8(0x30 + value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while n > 0 {
                raw[19 - count] = UInt8(0x30 + n % 10)
                n /= 10
                count += 1
            }
            bytes.append(contentsOf: raw[(20 - count)...])
        }
    }

    /// Appends one CSV cell, quoted when needed; `first` omits the leading comma.
    public mutating func csvCell(_ text: String, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        var text = text
        text.withUTF8 { utf8 in
            let needsQuotes = utf8.first == 0x20 || utf8.first == 0x09 || utf8.last == 0x20 || utf8.last == 0x09
                || utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for c in utf8 {
                if c == UInt8(ascii: "\"") { bytes.append(c) }
                bytes.append(c)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends a whole CSV row and its terminator.
    public mutating func csvRow(_ cells: [String], terminator: String) {
        for (i, cell) in cells.enumerated() { csvCell(cell, first: i == 0) }
        append(terminator)
    }

    /// Appends `<tag>text</tag>`, or `<tag/>` for empty text.
    public mutating func element(_ tag: String, _ text: String) {
        bytes.append(UInt8(ascii: "<"))
        append(tag)
        if text.isEmpty {
            bytes.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: ">")])
            return
        }
        bytes.append(UInt8(ascii: ">"))
        escaped(text, attribute: false)
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        append(tag)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Appends XML-escaped text.
    public mutating func escaped(_ text: String, attribute: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (attribute && $0 == 0x22) }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for c in utf8 {
                switch c {
                case 0x26: bytes.append(contentsOf: Array("&amp;".utf8))
                case 0x3C: bytes.append(contentsOf: Array("&lt;".utf8))
                case 0x3E: bytes.append(contentsOf: Array("&gt;".utf8))
                case 0x22 where attribute: bytes.append(contentsOf: Array("&quot;".utf8))
                default: bytes.append(c)
                }
            }
        }
    }
}
