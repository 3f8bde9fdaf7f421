// The CSV reader must quarantine rows that are not valid UTF-8, so every row's bytes are checked.
// Building a `String` per row only to validate it would cost more than parsing (TECHNOTES: one
// String per field drops the parser from ~590 to ~170 MB/s). This checker runs over raw bytes,
// eight ASCII bytes at a time, and follows the Unicode well-formedness table (no overlongs, no
// surrogates, nothing above U+10FFFF).

/// Allocation-free UTF-8 validation over raw bytes.
enum UTF8Validation {
    /// Offset of the first byte that starts an ill-formed sequence, or nil when all is valid.
    static func firstInvalid(_ p: UnsafePointer<UInt8>, count n: Int) -> Int? {
        var i = 0
        while i < n {
            if i + 8 <= n {
                // Eight ASCII bytes at once; else the ASCII bytes before the first that is not
                // (a CSV cell between two Chinese ones, `,男,1966-08-12,`, seldom has eight).
                let ascii = ASCIIWord.leadingASCII(p + i)
                i += ascii
                if ascii == 8 { continue }
            }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            // The common CJK case first: a lead byte E1–EC or EE–EF takes any two continuation
            // bytes (the table's only constraints on three-byte sequences are after E0 and ED).
            if b >= 0xE1 && b != 0xED && i + 2 < n && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 && b <= 0xEF {
                i += 3
                continue
            }
            let length = sequenceLength(p + i, available: n - i)
            if length <= 0 { return i }
            i += length
        }
        return nil
    }

    /// Whether `p[..<n]` is valid UTF-8 except, perhaps, a sequence cut off by the end of the
    /// buffer (which the next chunk would complete).
    static func isValidAllowingCutTail(_ p: UnsafePointer<UInt8>, count n: Int) -> Bool {
        guard let bad = firstInvalid(p, count: n) else { return true }
        return n - bad < 4 && sequenceLength(p + bad, available: n - bad) == 0
    }

    /// Length of the well-formed sequence at `p`; 0 when it is a valid but cut-off prefix,
    /// -1 when ill-formed.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, available: Int) -> Int {
        let b = p[0]
        let need: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch b {
        case 0x00..<0x80: return 1
        case 0xC2...0xDF: need = 2
        case 0xE0: need = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 3
        case 0xED: need = 3; high = 0x9F
        case 0xF0: need = 4; low = 0x90
        case 0xF1...0xF3: need = 4
        case 0xF4: need = 4; high = 0x8F
        default: return -1
        }
        for k in 1..<need {
            if k >= available { return 0 }
            let c = p[k]
            if k == 1 {
                if c < low || c > high { return -1 }
            } else if c & 0xC0 != 0x80 {
                return -1
            }
        }
        return need
    }
}
