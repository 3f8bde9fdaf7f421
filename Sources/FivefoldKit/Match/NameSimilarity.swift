/// How alike two recorded names are, tolerant of the typos real filing cards carry.
///
/// 1.0 identical (after dropping middle dots and spaces); 0.9 same sound (homophones such as
/// 晓/小 written by ear); 0.8 same characters in another order (a swapped pair); 0.6 one
/// character different in a name of three or more; 0 otherwise. Variant character forms that
/// share a reading (e.g. 岩/巖) fall under "same sound".
public enum NameSimilarity {
    /// Drops the middle dot of minority names (any variant) and white space.
    public static func key(_ name: String) -> String {
        String(name.filter { !"·•．・.\u{00B7} ".contains($0) && !$0.isWhitespace })
    }

    public static func score(_ a: String, _ b: String, pinyin: PinyinCache = .shared) -> Double {
        let x = key(a), y = key(b)
        if x.isEmpty || y.isEmpty { return 0 }
        if x == y { return 1 }
        let cx = Array(x), cy = Array(y)
        if cx.count == cy.count {
            if pinyin.syllables(x) == pinyin.syllables(y) { return 0.9 }
            if cx.sorted() == cy.sorted() { return 0.8 }
            let differing = zip(cx, cy).filter { $0 != $1 }.count
            if differing == 1, cx.count >= 3 { return 0.6 }
        }
        return 0
    }
}
