/// A normalised set value (帮扶措施, 健康状况, 家庭成员): items joined with 、.
public enum SetValue {
    /// The items of `text`: what `text.split(separator: "、")` gives (empty items dropped), found
    /// on UTF-8 bytes. Written by hand because the `Character` split walks grapheme clusters, and
    /// four stages split every household's set values (1–2 % of a province run's CPU).
    ///
    /// 、 (E3 80 81) is one `Character` by itself unless a combining scalar follows it or a
    /// prepended one precedes it; the byte split is taken only when every 、 stands between ASCII,
    /// CJK ideographs (U+3400–U+9FFF) or other 、 marks, and the `Character` split otherwise, so
    /// the two always agree.
    public static func items(_ text: String) -> [String] {
        var text = text
        let fast: [String]? = text.withUTF8 { b in
            var items: [String] = []
            var start = 0, i = 0
            while i < b.count {
                guard isMark(b, i) else {
                    i += 1
                    continue
                }
                guard isPlain(b, before: i), isPlain(b, at: i + 3) else { return nil }
                if i > start { items.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) }
                i += 3
                start = i
            }
            if b.count > start { items.append(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self)) }
            return items
        }
        return fast ?? text.split(separator: "、").map(String.init)
    }

    /// Whether `item` is one of the items of `text`, whole (`items(text).contains(item)` without
    /// building the items: several rules ask this of every member's 健康状况). The items are
    /// compared on bytes; a 、 that a neighbour could join into one character is treated as the
    /// `Character` split treats it, through `items`.
    public static func contains(_ text: String, item: String) -> Bool {
        var text = text, item = item
        let fast: Bool? = text.withUTF8 { b in
            item.withUTF8 { label in
                var start = 0, i = 0
                while i <= b.count {
                    guard i == b.count || isMark(b, i) else {
                        i += 1
                        continue
                    }
                    if i < b.count, !(isPlain(b, before: i) && isPlain(b, at: i + 3)) { return nil }
                    if i > start && i - start == label.count && b[start..<i].elementsEqual(label) { return true }
                    i += 3
                    start = i
                }
                return false
            }
        }
        return fast ?? items(text).contains(item)
    }

    private static func isMark(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i + 2 < b.count && b[i] == 0xE3 && b[i + 1] == 0x80 && b[i + 2] == 0x81
    }

    /// Whether the scalar starting at `i` (or the end) cannot join a 、 before it.
    private static func isPlain(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i < b.count else { return true }
        return b[i] < 0x80 || isMark(b, i) || isIdeograph(b, i)
    }

    /// Whether the scalar ending just before `i` (or the start) cannot take a 、 after it.
    private static func isPlain(_ b: UnsafeBufferPointer<UInt8>, before i: Int) -> Bool {
        guard i > 0 else { return true }
        return b[i - 1] < 0x80 || (i >= 3 && (isMark(b, i - 3) || isIdeograph(b, i - 3)))
    }

    /// A three-byte scalar in U+3400–U+9FFF (CJK ideographs: neither combining nor prepended).
    private static func isIdeograph(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i + 2 < b.count else { return false }
        let lead = b[i]
        return (lead == 0xE3 && b[i + 1] >= 0x90) || (lead >= 0xE4 && lead <= 0xE9)
    }
}
