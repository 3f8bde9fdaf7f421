import Foundation

/// Han character → toneless pinyin syllable, transliterated once per distinct character.
///
/// ICU's Mandarin-to-Latin transform costs ~50 µs a call here (TECHNOTES), far too slow per
/// name for millions of members, so each character is transliterated once and cached; the
/// cache is bounded by the number of distinct characters in names (a few thousand).
public final class PinyinCache: @unchecked Sendable {
    public static let shared = PinyinCache()

    private var syllables: [UInt32: String] = [:]
    private let lock = NSLock()

    public init() {}

    /// The syllable of one character; non-Han characters map to themselves (ASCII lower-cased).
    public func syllable(_ c: Unicode.Scalar) -> String {
        if c.isASCII { return String(Character(c)).lowercased() }
        lock.lock()
        defer { lock.unlock() }
        if let s = syllables[c.value] { return s }
        // Computed under the lock: with the lock released here, two threads missing the same
        // character both ran ICU's transliteration (up to 0.7 G instructions of a 10 k run, and a
        // different amount each run). Each character is transliterated once per run, so the
        // other thread waits at most one transliteration.
        let text = String(Character(c))
        let latin = text.applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false) ?? text
        syllables[c.value] = latin
        return latin
    }

    /// The syllables of a name, one per character.
    public func syllables(_ name: String) -> [String] { name.unicodeScalars.map(syllable) }
}
