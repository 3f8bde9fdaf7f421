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
    /// The shared cache this one stands in front of, for one thread (`init(frontOf:)`).
    private let parent: PinyinCache?

    public init() { parent = nil }

    /// A cache for one thread in front of `parent`: read without the lock, a miss asks `parent`
    /// (under its lock) once per character. Member linkage looks a syllable up for every
    /// differing character of every candidate pair, and each look-up of the shared cache took
    /// and released its lock (and waited on it while another thread held it). Never use it from
    /// two threads at once.
    public init(frontOf parent: PinyinCache) { self.parent = parent }

    /// The syllable of one character; non-Han characters map to themselves (ASCII lower-cased).
    public func syllable(_ c: Unicode.Scalar) -> String {
        if c.isASCII { return String(Character(c)).lowercased() }
        if let parent {
            if let s = syllables[c.value] { return s }
            let s = parent.syllable(c)
            syllables[c.value] = s
            return s
        }
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
