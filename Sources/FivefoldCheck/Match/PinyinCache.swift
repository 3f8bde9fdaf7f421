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
        if let s = syllables[c.value] {
            lock.unlock()
            return s
        }
        lock.unlock()
        let text = String(Character(c))
        let latin = text.applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false) ?? text
        lock.lock()
        syllables[c.value] = latin
        lock.unlock()
        return latin
    }

    /// The syllables of a name, one per character.
    public func syllables(_ name: String) -> [String] { name.unicodeScalars.map(syllable) }
}
