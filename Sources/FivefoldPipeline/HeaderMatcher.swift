/// Finds the header a user most likely meant when a mapped name is not in the data.
///
/// Exports rename columns in small ways: full-width brackets (`注册资本（万元）`), a unit added or
/// dropped (`人均纯收入(元)`), white space, 【】 or [] instead of (). Names are compared after
/// folding all of those away; failing an exact folded match, the nearest by edit distance wins
/// when it is close enough to be a plausible typo. Only a difference of character width is
/// matched automatically (`widthFolded`: the same name); anything else the folding finds only goes
/// into the error message, because guessing a column silently is how wrong results pass.
enum HeaderMatcher {
    /// Units that headers carry in brackets, folded away.
    static let units: Set<String> = ["元", "万元", "㎡", "m2", "m²", "平方米", "平米", "公斤", "kg", "斤", "月", "个月", "岁", "人", "年", "%", "亩"]

    /// The header in `found` closest to any of `names`, or nil when none is close.
    static func closest(to names: [String], among found: [String]) -> String? {
        var best: (header: String, distance: Int)?
        for name in names {
            let wanted = fold(name)
            for header in found where !header.isEmpty {
                let folded = fold(header)
                if folded == wanted { return header }
                let d = editDistance(Array(wanted), Array(folded))
                let limit = max(1, min(wanted.count, folded.count) / 3)
                if d <= limit, best.map({ d < $0.distance }) ?? true { best = (header, d) }
            }
        }
        return best?.header
    }

    /// `text` with its full-width forms as their ASCII twins (`（元）` → `(元)`, `：` → `:`, `Ａ１`
    /// → `A1`, U+3000 → space): the one difference that leaves a header the same name. A Chinese
    /// input method types brackets full-width, so an export's hand-typed header has them where a
    /// pipeline written on another machine has ASCII ones. Unlike `fold`, nothing else is dropped:
    /// `人均纯收入(万元)` is not `人均纯收入(元)`.
    static func widthFolded(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0xFF01...0xFF5E).contains(v), let ascii = Unicode.Scalar(v - 0xFEE0) {
                out.append(ascii)
            } else {
                out.append(v == 0x3000 ? " " : scalar)
            }
        }
        return String(out)
    }

    /// The first of `names` that a header holds, in either width (`widthFolded`); `folded` is
    /// the header with each name width-folded.
    static func firstPresent(_ names: [String], in folded: [String]) -> String? {
        names.first { folded.contains(widthFolded($0)) }
    }

    /// A header with full-width forms made half-width, white space removed, bracketed units
    /// dropped and remaining brackets removed: `人均纯收入（元）` → `人均纯收入`.
    static func fold(_ text: String) -> String {
        var scalars: [Character] = []
        for s in widthFolded(text).unicodeScalars {
            if s.properties.isWhitespace { continue }
            switch s {
            case "【", "[", "〔": scalars.append("(")
            case "】", "]", "〕": scalars.append(")")
            default: scalars.append(Character(s))
            }
        }
        // Drop "(unit)" groups, then any bracket left.
        var out: [Character] = []
        var i = 0
        while i < scalars.count {
            if scalars[i] == "(", let close = scalars[i...].firstIndex(of: ")"),
                units.contains(String(scalars[(i + 1)..<close]).lowercased())
            {
                i = close + 1
                continue
            }
            if scalars[i] != "(" && scalars[i] != ")" { out.append(scalars[i]) }
            i += 1
        }
        return String(out).lowercased()
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
