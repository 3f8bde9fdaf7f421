import XCTest
@testable import FivefoldModel

final class ChineseNumeralTests: XCTestCase {
    func testValues() {
        let cases: [(String, Int)] = [
            ("零", 0), ("〇", 0), ("一", 1), ("两", 2), ("二", 2), ("四", 4), ("九", 9), ("十", 10), ("十五", 15), ("二十", 20),
            ("二十五", 25), ("六十五", 65), ("九十九", 99), ("一百", 100), ("一百零二", 102), ("一百一十", 110), ("一百二十三", 123),
            ("两百", 200), ("九百九十九", 999),
        ]
        for (text, value) in cases { XCTAssertEqual(ChineseNumeral.value(text), value, text) }
    }

    /// Every value 0…999 written the standard way reads back as itself.
    func testRoundTrip() {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        func write(_ n: Int) -> String {
            if n == 0 { return "零" }
            var text = ""
            let (h, t, u) = (n / 100, n / 10 % 10, n % 10)
            if h > 0 { text += digits[h] + "百" }
            if t > 0 { text += (h == 0 && t == 1 ? "" : digits[t]) + "十" } else if h > 0 && u > 0 { text += "零" }
            if u > 0 { text += digits[u] }
            return text
        }
        for n in 0...999 { XCTAssertEqual(ChineseNumeral.value(write(n)), n, write(n)) }
    }

    func testNotNumerals() {
        for text in ["", "四五", "一零二", "十十", "百", "一百十", "一百五", "五十百", "一千", "万", "四人", "二十五岁", "a", "4", "一百零", "零五"] {
            XCTAssertNil(ChineseNumeral.value(text), text)
        }
    }

    /// Integer fields read them, with or without a count word; anything else stays invalid.
    func testIntegerFields() throws {
        let normalizer = FieldNormalizer(vocabulary: try Vocabulary.load(path: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("pipelines/vocabulary.yaml").path))
        for (raw, expected) in [("四", "4"), ("四人", "4"), ("四口", "4"), ("六十五岁", "65"), ("三个月", "3"), ("十二", "12"), ("4人", "4")] {
            XCTAssertEqual(normalizer.normalize(raw, kind: .integer).normalized, expected, raw)
        }
        for raw in ["四五人", "四只", "几个"] {
            XCTAssertNil(normalizer.normalize(raw, kind: .integer).normalized, raw)
        }
    }

    func testYears() throws {
        XCTAssertEqual(ChineseNumeral.year("二〇一四"), 2014)
        XCTAssertEqual(ChineseNumeral.year("二零二零"), 2020)
        XCTAssertNil(ChineseNumeral.year("二〇一"))
        XCTAssertNil(ChineseNumeral.year("两〇一四"))
        XCTAssertNil(ChineseNumeral.year("二千一四"))
        let normalizer = FieldNormalizer(vocabulary: Vocabulary())
        XCTAssertEqual(normalizer.normalize("二〇一四年", kind: .year).normalized, "2014")
        XCTAssertEqual(normalizer.normalize("二〇一八年度", kind: .year).normalized, "2018")
        XCTAssertEqual(normalizer.normalize("2016", kind: .year).normalized, "2016")
        XCTAssertNil(normalizer.normalize("二〇一", kind: .year).normalized)
    }

    func testDates() {
        XCTAssertEqual(DateParser.parse("二〇一六年三月五日")?.iso, "2016-03-05")
        XCTAssertEqual(DateParser.parse("二零一六年十二月三十一号")?.iso, "2016-12-31")
        XCTAssertEqual(DateParser.parse("一九六六年八月十二日")?.iso, "1966-08-12")
        XCTAssertNil(DateParser.parse("二〇一六年二月三十日"), "not a real day")
        XCTAssertNil(DateParser.parse("二〇一六年十三月五日"))
        XCTAssertNil(DateParser.parse("二〇一六年三月"))
        XCTAssertNil(ChineseNumeral.date("一六年三月五日"))
    }
}
