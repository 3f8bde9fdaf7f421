/// How alike two recorded names are, tolerant of the typos real filing cards carry.
///
/// 1.0 identical (after dropping middle dots and spaces); 0.9 same sound (homophones such as
/// 晓/小 written by ear); 0.8 same characters in another order (a swapped pair); 0.6 one
/// character different in a name of three or more; 0 otherwise. Variant character forms that
/// share a reading (e.g. 岩/巖) fall under "same sound".
///
/// Works on Unicode scalars (a Chinese character is one scalar) because this runs for every
/// candidate pair of every household: `Character` comparisons and per-name transliteration
/// were the linker's whole cost.
public enum NameSimilarity {
    /// The middle-dot variants, and the Unicode White_Space characters, as one switch (a `Set`
    /// look-up and a character-property query per scalar were a visible share of linkage).
    @inline(__always)
    static func isDropped(_ v: UInt32) -> Bool {
        switch v {
        case 0x00B7, 0x2022, 0xFF0E, 0x30FB, 0x002E, 0xFF65, 0x2027, 0x2219, 0x22C5, 0x0387: return true  // dots
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true  // White_Space
        default: return false
        }
    }

    /// Drops the middle dot of minority names (any variant) and white space.
    public static func key(_ name: String) -> String {
        guard mayHoldDropped(name) else { return name }
        guard name.unicodeScalars.contains(where: { isDropped($0.value) }) else { return name }
        var result = String.UnicodeScalarView()
        for s in name.unicodeScalars where !isDropped(s.value) { result.append(s) }
        return String(result)
    }

    /// Whether a name may hold a scalar `isDropped` drops, by its bytes: every such scalar is
    /// ASCII below 0x30 or starts with one of C2, CE, E1, E2, E3, EF in UTF-8, and a Chinese name
    /// (E4–E9 lead bytes, continuation bytes 80–BF) has none of these. Walking the scalars of
    /// every name of every profile was most of what `key` cost.
    @inline(__always)
    static func mayHoldDropped(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            bytes.contains { $0 < 0x30 || $0 == 0xC2 || $0 == 0xCE || $0 == 0xE1 || $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF }
        }
    }

    /// The scalars of a name's key, decoded once (`Array(key.unicodeScalars)` counted the
    /// scalars, then walked them again to copy).
    static func scalars(_ name: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(name.utf8.count / 3 + 1)
        for s in key(name).unicodeScalars { result.append(s) }
        return result
    }

    public static func score(_ a: String, _ b: String, pinyin: PinyinCache = .shared) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        return score(scalars(a), scalars(b), pinyin: pinyin)
    }

    static func score(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], pinyin: PinyinCache = .shared) -> Double {
        if x.isEmpty || y.isEmpty || x.count != y.count { return 0 }
        if x == y { return 1 }
        var sameSound = true
        var differing = 0
        for (p, q) in zip(x, y) where p != q {
            differing += 1
            if sameSound, pinyin.syllable(p) != pinyin.syllable(q) { sameSound = false }
        }
        if sameSound { return 0.9 }
        if sameScalars(x, y) { return 0.8 }
        if differing == 1, x.count >= 3 { return 0.6 }
        return 0
    }

    /// Whether two names of equal length hold the same scalars in some order (the same
    /// multiset). Names are a few characters, so counting each scalar on both sides is cheaper
    /// than sorting two copies (two allocations for every candidate pair of every household).
    static func sameScalars(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Bool {
        guard x.count == y.count else { return false }
        if x.count > 16 { return x.map(\.value).sorted() == y.map(\.value).sorted() }
        for v in x {
            var inX = 0, inY = 0
            for p in x where p == v { inX += 1 }
            for q in y where q == v { inY += 1 }
            if inX != inY { return false }
        }
        return true
    }
}
