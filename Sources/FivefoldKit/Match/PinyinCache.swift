import Foundation

/// Han character → toneless pinyin syllable, transliterated once per distinct character.
///
/// ICU's Mandarin-to-Latin transform costs ~50 µs a call here (TECHNOTES), far too slow per
/// name for millions of members, so each character is transliterated once and cached; the
/// cache is bounded by the number of distinct characters in names (a few thousand).
public final class PinyinCache: @unchecked Sendable {
    public static let shared = PinyinCache()

    private var syllables: [Character: String] = [:]
    private let lock = NSLock()

    public init() {}

    /// The syllable of one character; non-Han characters map to themselves.
    public func syllable(_ c: Character) -> String {
        if c.isASCII { return String(c).lowercased() }
        lock.lock()
        if let s = syllables[c] {
            lock.unlock()
            return s
        }
        lock.unlock()
        let latin = String(c).applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false) ?? String(c)
        lock.lock()
        syllables[c] = latin
        lock.unlock()
        return latin
    }

    /// The syllables of a name, one per character.
    public func syllables(_ name: String) -> [String] { name.map(syllable) }
}
