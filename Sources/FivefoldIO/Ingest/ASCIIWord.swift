/// Eight bytes at a time for the byte loops of the decoders and validators (GB18030, UTF-8):
/// most input is ASCII markup and digits, and one load and mask test eight bytes at once.
enum ASCIIWord {
    /// How many of the eight bytes at `p` are ASCII before the first that is not (8: all of
    /// them). The caller has eight readable bytes at `p`.
    @inline(__always)
    static func leadingASCII(_ p: UnsafePointer<UInt8>) -> Int {
        let high = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
        return high == 0 ? 8 : high.trailingZeroBitCount >> 3
    }
}
