import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class ExactDecimalTests: XCTestCase {
    private func text(_ s: String) -> String? { ExactDecimal.parse(s)?.plainText }

    func testParse_PlainText() {
        XCTAssertEqual(text("75.50"), "75.5")
        XCTAssertEqual(text("075.500"), "75.5")
        XCTAssertEqual(text("12000"), "12000")
        XCTAssertEqual(text("-0"), "0")
        XCTAssertEqual(text("+3"), "3")
        XCTAssertEqual(text(".5"), "0.5")
        XCTAssertEqual(text("5."), "5")
        XCTAssertEqual(text("0.05"), "0.05")
        XCTAssertEqual(text("-0.25"), "-0.25")
        XCTAssertEqual(text("1,234,567"), "1234567")
        XCTAssertEqual(text("75.5000000000000000000000000"), "75.5")
        XCTAssertEqual(text("999999999999999999"), "999999999999999999")
    }

    func testParse_Rejects() {
        for bad in ["", ".", "-", "+-1", "1,23", "12,34,567", ",123", "1234,567", "1,234,", "1.2.3", "1e5", "1 2",
            "9999999999999999999", "abc"]
        {
            XCTAssertNil(ExactDecimal.parse(bad), bad)
        }
    }

    func testMultiplied_IsExact() {
        let wan = ExactDecimal.parse("10000")!
        let half = ExactDecimal.parse("0.5")!
        XCTAssertEqual(ExactDecimal.parse("1.2")!.multiplied(by: wan)?.plainText, "12000")
        XCTAssertEqual(ExactDecimal.parse("0.1")!.multiplied(by: wan)?.plainText, "1000")
        XCTAssertEqual(ExactDecimal.parse("801")!.multiplied(by: half)?.plainText, "400.5")
        XCTAssertEqual(ExactDecimal.parse("3.33")!.multiplied(by: half)?.plainText, "1.665")
        // Scaling by a power of ten only moves the exponent; it never overflows.
        XCTAssertEqual(ExactDecimal.parse("999999999999999999")!.multiplied(by: wan)?.plainText, "9999999999999999990000")
        XCTAssertNil(ExactDecimal.parse("999999999999999999")!.multiplied(by: ExactDecimal.parse("0.25")!))
        XCTAssertEqual(ExactDecimal.parse("1.2")!, ExactDecimal.parse("1.20")!)
    }

    func testIntValue() {
        XCTAssertEqual(ExactDecimal.parse("2016.0")?.intValue, 2016)
        XCTAssertEqual(ExactDecimal.parse("12000")?.intValue, 12000)
        XCTAssertNil(ExactDecimal.parse("2016.5")?.intValue)
    }
}
