import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class RegionCodeTests: XCTestCase {
    func testParts() throws {
        let code = try XCTUnwrap(RegionCode("520221104203"))
        XCTAssertEqual(code.province, "52")
        XCTAssertEqual(code.city, "02")
        XCTAssertEqual(code.county, "21")
        XCTAssertEqual(code.township, "104")
        XCTAssertEqual(code.village, "203")
        XCTAssertEqual(code.cityCode, "5202")
        XCTAssertEqual(code.countyCode, "520221")
        XCTAssertEqual(code.townshipCode, "520221104")
        XCTAssertEqual(code.villageNumber, 203)
        XCTAssertEqual(code.description, "520221104203")
    }

    func testIsRuralVillage_ByVillagePart() {
        XCTAssertTrue(RegionCode("520221104200")!.isRuralVillage)
        XCTAssertTrue(RegionCode("520221104399")!.isRuralVillage)
        XCTAssertFalse(RegionCode("520221104400")!.isRuralVillage)
        XCTAssertFalse(RegionCode("520221104001")!.isRuralVillage)
        XCTAssertTrue(RegionCode("520221104001")!.isUrbanCommunity)
        XCTAssertTrue(RegionCode("520221104199")!.isUrbanCommunity)
        XCTAssertFalse(RegionCode("520221104199")!.isRuralVillage)
        XCTAssertFalse(RegionCode("520221104200")!.isUrbanCommunity)
    }

    func testValidate_FoldsTypingNoise() {
        XCTAssertEqual(RegionCode("５２０２２１１０４２０３")?.digits, "520221104203")
        XCTAssertEqual(RegionCode(" 520221 104 203 ")?.digits, "520221104203")
    }

    func testValidate_AcceptsCityWithoutCountyLevel() {
        XCTAssertNotNil(RegionCode("441900003201"))  // 东莞: county part 00
    }

    func testValidate_GivesTheReason() {
        func reason(_ text: String) -> String? {
            if case .failure(let problem) = RegionCode.validate(text) { return problem.reason }
            return nil
        }
        XCTAssertEqual(reason("52022110420"), "应为12位数字")
        XCTAssertEqual(reason("5202211042031"), "应为12位数字")
        XCTAssertEqual(reason("52022110420A"), "应为12位数字")
        XCTAssertEqual(reason("5.20221E+11"), "应为12位数字")
        XCTAssertEqual(reason("002211042031"), "省级代码无效")
        XCTAssertEqual(reason("990221104203"), "省级代码无效")
        XCTAssertEqual(reason("520021104203"), "地级代码为00")
        XCTAssertEqual(reason("520221000203"), "乡级代码为000")
        XCTAssertEqual(reason("520221104000"), "不是村级代码(村级部分为000)")
        XCTAssertNil(reason("520221104203"))
        if case .failure(let problem) = RegionCode.validate("5202") {
            XCTAssertEqual(problem.description, "不是有效行政区划代码: 5202 (应为12位数字)")
        } else {
            XCTFail("5202 validated")
        }
    }

    func testComparable_GroupsByPrefix() {
        let codes = ["520221104203", "520201001201", "520221104201"].compactMap { RegionCode($0) }
        XCTAssertEqual(codes.sorted().map(\.digits), ["520201001201", "520221104201", "520221104203"])
    }
}
