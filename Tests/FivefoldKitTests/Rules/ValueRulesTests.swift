import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class ValueRulesTests: XCTestCase {
    func findings(_ fields: [FieldID: String], register: [String: String] = ["520203100201": "青菜塘村"]) throws -> [Finding] {
        let config = try TestData.config()
        let context = RuleContext(config: config, asOf: DateParser.parse("2020-12-31")!, registries: Registries(), villageNames: register)
        var base: [FieldID: String] = [.householdID: "H1", .regionCode: "520203100201", .village: "青菜塘村"]
        base.merge(fields) { $1 }
        return TestData.findings(ValueRules(), TestData.case([TestData.household(base)]), context: context)
    }

    func testRegionCode_ConsistentWithTheRegisterRaisesNothing() throws {
        XCTAssertEqual(try findings([:]).map(\.rule), [])
        XCTAssertEqual(try findings([:], register: [:]).map(\.rule), [], "no register: structure only")
    }

    func testRegionCode_VillageNameDisagreesWithTheRegister() throws {
        let f = try findings([.village: "安乐村"])
        XCTAssertEqual(f.map(\.rule), ["value.invalid"])
        XCTAssertEqual(f.first?.field, "region_code")
        XCTAssertTrue(f.first!.message.contains("青菜塘村"), f.first!.message)
    }

    func testRegionCode_NotInTheRegisterOrNotARuralVillage() throws {
        XCTAssertEqual(try findings([.regionCode: "520203100202"]).map(\.field), ["region_code"])
        XCTAssertEqual(try findings([.regionCode: "520203100101"]).map(\.field), ["region_code"], "village part 101 is an urban community")
    }

    func testUnnormalisableValueIsReportedWithSourceAndRawText() throws {
        let c = TestData.case([HouseholdRecord(
            source: .wall, location: SourceLocation(file: "wall/cards.csv", line: 7),
            fields: [.householdID: TestData.value("H1"), .size: FieldValue(raw: "三口", normalized: nil, problem: "不是整数: 三口")])])
        let f = TestData.findings(ValueRules(), c, context: try TestData.context())
        XCTAssertEqual(f.map(\.rule), ["value.invalid"])
        XCTAssertEqual(f.first?.values.first?.source, .wall)
        XCTAssertEqual(f.first?.values.first?.value, "三口")
    }
}
