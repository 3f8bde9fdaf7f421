import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class TextNormalizerTests: XCTestCase {
    func testFold_FullWidthDigitsLettersAndPunctuation() {
        XCTAssertEqual(TextNormalizer.fold("５２０１０２"), "520102")
        XCTAssertEqual(TextNormalizer.fold("ＡＢｃ"), "ABc")
        XCTAssertEqual(TextNormalizer.fold("已脱贫（享受政策）"), "已脱贫(享受政策)")
        XCTAssertEqual(TextNormalizer.fold("因病，因残；"), "因病,因残;")
        XCTAssertEqual(TextNormalizer.fold("！～"), "!~")
    }

    func testFold_TrimsAndCollapsesAllWhiteSpace() {
        XCTAssertEqual(TextNormalizer.fold("\u{3000}张三\u{3000}"), "张三")
        XCTAssertEqual(TextNormalizer.fold(" a \t\t b\u{00A0}\u{00A0}c\r\n"), "a b c")
        XCTAssertEqual(TextNormalizer.fold("产业\u{2003}扶贫"), "产业 扶贫")
        XCTAssertEqual(TextNormalizer.fold("\u{FEFF}户编号"), "户编号")  // BOM left on a header
        XCTAssertEqual(TextNormalizer.fold("张\u{200B}三"), "张三")
        XCTAssertEqual(TextNormalizer.fold("  \t\u{3000} "), "")
        XCTAssertEqual(TextNormalizer.fold(""), "")
    }

    func testFold_CleanTextIsReturnedUnchanged() {
        XCTAssertEqual(TextNormalizer.fold("plain ascii text"), "plain ascii text")
        XCTAssertEqual(TextNormalizer.fold("贵州省 六盘水市"), "贵州省 六盘水市")
        XCTAssertEqual(TextNormalizer.fold("a  b"), "a b")  // double space is not clean
        XCTAssertEqual(TextNormalizer.fold(" a"), "a")
        XCTAssertEqual(TextNormalizer.fold("a "), "a")
    }

    func testPersonName_UnifiesEveryMiddleDotVariant() {
        let variants = ["·", "•", "．", "・", "\u{00B7}", "\u{2022}", "\u{FF0E}", "\u{30FB}", ".", "\u{FF65}", "\u{2027}"]
        for dot in variants {
            XCTAssertEqual(
                TextNormalizer.personName("买买提\(dot)艾力"), "买买提\u{00B7}艾力", "variant U+\(String(dot.unicodeScalars.first!.value, radix: 16))")
        }
    }

    func testPersonName_RemovesInnerSpaces() {
        XCTAssertEqual(TextNormalizer.personName(" 张  三 "), "张三")
        XCTAssertEqual(TextNormalizer.personName("买买提 · 艾力"), "买买提·艾力")
        XCTAssertEqual(TextNormalizer.personName("阿依古丽\u{3000}."), "阿依古丽·")
        XCTAssertEqual(TextNormalizer.personName("王小明"), "王小明")
    }

    func testLookupKey_IgnoresSpacesWidthAndASCIICase() {
        XCTAssertEqual(TextNormalizer.lookupKey("Ａ 级"), "a级")
        XCTAssertEqual(TextNormalizer.lookupKey("已脱贫 （享受政策）"), "已脱贫(享受政策)")
        XCTAssertEqual(TextNormalizer.lookupKey("True"), "true")
        XCTAssertEqual(TextNormalizer.lookupKey("yes"), "yes")
    }

    func testIsWhiteSpace() {
        XCTAssertTrue(TextNormalizer.isWhiteSpace("\u{3000}"))
        XCTAssertTrue(TextNormalizer.isWhiteSpace("\u{00A0}"))
        XCTAssertTrue(TextNormalizer.isWhiteSpace("\t"))
        XCTAssertFalse(TextNormalizer.isWhiteSpace("a"))
        XCTAssertFalse(TextNormalizer.isWhiteSpace("张"))
    }
}
