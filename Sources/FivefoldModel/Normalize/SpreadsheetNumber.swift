// A worklist that went through Excel, WPS or LibreOffice comes back with its long digit columns
// turned into numbers: a spreadsheet keeps 15 significant digits, so the 16-digit 户编号
// 5202031012020002 returns as 5202031012020000, or as 5.20203E+15 in a narrow column, or with a
// `.0`, a leading apostrophe (typed to force text) or stray spaces; an id that starts with 0 loses
// it. The value is damaged, but it still says which real number it came from, within the digits
// the spreadsheet kept. This type reads such a rendering and tells whether a given digit string
// is consistent with it, so the sign-off can accept a row whose item (keyed by 问题编号) is known,
// and name the cause when it cannot.

/// A cell's text read as a spreadsheet's rendering of a long digit string.
public struct SpreadsheetNumber: Sendable, Equatable {
    /// What the spreadsheet did to the digits.
    public enum Change: String, Sendable, CaseIterable, Comparable {
        /// Surrounding spaces.
        case spaces
        /// A leading `'` (typed to force text, or a formula guard).
        case apostrophe
        /// A `.0` (or `,0`) decimal suffix.
        case decimalSuffix
        /// Leading zeros dropped.
        case leadingZeroLost
        /// Rounded to 15 significant digits, trailing digits replaced by zeros.
        case rounded
        /// Scientific notation (`5.20203E+15`).
        case scientific

        public static func < (a: Change, b: Change) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }

        /// The Chinese description used in sign-off messages.
        public var chinese: String {
            switch self {
            case .spaces: return "前后多了空格"
            case .apostrophe: return "前面加了单引号"
            case .decimalSuffix: return "后面加了“.0”"
            case .leadingZeroLost: return "丢掉了开头的0"
            case .rounded: return "被四舍五入为15位有效数字"
            case .scientific: return "变成了科学计数法"
            }
        }
    }

    /// The cell as written.
    public let raw: String
    /// The integer the rendering stands for, as decimal digits without leading zeros.
    public let digits: String
    /// How many leading digits of `digits` the rendering keeps exactly; the rest may be rounding.
    public let significant: Int
    /// Zeros written before `digits` in the cell.
    let leadingZeros: Int
    /// Changes seen in the text itself (spaces, apostrophe, `.0`, scientific notation).
    public let changes: Set<Change>

    /// Spreadsheets keep this many significant digits of a number.
    public static let spreadsheetPrecision = 15

    /// Reads `raw` as a rendering of a whole number, or nil when it is not one (letters, a real
    /// fraction, a negative number, empty).
    public init?(_ raw: String) {
        self.raw = raw
        var changes: Set<Change> = []
        var text = Substring(raw)
        let trimmed = text.strippingSpreadsheetSpaces()
        if trimmed.count != text.count { changes.insert(.spaces) }
        text = trimmed
        if text.hasPrefix("'") {
            changes.insert(.apostrophe)
            text = text.dropFirst().strippingSpreadsheetSpaces()
        }
        guard let parsed = Self.parse(text) else { return nil }
        changes.formUnion(parsed.changes)
        self.digits = parsed.digits
        self.significant = parsed.significant
        self.leadingZeros = parsed.leadingZeros
        self.changes = changes
    }

    /// Whether `original` (a digit string, such as a 户编号) renders as this cell, and what the
    /// spreadsheet did to it; nil when the cell cannot have come from `original`.
    public func changes(from original: String) -> Set<Change>? {
        guard !original.isEmpty, original.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var result = changes
        let value = String(original.drop { $0 == "0" })
        if original.count - value.count > leadingZeros && !value.isEmpty { result.insert(.leadingZeroLost) }
        if value == digits { return result }
        // Rounded: same length, the kept digits within half a unit of the last kept place, and
        // only zeros after it.
        guard value.count == digits.count, significant < value.count else { return nil }
        let dropped = value.count - significant
        guard digits.suffix(dropped).allSatisfy({ $0 == "0" }), dropped <= 18 else { return nil }
        let keptV = value.prefix(significant), keptR = digits.prefix(significant)
        let tailV = UInt64(value.suffix(dropped))!
        var unit: UInt64 = 1
        for _ in 0..<dropped { unit *= 10 }
        // value = keptV·unit + tailV; rendering = keptR·unit. Consistent when |value − rendering|
        // ≤ unit/2, i.e. keptR = keptV with tailV ≤ unit/2, or keptR = keptV + 1 with tailV ≥ unit/2.
        let roundedDown = keptR == keptV && tailV * 2 <= unit
        let roundedUp = keptR == Self.increment(keptV) && tailV * 2 >= unit
        guard roundedDown || roundedUp else { return nil }
        if !result.contains(.scientific) { result.insert(.rounded) }
        return result
    }

    /// Whether the text shows that a spreadsheet turned it into a number: scientific notation,
    /// a `.0`, or more than 15 digits ending in zeros.
    public var looksConverted: Bool {
        changes.contains(.scientific) || changes.contains(.decimalSuffix)
            || (digits.count > Self.spreadsheetPrecision && digits.dropFirst(Self.spreadsheetPrecision).allSatisfy { $0 == "0" })
    }

    // MARK: - Implementation

    /// `digits` + 1, for a decimal digit string (rounding up may carry into a new digit).
    static func increment<S: StringProtocol>(_ digits: S) -> String {
        var chars = Array(digits)
        var i = chars.count - 1
        while i >= 0 {
            if chars[i] == "9" {
                chars[i] = "0"
                i -= 1
            } else {
                chars[i] = Character(Unicode.Scalar(chars[i].asciiValue! + 1))
                return String(chars)
            }
        }
        return "1" + String(chars)
    }

    struct Parsed {
        var digits: String
        var significant: Int
        var changes: Set<Change>
        var leadingZeros: Int
    }

    /// `5202031012020000`, `5202031012020000.0`, `5.20203E+15`, `5,20203E+15`.
    static func parse(_ text: Substring) -> Parsed? {
        var mantissa = text
        var exponent: Int?
        if let e = text.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            mantissa = text[..<e]
            var exp = text[text.index(after: e)...]
            if exp.hasPrefix("+") { exp = exp.dropFirst() }
            guard let value = Int(exp), value >= 0, value <= 30 else { return nil }
            exponent = value
        }
        let parts = mantissa.split(separator: mantissa.contains(".") ? "." : ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        var changes: Set<Change> = []
        if let exponent {
            guard fraction.count <= exponent else { return nil }
            changes.insert(.scientific)
            return normalized(whole: String(whole), fraction: String(fraction), exponent: exponent, changes: changes)
        }
        if !fraction.isEmpty {
            guard fraction.allSatisfy({ $0 == "0" }) else { return nil }
            changes.insert(.decimalSuffix)
        }
        let digits = String(whole.drop { $0 == "0" })
        guard !digits.isEmpty else { return nil }
        return Parsed(
            digits: digits, significant: min(digits.count, spreadsheetPrecision), changes: changes,
            leadingZeros: whole.count - digits.count)
    }

    /// The integer of `whole.fraction × 10^exponent` and its shown significant digits.
    static func normalized(whole: String, fraction: String, exponent: Int, changes: Set<Change>) -> Parsed? {
        let all = whole + fraction
        let value = all + String(repeating: "0", count: exponent - fraction.count)
        let digits = String(value.drop { $0 == "0" })
        guard !digits.isEmpty else { return nil }
        let shown = all.drop { $0 == "0" }
        return Parsed(digits: digits, significant: min(shown.count, digits.count), changes: changes, leadingZeros: 0)
    }
}

extension Substring {
    /// Without surrounding white space (ASCII, no-break and ideographic spaces).
    package func strippingSpreadsheetSpaces() -> Substring {
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{00A0}" || c == "\u{3000}" }
        var s = self
        while let f = s.first, isSpace(f) { s = s.dropFirst() }
        while let l = s.last, isSpace(l) { s = s.dropLast() }
        return s
    }
}
