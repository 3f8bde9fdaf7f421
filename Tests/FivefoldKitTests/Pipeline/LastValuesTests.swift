import XCTest
@testable import FivefoldModel
@testable import FivefoldPipeline

/// The one-entry cache per field in front of the normalisation memo: the same bytes as the
/// record before give the same object without asking the memo; anything else asks it; a field
/// whose values seldom repeat is no longer compared.
final class LastValuesTests: XCTestCase {
    private final class Maker {
        var calls = 0
        func make(_ text: String) -> FieldValue.Shared {
            calls += 1
            return FieldValue.Shared(FieldValue(raw: text, normalized: text))
        }
    }

    private func look(_ last: LastValues, _ text: String, level: Int = 0, code: UInt8 = 7, _ maker: Maker) -> FieldValue.Shared {
        var text = text
        return text.withUTF8 { bytes in last.shared(bytes, level: level, code: code) { maker.make(String(decoding: bytes, as: UTF8.self)) } }
    }

    func testSameBytesAsTheRecordBefore_SameObjectWithoutMaking() {
        let last = LastValues(), maker = Maker()
        let first = look(last, "健康", maker)
        let second = look(last, "健康", maker)
        XCTAssertTrue(first === second)
        XCTAssertEqual(maker.calls, 1)
        let other = look(last, "残疾", maker)
        XCTAssertEqual(other.value.raw, "残疾")
        XCTAssertEqual(maker.calls, 2)
        XCTAssertEqual(look(last, "健康", maker).value.raw, "健康", "only the last value is kept")
        XCTAssertEqual(maker.calls, 3)
    }

    func testBlankAndPrefix_AreDifferentValues() {
        let last = LastValues(), maker = Maker()
        XCTAssertEqual(look(last, "", maker).value.raw, "")
        XCTAssertEqual(look(last, "", maker).value.raw, "")
        XCTAssertEqual(maker.calls, 1)
        XCTAssertEqual(look(last, "是", maker).value.raw, "是")
        XCTAssertEqual(look(last, "是否", maker).value.raw, "是否", "same first bytes, longer")
        XCTAssertEqual(look(last, "是", maker).value.raw, "是")
        XCTAssertEqual(maker.calls, 4)
    }

    func testFieldsAndLevels_KeptApart() {
        let last = LastValues(), maker = Maker()
        _ = look(last, "1", level: 0, code: 3, maker)
        XCTAssertEqual(look(last, "2", level: 1, code: 3, maker).value.raw, "2")
        XCTAssertEqual(look(last, "3", level: 0, code: 4, maker).value.raw, "3")
        XCTAssertEqual(look(last, "1", level: 0, code: 3, maker).value.raw, "1")
        XCTAssertEqual(maker.calls, 3, "each field's last value is its own")
    }

    func testLongValue_NotKept() {
        let last = LastValues(), maker = Maker()
        let long = String(repeating: "贵州省六盘水市", count: 3)
        XCTAssertGreaterThan(long.utf8.count, LastValues.width)
        XCTAssertEqual(look(last, long, maker).value.raw, long)
        XCTAssertEqual(look(last, long, maker).value.raw, long)
        XCTAssertEqual(maker.calls, 2)
    }

    func testSeldomRepeating_StopsComparing() {
        let last = LastValues(), maker = Maker()
        for i in 0..<Int(LastValues.trial) { _ = look(last, "52020319700101\(String(format: "%04d", i))", maker) }
        XCTAssertEqual(maker.calls, Int(LastValues.trial))
        // Off now: the same value twice in a row is made twice, and still right.
        XCTAssertEqual(look(last, "520203197001010001", maker).value.raw, "520203197001010001")
        XCTAssertEqual(look(last, "520203197001010001", maker).value.raw, "520203197001010001")
        XCTAssertEqual(maker.calls, Int(LastValues.trial) + 2)
    }

    func testOftenRepeating_StaysOn() {
        let last = LastValues(), maker = Maker()
        for i in 0..<(4 * Int(LastValues.trial)) { _ = look(last, i % 8 == 0 ? "否" : "是", maker) }
        // 否 是 是 是 是 是 是 是 否 …: a quarter of the look-ups miss.
        XCTAssertLessThan(maker.calls, 2 * Int(LastValues.trial))
        let before = maker.calls
        _ = look(last, "否", maker)
        _ = look(last, "否", maker)
        XCTAssertEqual(maker.calls, before + 1, "still compared")
    }
}
