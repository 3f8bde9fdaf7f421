import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// SPEC §2: the format noise between sources must normalise to the same canonical value as the
/// clean form. Each pair is (noisy, clean); both must give the same non-nil canonical value.
final class FormatNoiseTests: XCTestCase {
    private let normalizer = ShippedVocabulary.normalizer

    private func assertSame(
        _ kind: FieldKind, _ pairs: [(noisy: String, clean: String)], file: StaticString = #filePath, line: UInt = #line
    ) {
        for (noisy, clean) in pairs {
            let a = normalizer.normalize(noisy, kind: kind)
            let b = normalizer.normalize(clean, kind: kind)
            XCTAssertNotNil(b.normalized, "clean form \(clean) did not normalise", file: file, line: line)
            XCTAssertEqual(a.normalized, b.normalized, "\(noisy) vs \(clean)", file: file, line: line)
            XCTAssertNil(a.problem, "\(noisy): \(a.problem ?? "")", file: file, line: line)
        }
    }

    func testFullWidthDigits() {
        assertSame(.integer, [("３", "3"), ("１２", "12")])
        assertSame(.quantity(unit: "元"), [("３５００", "3500"), ("３，５００．５０", "3500.5")])
        assertSame(.idNumber, [("５２０１０２１９８００１０１１２３５", "520102198001011235")])
        assertSame(.regionCode, [("５２０２２１１０４２０３", "520221104203")])
        assertSame(.date, [("２０１６－０３－０５", "2016-03-05"), ("２０１６年３月５日", "2016-03-05")])
        assertSame(.year, [("２０１６", "2016")])
        assertSame(.phone, [("１３８０８５１１２３４", "13808511234")])
        assertSame(.enumeration("house_grade"), [("Ａ", "A"), ("ｃ级", "C")])
    }

    func testChineseAndOtherDateForms() {
        assertSame(.date, [
            ("2016年3月5日", "2016-03-05"), ("2016年03月05号", "2016-03-05"), ("2016/3/5", "2016-03-05"),
            ("2016.3.5", "2016-03-05"), ("20160305", "2016-03-05"), ("42434", "2016-03-05"),
            ("2016-03-05 00:00:00", "2016-03-05"),
        ])
    }

    func testBooleans() {
        assertSame(.boolean, [
            ("Y", "是"), ("y", "是"), ("1", "是"), ("√", "是"), ("N", "否"), ("n", "否"), ("0", "否"), ("×", "否"),
        ])
    }

    func testTenThousandYuanAndJin() {
        assertSame(.quantity(unit: "元"), [("1.2万元", "12000"), ("1.2 万元", "12000"), ("3,500元", "3500")])
        assertSame(.quantity(unit: "公斤"), [("800斤", "400"), ("400公斤", "400")])
    }

    func testStraySpaces() {
        assertSame(.text, [("  贵州省\u{3000} 六盘水市 ", "贵州省 六盘水市")])
        assertSame(.personName, [(" 张 三 ", "张三"), ("买买提 · 艾力", "买买提·艾力")])
        assertSame(.integer, [(" 3 ", "3")])
        assertSame(.idNumber, [(" 520102 198001011235 ", "520102198001011235")])
        assertSame(.date, [(" 2016-03-05\t", "2016-03-05")])
        assertSame(.enumeration("status"), [(" 已脱贫 ", "已脱贫"), ("已脱贫 （享受政策）", "已脱贫")])
        assertSame(.set("health"), [("残疾 , 长期慢性病", "长期慢性病、残疾")])
        assertSame(.boolean, [(" 是 ", "是")])
    }

    func testMiddleDots() {
        assertSame(.personName, [
            ("买买提•艾力", "买买提·艾力"), ("买买提．艾力", "买买提·艾力"), ("买买提・艾力", "买买提·艾力"),
            ("买买提.艾力", "买买提·艾力"),
        ])
    }

    func testSynonyms() {
        assertSame(.enumeration("status"), [("脱贫", "已脱贫"), ("稳定脱贫", "已脱贫"), ("预脱贫", "未脱贫")])
        assertSame(.idNumber, [("52262719900315015x", "52262719900315015X"), ("522627650315004", "522627196503150048")])
    }
}
