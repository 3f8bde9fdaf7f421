import FivefoldModel

// The 家庭成员 cell of a wall card (or any table mapping member_names): the names joined by 、
// whatever the table separates them with, without the notes a card writes after a name.

extension TableScanner {
    /// The 家庭成员 text with its names separated by 、 whatever `separators` the table uses
    /// (the normaliser splits sets on 、 , ， ; ；, not on spaces), and without what a card
    /// writes in brackets after a name (王德明(户主)、刘桂芬（妻，残疾）): no name holds a bracket,
    /// and read as part of the name each annotated member was both missing from the card and
    /// an extra name on it.
    static func joinedNames(_ text: String, separators: String) -> String {
        if isJoinedAlready(text, separators: separators) { return text }
        let text = withoutBracketedNotes(text)
        let set = Set(separators.unicodeScalars)
        let names = text.unicodeScalars.split(whereSeparator: { set.contains($0) }).map { String(String.UnicodeScalarView($0)).trimmingWhitespace() }
        return names.filter { !$0.isEmpty }.joined(separator: "、")
    }

    /// Whether `joinedNames` would return `text` unchanged: no separator but 、, no white space,
    /// and no empty name (、 at either end or twice in a row). Most cells are like that, and the
    /// split, trim and join cost 1.7 % of a 100 k run's CPU.
    static func isJoinedAlready(_ text: String, separators: String) -> Bool {
        let mark: Unicode.Scalar = "、"
        let separators = separators.unicodeScalars
        let markSeparates = separators.contains(mark)
        var previousWasMark = true  // a leading 、 makes an empty first name
        for s in text.unicodeScalars {
            // White_Space scalars all lie at or below U+3000; the property lookup is skipped above.
            if s.value <= 0x3000 && s.properties.isWhitespace { return false }
            if s == mark && markSeparates {
                if previousWasMark { return false }
                previousWasMark = true
                continue
            }
            if separators.contains(s) || isBracket(s) { return false }
            previousWasMark = false
        }
        return !previousWasMark || text.isEmpty
    }

    /// Opening brackets a card puts a note in, and their closing ones.
    static let bracketPairs: [Unicode.Scalar: Unicode.Scalar] = ["(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕"]
    /// Whether `s` is one of `bracketPairs`, opening or closing (a switch: this runs for every
    /// character of every 家庭成员 cell).
    @inline(__always)
    static func isBracket(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x28, 0x29, 0x5B, 0x5D, 0xFF08, 0xFF09, 0x3010, 0x3011, 0x3014, 0x3015: return true
        default: return false
        }
    }

    /// `text` without bracketed notes (nested or not; an unclosed bracket drops the rest).
    static func withoutBracketedNotes(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var closing: [Unicode.Scalar] = []
        for s in text.unicodeScalars {
            if let close = bracketPairs[s] {
                closing.append(close)
            } else if let last = closing.last, s == last {
                closing.removeLast()
            } else if closing.isEmpty, !isBracket(s) {
                out.append(s)
            }
        }
        return String(out)
    }
}
