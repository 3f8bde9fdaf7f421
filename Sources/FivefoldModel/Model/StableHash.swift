/// FNV-1a 64-bit over UTF-8: a tiny, dependency-free, platform-stable hash.
///
/// Swift's `Hasher` is seeded per process, so it cannot make ids that survive between runs.
public enum StableHash {
    public static func value(_ parts: [String]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, part) in parts.enumerated() {
            if i > 0 {
                h ^= 0x1f  // unit separator keeps ["ab","c"] apart from ["a","bc"]
                h = h &* 0x0000_0100_0000_01b3
            }
            // On the contiguous bytes: iterating `utf8` costs several times more per byte.
            var part = part
            part.withUTF8 { bytes in
                for byte in bytes {
                    h ^= UInt64(byte)
                    h = h &* 0x0000_0100_0000_01b3
                }
            }
        }
        return h
    }

    /// 16 lower-case hex digits.
    public static func hex(_ parts: [String]) -> String {
        let s = String(value(parts), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// A dictionary bucket hash of a precomputed `value`, for `Hashable._rawHashValue(seed:)`:
    /// the value mixed with the dictionary's per-instance seed by MurmurHash3's 64-bit finaliser.
    ///
    /// Why by hand: `Dictionary` hashes a key through `Hasher` (SipHash-1-3: a seed set-up, a
    /// combine and a finalisation, ~160 instructions) even when the key carries its hash, and the
    /// `SourceID`/`FieldID`-keyed dictionaries of every record are looked up millions of times a
    /// run (2.1 M look-ups at 241 instructions each at 10 k households). The seed still varies per
    /// dictionary, so iteration order stays as unpredictable as `Hasher` makes it, and nothing
    /// may depend on it.
    @inlinable @inline(__always)
    public static func bucketHash(_ value: UInt64, seed: Int) -> Int {
        var x = value ^ UInt64(UInt(bitPattern: seed))
        x = (x ^ (x >> 33)) &* 0xff51_afd7_ed55_8ccd
        x = (x ^ (x >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return Int(truncatingIfNeeded: x)
    }
}
