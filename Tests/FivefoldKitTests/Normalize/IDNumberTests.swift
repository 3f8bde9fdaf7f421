import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Check characters here are computed by hand from GB 11643-1999, independently of the code:
/// check = "10X98765432"[Σ dᵢ·wᵢ mod 11], weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
final class IDNumberTests: XCTestCase {
    func testWeightsAndCheckCharacters_MatchTheStandard() {
        XCTAssertEqual(IDNumber.weights, [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
        XCTAssertEqual(String(IDNumber.checkCharacters), "10X98765432")
    }

    /// 11010519491231002X, the standard's own example.
    ///   digits   1  1  0  1  0  5  1  9  4  9  1  2  3  1  0  0  2
    ///   weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    ///   products 7  9  0  5  0 20  2  9 24 27  7 18 30  5  0  0  4  → Σ = 167
    ///   167 mod 11 = 2 → "10X98765432"[2] = X
    func testParse_StandardExampleWithCheckX() {
        XCTAssertEqual(7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0 + 0 + 4, 167)
        XCTAssertEqual(167 % 11, 2)
        let check = IDNumber.parse("11010519491231002X")
        XCTAssertTrue(check.isValid)
        XCTAssertTrue(check.isFormatValid)
        XCTAssertTrue(check.isChecksumValid)
        XCTAssertEqual(check.normalized, "11010519491231002X")
        XCTAssertEqual(check.expectedCheckCharacter, "X")
        XCTAssertEqual(check.birthDate, CivilDate(year: 1949, month: 12, day: 31))
        XCTAssertEqual(check.sex, "女")  // digit 17 = 2, even
        XCTAssertEqual(check.regionPrefix, "110105")
        XCTAssertFalse(check.wasUpgraded)
        XCTAssertNil(check.problem)
        XCTAssertEqual(IDNumber.checkCharacter("11010519491231002"), "X")
    }

    /// 52010219800101123?
    ///   digits   5  2  0  1  0  2  1  9  8  0  0  1  0  1  1  2  3
    ///   products 35 18  0  5  0  8  2  9 48  0  0  9  0  5  8  8  6  → Σ = 161
    ///   161 mod 11 = 7 → "10X98765432"[7] = 5
    func testParse_DigitCheckCharacterAndMale() {
        XCTAssertEqual(35 + 18 + 0 + 5 + 0 + 8 + 2 + 9 + 48 + 0 + 0 + 9 + 0 + 5 + 8 + 8 + 6, 161)
        XCTAssertEqual(161 % 11, 7)
        let check = IDNumber.parse("520102198001011235")
        XCTAssertTrue(check.isValid)
        XCTAssertEqual(check.sex, "男")  // digit 17 = 3, odd
        XCTAssertEqual(check.birthDate?.iso, "1980-01-01")
        XCTAssertEqual(check.regionPrefix, "520102")
    }

    /// 52262719900315015? typed with a lower-case x
    ///   digits   5  2  2  6  2  7  1  9  9  0  0  3  1  5  0  1  5
    ///   products 35 18 20 30 16 28  2  9 54  0  0 27 10 25  0  4 10  → Σ = 288
    ///   288 mod 11 = 2 → X
    func testParse_LowerCaseXIsUpperCased() {
        XCTAssertEqual(35 + 18 + 20 + 30 + 16 + 28 + 2 + 9 + 54 + 0 + 0 + 27 + 10 + 25 + 0 + 4 + 10, 288)
        XCTAssertEqual(288 % 11, 2)
        let check = IDNumber.parse("52262719900315015x")
        XCTAssertTrue(check.isValid)
        XCTAssertEqual(check.normalized, "52262719900315015X")
        XCTAssertEqual(check.sex, "男")
        XCTAssertEqual(check.birthDate?.iso, "1990-03-15")
    }

    /// 52262719900315004?
    ///   products 35 18 20 30 16 28  2  9 54  0  0 27 10 25  0  0  8  → Σ = 282
    ///   282 mod 11 = 7 → 5
    func testParse_Female() {
        XCTAssertEqual(35 + 18 + 20 + 30 + 16 + 28 + 2 + 9 + 54 + 0 + 0 + 27 + 10 + 25 + 0 + 0 + 8, 282)
        let check = IDNumber.parse("522627199003150045")
        XCTAssertTrue(check.isValid)
        XCTAssertEqual(check.sex, "女")
    }

    /// 522627650315004 (15 digits) → 52262719650315004?
    ///   products 35 18 20 30 16 28  2  9 36 15  0 27 10 25  0  0  8  → Σ = 279
    ///   279 mod 11 = 4 → 8
    func testParse_FifteenDigitsAreUpgraded() {
        XCTAssertEqual(35 + 18 + 20 + 30 + 16 + 28 + 2 + 9 + 36 + 15 + 0 + 27 + 10 + 25 + 0 + 0 + 8, 279)
        XCTAssertEqual(279 % 11, 4)
        let check = IDNumber.parse("522627650315004")
        XCTAssertTrue(check.isValid)
        XCTAssertTrue(check.wasUpgraded)
        XCTAssertEqual(check.normalized, "522627196503150048")
        XCTAssertEqual(check.birthDate?.iso, "1965-03-15")
        XCTAssertEqual(check.sex, "女")  // the 15th digit, 4
        XCTAssertEqual(IDNumber.upgrade("522627650315004"), "522627196503150048")
        XCTAssertNil(IDNumber.upgrade("522627196503150048"))
    }

    func testParse_TypingNoiseIsRemoved() {
        XCTAssertEqual(IDNumber.parse("５２０１０２１９８００１０１１２３５").normalized, "520102198001011235")
        XCTAssertEqual(IDNumber.parse(" 520102 19800101 1235 ").normalized, "520102198001011235")
        XCTAssertEqual(IDNumber.parse("'520102198001011235").normalized, "520102198001011235")
        XCTAssertEqual(IDNumber.parse("52262719900315015ｘ").normalized, "52262719900315015X")
    }

    func testParse_BadCheckCharacterIsAChecksumProblem() {
        let check = IDNumber.parse("520102198001011236")
        XCTAssertTrue(check.isFormatValid)
        XCTAssertFalse(check.isChecksumValid)
        XCTAssertFalse(check.isValid)
        XCTAssertEqual(check.normalized, "520102198001011236")  // kept: it still names the person
        XCTAssertEqual(check.expectedCheckCharacter, "5")
        XCTAssertEqual(check.problem, .checksum(expected: "5", found: "6"))
        XCTAssertEqual(check.problem?.ruleID, RuleID.idChecksum)
        XCTAssertEqual(check.birthDate?.iso, "1980-01-01")

        let x = IDNumber.parse("52010219800101123X")
        XCTAssertEqual(x.problem, .checksum(expected: "5", found: "X"))
        let y = IDNumber.parse("110105194912310021")
        XCTAssertEqual(y.problem, .checksum(expected: "X", found: "1"))
    }

    func testParse_ImpossibleBirthDateIsAFormatProblem() {
        for raw in ["520102198002301234", "441900198502290019", "520102198013011234", "520102800230123",
            "520102000001011234", "520102299901011234"]
        {
            let check = IDNumber.parse(raw)
            XCTAssertFalse(check.isFormatValid, raw)
            XCTAssertNil(check.normalized, raw)
            XCTAssertEqual(check.problem?.ruleID, RuleID.idFormat, raw)
        }
        XCTAssertEqual(IDNumber.parse("520102198002301234").problem, .format("出生日期19800230不存在"))
        // 1988 is a leap year: 29 February exists.
        XCTAssertTrue(IDNumber.parse("520102198802294415").isFormatValid)
    }

    func testParse_WrongLengthOrCharactersIsAFormatProblem() {
        let cases = [
            "52010219800101123", "5201021980010112355", "5201021980010112", "52010219800101", "5",
            "52010219800101123A", "5201021980X1011235", "X20102198001011235", "52010219800101123 5 6",
            "5.20102E+17", "张三", "52010280010112X",
        ]
        for raw in cases {
            let check = IDNumber.parse(raw)
            XCTAssertFalse(check.isFormatValid, raw)
            XCTAssertFalse(check.isChecksumValid, raw)
            XCTAssertNil(check.normalized, raw)
            XCTAssertNil(check.birthDate, raw)
            XCTAssertNil(check.sex, raw)
            XCTAssertEqual(check.problem?.ruleID, RuleID.idFormat, raw)
        }
        XCTAssertEqual(IDNumber.parse("52010219800101123").problem, .format("应为15位或18位，实为17位"))
        XCTAssertEqual(IDNumber.parse("").problem?.ruleID, RuleID.idFormat)
    }

    func testProblem_MessagesAreChinese() {
        XCTAssertEqual(IDNumberProblem.checksum(expected: "5", found: "6").message, "身份证号校验位错误: 应为5, 实为6")
        XCTAssertEqual(IDNumberProblem.format("应为15或18位, 实为17位").message, "身份证号格式错误: 应为15或18位, 实为17位")
    }

    func testCheckCharacter_RejectsNonDigits() {
        XCTAssertNil(IDNumber.checkCharacter("1101051949123100"))
        XCTAssertNil(IDNumber.checkCharacter("1101051949123100X"))
        XCTAssertEqual(IDNumber.checkCharacter("52010219800101123"), "5")
    }

    /// The fast path for IDs written as they should be (`parseClean`) gives exactly what the
    /// general path gives, and declines everything else: valid and wrong check characters, every
    /// check value, impossible dates and years, a lower-case x, 15 and 17 digits, full-width
    /// digits, spaces and the spreadsheet apostrophe.
    func testCleanFastPath_AgreesWithTheGeneralPath() {
        var rng = SystemRandomNumberGenerator()
        var inputs: [String] = ["11010519491231002X", "11010519491231002x", "110105194912310021", "110105194902300021",
            "110105185002300021", "110105210112310021", "11010519491231002", "110105491231002", "１１0105194912310021",
            "110105 194912310021", "'11010519491231002X", "1101051949123100 2X", "110105194912310X2X", "1101051949123100A2"]
        for _ in 0..<2_000 {
            var first17 = (0..<6).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            first17 += String(format: "%04d%02d%02d", Int.random(in: 1840...2110, using: &rng), Int.random(in: 0...13, using: &rng), Int.random(in: 0...32, using: &rng))
            first17 += (0..<3).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            let right = String(IDNumber.checkCharacter(first17)!)
            inputs += [first17 + right, first17 + "X", first17 + "0", first17 + "7"]
        }
        var fast = 0
        for raw in inputs {
            let general = IDNumber.parseAny(raw)
            if let clean = IDNumber.parseClean(raw) {
                fast += 1
                XCTAssertEqual(clean, general, raw)
                XCTAssertEqual(clean.regionPrefix, general.regionPrefix, raw)
            } else {
                // Declined: only text the general path reads differently or finds wrong.
                XCTAssert(!general.isFormatValid || general.normalized != raw, raw)
            }
            XCTAssertEqual(IDNumber.parse(raw), general, raw)
        }
        XCTAssertGreaterThan(fast, 2_000, "the fast path takes the well-formed numbers")
    }
}
