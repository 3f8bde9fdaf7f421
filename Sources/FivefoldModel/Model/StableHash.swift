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
}
