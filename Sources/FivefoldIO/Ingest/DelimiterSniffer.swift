// Legacy dumps are separated by commas, tabs, `|` or `;`, and their names say nothing about it
// (`导出.txt`). Read with the wrong delimiter, every row is one field and gets quarantined, so
// tools that look at an unknown file guess the delimiter from its first lines: the candidate that
// splits the most lines into the same number of fields wins.

/// Guesses the field delimiter of delimited text from its first lines.
public enum DelimiterSniffer {
    /// The delimiters considered, in order of preference on a tie.
    public static let candidates: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: "|"), UInt8(ascii: ";")]

    /// The delimiter of the file at `path` (gzipped or not), or nil when no candidate splits its
    /// lines consistently (e.g. a one-column file).
    public static func sniff(path: String) throws -> UInt8? {
        let source = try FileByteSource.open(path: path).source
        var head = [UInt8](repeating: 0, count: 64 * 1024)
        let n = try head.withUnsafeMutableBytes { try source.readFully(into: $0) }
        return sniff(Array(head.prefix(n)), isWhole: n < head.count)
    }

    /// The delimiter of text whose first bytes are `bytes` (a cut last line is ignored unless
    /// `isWhole`). Multi-byte characters are stepped over whole: a GBK trail byte can equal `|`.
    /// Quoted fields are skipped.
    public static func sniff(_ bytes: [UInt8], isWhole: Bool = true) -> UInt8? {
        guard !bytes.isEmpty else { return nil }
        var lines: [[Int]] = []
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuote = false
        var i = bytes.starts(with: TextEncoding.utf8BOM) ? 3 : 0
        var lineHasText = false
        // In UTF-8 every byte of a multi-byte character is ≥ 0x80; in GBK/GB18030 a trail byte
        // may be ASCII, so there a lead byte takes its trail byte with it.
        let step = bytes.withUnsafeBufferPointer { UTF8Validation.isValidAllowingCutTail($0.baseAddress!, count: $0.count) } ? 1 : 2
        while i < bytes.count && lines.count < 50 {
            let b = bytes[i]
            if b >= 0x80 {
                i += step
                lineHasText = true
                continue
            }
            if b == UInt8(ascii: "\"") { inQuote.toggle() }
            if !inQuote {
                if b == 0x0A || b == 0x0D {
                    if lineHasText { lines.append(counts) }
                    counts = [Int](repeating: 0, count: candidates.count)
                    lineHasText = false
                } else if let k = candidates.firstIndex(of: b) {
                    counts[k] += 1
                } else if b != 0x20 {
                    lineHasText = true
                }
            }
            i += 1
        }
        if isWhole && lineHasText { lines.append(counts) }
        return best(lines)
    }

    /// The candidate whose most common non-zero count per line occurs on the most lines (then
    /// the larger count, then the earlier candidate).
    static func best(_ lines: [[Int]]) -> UInt8? {
        var winner: (k: Int, lines: Int, fields: Int)?
        for k in candidates.indices {
            var frequency: [Int: Int] = [:]
            for line in lines where line[k] > 0 { frequency[line[k], default: 0] += 1 }
            guard let mode = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            if winner.map({ (mode.value, mode.key) > ($0.lines, $0.fields) }) ?? true {
                winner = (k, mode.value, mode.key)
            }
        }
        return winner.map { candidates[$0.k] }
    }

    /// How a delimiter is named in messages: `,`, `tab`, `|`, `;`.
    public static func name(_ delimiter: UInt8) -> String {
        delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter))
    }
}
