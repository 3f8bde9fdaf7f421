import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class DelimiterSnifferTests: XCTestCase {
    func testSniff_CommaTabPipeSemicolon() {
        XCTAssertEqual(DelimiterSniffer.sniff(Array("户编号,姓名,年龄\n1,张三,40\n2,李四,30\n".utf8)), UInt8(ascii: ","))
        XCTAssertEqual(DelimiterSniffer.sniff(Array("户编号\t姓名\t备注\n1\t张三\t甲,乙\n2\t李四\t丙,丁,戊\n".utf8)), 0x09)
        XCTAssertEqual(DelimiterSniffer.sniff(Array("a|b|c\n1|2|3\n".utf8)), UInt8(ascii: "|"))
        XCTAssertEqual(DelimiterSniffer.sniff(Array("a;b\n1;\"x;y\"\n".utf8)), UInt8(ascii: ";"))
        XCTAssertNil(DelimiterSniffer.sniff(Array("姓名\n张三\n".utf8)))
    }

    func testSniff_TitleLineAndGBKTrailBytesDoNotMislead() {
        // 表 in GBK is B1 ED, and 亅 is 81 7C: its trail byte is `|`. A title line above the header.
        let text = "建档立卡贫困户家庭基本信息表\r\n户编号\t姓名\t亅\r\n1\t张三\t亅\r\n2\t李四\t亅\r\n"
        let bytes = gbk(text)
        XCTAssertTrue(bytes.contains(0x7C), "the sample holds a GBK trail byte equal to |")
        XCTAssertEqual(DelimiterSniffer.sniff(bytes), 0x09)
    }
}
