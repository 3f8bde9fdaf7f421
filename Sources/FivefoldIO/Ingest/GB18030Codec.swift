// The fast path for GBK/GB18030 CSV. Calling iconv per field costs a call and a buffer per
// value, and validating every row through iconv would cap the reader near iconv's ~180 MB/s.
// Nearly all GB text is ASCII plus two-byte codes, so this codec asks iconv once per process for
// the meaning of every two-byte code (~24 000 of them) and keeps a 256 KiB table: validation and
// decoding are then table look-ups. The rare four-byte codes still go through iconv, so glibc
// stays the single authority on what GB18030 means.

/// Table-driven GB18030 validation and decoding, with iconv for four-byte sequences.
final class GB18030Codec {
    /// Unicode scalar for each two-byte code `lead << 8 | trail`; 0 where iconv rejects it.
    static let twoByteTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 65536)
        guard let iconv = try? Transcoder.gb18030ToUTF8() else { return table }
        var out: [UInt8] = []
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                out.removeAll(keepingCapacity: true)
                let pair: [UInt8] = [UInt8(lead), UInt8(trail)]
                let failed = pair.withUnsafeBytes { iconv.convert($0, appendingTo: &out) } != nil
                guard !failed, let scalar = String(decoding: out, as: UTF8.self).unicodeScalars.first,
                    scalar.value != 0xFFFD
                else { continue }
                table[lead << 8 | trail] = scalar.value
            }
        }
        return table
    }()

    private let table: [UInt32]
    private let iconv: Transcoder
    private var scratch: [UInt8] = []

    /// - Throws: ``IngestError`` when iconv has no GB18030 converter.
    init() throws {
        iconv = try Transcoder.gb18030ToUTF8()
        table = GB18030Codec.twoByteTable
    }

    /// Length of the valid sequence at `p[i]`, or 0 when the bytes there are not GB18030.
    @inline(__always)
    private func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return 1 }
        if b == 0x80 || b == 0xFF || i + 1 >= n { return 0 }
        let b1 = p[i + 1]
        if b1 >= 0x30 && b1 <= 0x39 {
            guard i + 3 < n else { return 0 }
            var out: [UInt8] = []
            let failed = iconv.convert(UnsafeRawBufferPointer(start: p + i, count: 4), appendingTo: &out) != nil
            return failed ? 0 : 4
        }
        return table[Int(b) << 8 | Int(b1)] != 0 ? 2 : 0
    }

    /// Offset of the first byte that is not valid GB18030, or nil.
    func firstInvalid(_ p: UnsafePointer<UInt8>, count n: Int) -> Int? {
        var i = 0
        while i < n {
            if i + 8 <= n {
                if ASCIIWord.leadingASCII(p + i) == 8 { i += 8; continue }
            }
            let length = sequenceLength(p, i, n)
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    /// Decodes `p[..<n]`; invalid bytes become U+FFFD (callers validate first where it matters).
    func decode(_ p: UnsafePointer<UInt8>, count n: Int) -> String {
        var ascii = true
        for i in 0..<n where p[i] >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) }
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(n * 2 + 4)
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 { scratch.append(b); i += 1; continue }
            let length = sequenceLength(p, i, n)
            switch length {
            case 2:
                appendUTF8(table[Int(b) << 8 | Int(p[i + 1])])
            case 4:
                iconv.convert(UnsafeRawBufferPointer(start: p + i, count: 4), appendingTo: &scratch)
            default:
                appendUTF8(0xFFFD)
                i += 1
                continue
            }
            i += length
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    @inline(__always)
    private func appendUTF8(_ v: UInt32) {
        switch v {
        case 0..<0x80:
            scratch.append(UInt8(v))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (v >> 6)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (v >> 12)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (v >> 18)))
            scratch.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

extension GB18030Codec {
    /// Result of ``convertToUTF8(_:count:into:isFinal:)``.
    struct Conversion {
        /// Input bytes converted.
        var consumed: Int
        /// UTF-8 bytes written.
        var produced: Int
        /// True when conversion stopped at an invalid sequence (at `consumed`).
        var invalid: Bool
    }

    /// Each two-byte code's UTF-8, ready to store: the bytes in the low 24 bits (first byte
    /// lowest), the count in the top 8 (4: the low bits are the scalar, outside the BMP); 0
    /// where iconv rejects the code. Built once from
    /// `twoByteTable` and never freed. Decoding the GBK archive looked each scalar up and encoded
    /// it to UTF-8 per character (~48 instructions a character, the archive's whole text);
    /// storing four prepared bytes at once is a fraction of that. (`nonisolated(unsafe)`: the
    /// memory is written once, inside this initialiser, and only read after.)
    nonisolated(unsafe) static let utf8Table: UnsafePointer<UInt32> = {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 65536)
        for (code, v) in twoByteTable.enumerated() {
            var packed: UInt32 = 0
            switch v {
            case 0: packed = 0
            case 1..<0x80: packed = 1 << 24 | v
            case 0x80..<0x800: packed = 2 << 24 | (0x80 | (v & 0x3F)) << 8 | (0xC0 | (v >> 6))
            case 0x800..<0x10000:
                packed = 3 << 24 | (0x80 | (v & 0x3F)) << 16 | (0x80 | ((v >> 6) & 0x3F)) << 8 | (0xE0 | (v >> 12))
            default:
                // A few two-byte codes are outside the BMP (glibc: FE51 is U+20087): four UTF-8
                // bytes do not fit beside the count, so the scalar is kept and encoded when met.
                packed = 4 << 24 | v
            }
            table[code] = packed
        }
        return UnsafePointer(table)
    }()

    /// Converts the complete sequences of `p[..<n]` to UTF-8 in `out` (room for `2 * n` bytes),
    /// stopping at an invalid sequence, or before a sequence cut off by the end of the input
    /// unless `isFinal`.
    func convertToUTF8(_ p: UnsafePointer<UInt8>, count n: Int, into out: UnsafeMutablePointer<UInt8>, isFinal: Bool) -> Conversion {
        let utf8 = GB18030Codec.utf8Table
        let room = 2 * n
        var i = 0, o = 0
        var four: [UInt8] = []
        while i < n {
            if i + 8 <= n {
                // Eight bytes at a time: all of them when they are ASCII, else the ASCII bytes
                // before the first that is not (markup between two characters, `</hz>\n<xb>`, is
                // rarely eight bytes long). Storing all eight is safe: `out` has room for `2 * n`
                // bytes and has taken at most twice the `i` bytes read so far.
                let ascii = ASCIIWord.leadingASCII(p + i)
                UnsafeMutableRawPointer(out + o).storeBytes(of: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self), as: UInt64.self)
                i += ascii
                o += ascii
                if ascii == 8 { continue }
            }
            let b = p[i]
            if b < 0x80 {
                out[o] = b
                i += 1
                o += 1
                continue
            }
            if b == 0x80 || b == 0xFF { return Conversion(consumed: i, produced: o, invalid: true) }
            if i + 1 >= n { return Conversion(consumed: i, produced: o, invalid: isFinal) }
            let b1 = p[i + 1]
            if b1 >= 0x30 && b1 <= 0x39 {
                if i + 3 >= n { return Conversion(consumed: i, produced: o, invalid: isFinal) }
                four.removeAll(keepingCapacity: true)
                if iconv.convert(UnsafeRawBufferPointer(start: p + i, count: 4), appendingTo: &four) != nil {
                    return Conversion(consumed: i, produced: o, invalid: true)
                }
                for byte in four { out[o] = byte; o += 1 }
                i += 4
                continue
            }
            let e = utf8[Int(b) << 8 | Int(b1)]
            if e == 0 { return Conversion(consumed: i, produced: o, invalid: true) }
            let length = Int(e >> 24)
            if length == 4 {
                let v = e & 0xFF_FFFF
                out[o] = UInt8(0xF0 | (v >> 18))
                out[o + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                out[o + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                out[o + 3] = UInt8(0x80 | (v & 0x3F))
            } else if o + 4 <= room {
                // The fourth byte stored is the count: beyond `o + length`, overwritten next.
                UnsafeMutableRawPointer(out + o).storeBytes(of: e.littleEndian, as: UInt32.self)
            } else {
                for k in 0..<length { out[o + k] = UInt8(truncatingIfNeeded: e >> (8 * UInt32(k))) }
            }
            o += length
            i += 2
        }
        return Conversion(consumed: i, produced: o, invalid: false)
    }
}
