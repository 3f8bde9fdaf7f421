import XCTest
@testable import FivefoldModel

/// `TextNormalizer.isAlreadyClean` decodes UTF-8 by hand: it must decide as the scalar walk does,
/// and never call text clean that `transform` would change.
final class CleanTextScanTests: XCTestCase {
    func testByteScanAgreesWithTheScalarWalk() {
        let texts = [
            "", " ", "a", " a", "a ", "a  b", "a b", "王德明", "王德明 ", "王 德明", "王\u{3000}德明", "买买提·艾力", "买买提.艾力",
            "买买提•艾力", "ＡＢＣ", "已脱贫（享受政策）", "Y", "y", "\t", "a\u{200B}b", "\u{FEFF}x", "é", "e\u{0301}", "🙂", "𠀋家",
            "A级", "a\u{7F}", "\u{85}", "\u{A0}x", "12 000", "5202031002010001", "ß·", "・", "\u{2027}",
        ]
        for text in texts {
            for mode in [TextNormalizer.Mode.fold, .personName, .lookupKey] {
                let bytes = TextNormalizer.isAlreadyClean(text, mode)
                XCTAssertEqual(bytes, TextNormalizer.isClean(text.unicodeScalars.lazy.map(\.value), mode), "\(text.debugDescription) \(mode)")
                if bytes { XCTAssertEqual(TextNormalizer.transform(text, mode), text) }
            }
        }
    }
}
