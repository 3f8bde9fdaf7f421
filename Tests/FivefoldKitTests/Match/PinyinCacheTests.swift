import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck

/// The syllable cache, shared and per thread: a cache in front of the shared one gives what the
/// shared one gives, and names score the same through either.
final class PinyinCacheTests: XCTestCase {
    func testSyllables_HomophonesShareOneAndASCIIIsLowerCased() {
        let cache = PinyinCache()
        XCTAssertEqual(cache.syllable("晓"), cache.syllable("小"))
        XCTAssertNotEqual(cache.syllable("晓"), cache.syllable("明"))
        XCTAssertEqual(cache.syllable("A"), "a")
    }

    func testFrontCache_GivesWhatTheSharedCacheGives() {
        let shared = PinyinCache()
        let front = PinyinCache(frontOf: shared)
        for c in "张晓明小阿依古丽买王德岩巖A".unicodeScalars {
            XCTAssertEqual(front.syllable(c), shared.syllable(c), "\(c)")
            // Asked again: from the front cache's own table now.
            XCTAssertEqual(front.syllable(c), shared.syllable(c), "\(c)")
        }
    }

    func testNameScores_TheSameThroughEitherCache() {
        let front = PinyinCache(frontOf: .shared)
        let pairs = [("张晓明", "张小明"), ("王德明", "王明德"), ("李建军", "李建国"), ("岩开", "巖开"), ("周建军", "吴丽")]
        for (a, b) in pairs {
            XCTAssertEqual(NameSimilarity.score(a, b, pinyin: front), NameSimilarity.score(a, b), "\(a) \(b)")
        }
        XCTAssertEqual(NameSimilarity.score("张晓明", "张小明", pinyin: front), 0.9)
        XCTAssertEqual(NameSimilarity.score("王德明", "王明德", pinyin: front), 0.8)
    }
}
