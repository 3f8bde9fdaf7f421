// TextNormalizer folds the typing noise that makes one value look like several.
//
// The five sources were typed by different people on different input methods: full-width digits
// from a Chinese IME, ideographic and non-breaking spaces pasted from Word, tabs from
// spreadsheets, and half a dozen look-alike middle dots in minority names. Every comparison in
// Fivefold runs on folded text, so this is the hottest code in the stage: it scans once, returns
// the input untouched when nothing needs folding (the common case), and never allocates more than
// one output string.

/// Folds full-width characters and white space, and unifies the middle dot in names.
///
/// All functions are pure and allocation-free when the input is already clean.
public enum TextNormalizer {
    /// The canonical middle dot of minority names (U+00B7 MIDDLE DOT).
    public static let middleDot: Unicode.Scalar = "\u{00B7}"

    /// Folds full-width ASCII to half-width, the ideographic space to a space, trims white space
    /// and collapses every inner run of white space (tabs, NBSP, line breaks …) to one space.
    ///
    /// Zero-width spaces and byte-order marks are removed. Pure-ASCII strings without leading,
    /// trailing or doubled white space are returned unchanged.
    public static func fold(_ text: String) -> String {
        transform(text, .fold)
    }

    /// Folds a person's name: like `fold(_:)`, then unifies every middle-dot variant
    /// (·, •, ．, ・, U+00B7, U+2022, U+FF0E, U+30FB, U+FF65, U+2027, U+2219, U+22C5, '.') to
    /// U+00B7 and removes all white space ("买买提 . 艾力" → "买买提·艾力").
    public static func personName(_ text: String) -> String {
        transform(text, .personName)
    }

    /// The key code-list lookups compare: folded, all white space removed, ASCII lower-cased.
    ///
    /// "已脱贫 （享受政策）" and "已脱贫(享受政策)" have the same key, as do "Y" and "y".
    public static func lookupKey(_ text: String) -> String {
        transform(text, .lookupKey)
    }

    /// True for the white space `fold(_:)` trims and collapses: ASCII white space and C0
    /// controls, NEL, NBSP, the Unicode space separators, line/paragraph separators and U+3000.
    public static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        isSpace(scalar.value)
    }

    /// True when the text is empty after folding: nothing but white space and invisible
    /// characters. A byte scan for ASCII, scalars otherwise (`trimmingCharacters(in:)` goes
    /// through NSString and was a visible share of a province run).
    public static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte >= 0x80 { return text.unicodeScalars.allSatisfy { isSpace($0.value) || isIgnorable($0.value) } }
            if byte > 0x20 && byte != 0x7F { return false }
        }
        return true
    }

    // MARK: - Implementation

    enum Mode {
        case fold, personName, lookupKey
    }

    static func transform(_ text: String, _ mode: Mode) -> String {
        if isAlreadyClean(text, mode) { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if isSpace(v) {
                if mode == .fold && !out.isEmpty { pendingSpace = true }
                continue
            }
            if isIgnorable(v) { continue }
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            switch mode {
            case .fold:
                break
            case .personName:
                if isMiddleDotVariant(v) { v = 0x00B7 }
            case .lookupKey:
                if v >= 0x41 && v <= 0x5A { v += 0x20 }
            }
            out.append(Unicode.Scalar(v)!)  // every value produced above is a valid scalar
        }
        return String(out)
    }

    /// One pass that decides whether `transform` would change the text at all.
    ///
    /// Runs on the string's UTF-8 bytes, decoding scalars by hand: iterating `unicodeScalars` (and
    /// `utf8`) costs several times more per character, and this runs on every value of every
    /// source (about 550 instructions a call that way).
    static func isAlreadyClean(_ text: String, _ mode: Mode) -> Bool {
        if let clean = text.utf8.withContiguousStorageIfAvailable({ isClean(ScalarValues(bytes: $0), mode) }) { return clean }
        return isClean(text.unicodeScalars.lazy.map(\.value), mode)
    }

    @inline(__always)
    static func isClean<S: Sequence>(_ values: S, _ mode: Mode) -> Bool where S.Element == UInt32 {
        var previousWasSpace = true  // a leading space is not clean
        var sawAny = false
        for v in values {
            sawAny = true
            if v == 0x20 {
                if mode != .fold || previousWasSpace { return false }
                previousWasSpace = true
                continue
            }
            if isSpace(v) || isIgnorable(v) { return false }
            if v >= 0xFF01 && v <= 0xFF5E { return false }
            switch mode {
            case .fold: break
            case .personName: if isMiddleDotVariant(v) && v != 0x00B7 { return false }
            case .lookupKey: if v >= 0x41 && v <= 0x5A { return false }
            }
            previousWasSpace = false
        }
        return !(sawAny && previousWasSpace)
    }

    /// The scalar values of valid UTF-8 (a Swift string's bytes always are).
    struct ScalarValues: Sequence, IteratorProtocol {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        @inline(__always)
        mutating func next() -> UInt32? {
            guard i < bytes.count else { return nil }
            let b0 = UInt32(bytes[i])
            if b0 < 0x80 {
                i += 1
                return b0
            }
            if b0 < 0xE0 {
                defer { i += 2 }
                return (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            }
            if b0 < 0xF0 {
                defer { i += 3 }
                return (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            }
            defer { i += 4 }
            return (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
        }
    }

    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        if v <= 0x20 { return true }  // C0 controls are typing debris, folded like spaces
        if v < 0x7F { return false }
        switch v {
        case 0x7F, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Invisible characters that only ever get in the way of comparisons.
    @inline(__always)
    static func isIgnorable(_ v: UInt32) -> Bool {
        v == 0x200B || v == 0x2060 || v == 0xFEFF
    }

    /// Middle-dot look-alikes, after full-width folding (so U+FF0E arrives as '.').
    @inline(__always)
    static func isMiddleDotVariant(_ v: UInt32) -> Bool {
        switch v {
        case 0x2E, 0xB7, 0x0387, 0x2022, 0x2027, 0x2219, 0x22C5, 0x30FB, 0xFF65: return true
        default: return false
        }
    }
}
