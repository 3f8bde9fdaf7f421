import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class HouseholdMeasuresRuleTests: XCTestCase {
    func household(_ fields: [FieldID: String], members: [[FieldID: String]] = [[.health: "健康"]]) -> HouseholdCase {
        var base: [FieldID: String] = [.householdID: "H1", .status: "未脱贫", .houseGrade: "A", .cause: "缺资金", .householdType: "农场主型", .measures: "产业扶持"]
        base.merge(fields) { $1 }
        for (k, v) in base where v.isEmpty { base[k] = nil }
        let people = members.enumerated().map { i, m in TestData.member(m.merging([.name: "成员\(i)", .relation: i == 0 ? "户主" : "之子"]) { a, _ in a }) }
        return TestData.case([TestData.household(base, members: people)])
    }

    func kinds(_ c: HouseholdCase, rules: String = "") throws -> [String] {
        TestData.findings(HouseholdMeasuresRule(), c, context: try TestData.fullyMappedContext(rules: rules)).map(\.discriminator)
    }

    func testNoMeasuresAtAll() throws {
        XCTAssertEqual(try kinds(household([.measures: ""])), ["none"])
        XCTAssertEqual(try kinds(household([.measures: "", .status: "非贫困户"])), [])
        XCTAssertEqual(try kinds(household([.measures: "", .status: "边缘户"])), [])
    }

    func testUnsafeHouseNeedsRenovationOrRelocation() throws {
        XCTAssertEqual(try kinds(household([.houseGrade: "C"])), ["housing"])
        XCTAssertEqual(try kinds(household([.houseGrade: "D", .measures: "产业扶持、D级危房改造"])), [])
        XCTAssertEqual(try kinds(household([.houseGrade: "C", .measures: "易地扶贫搬迁"])), [], "搬迁 answers an unsafe house too")
        XCTAssertEqual(try kinds(household([.houseGrade: "B"])), [], "B is safe")
    }

    func testStudentNeedsEducationAid_PreschoolDoesNot() throws {
        XCTAssertEqual(try kinds(household([:], members: [[.health: "健康"], [.inSchool: "初中"]])), ["education"])
        XCTAssertEqual(try kinds(household([.measures: "产业扶持、雨露计划"], members: [[.health: "健康"], [.inSchool: "中职"]])), [])
        XCTAssertEqual(try kinds(household([:], members: [[.health: "健康"], [.inSchool: "学前"]])), [], "学前 is no student")
    }

    func testIllnessNeedsMedicalAid() throws {
        XCTAssertEqual(try kinds(household([.cause: "因病"])), ["medical"])
        XCTAssertEqual(try kinds(household([:], members: [[.health: "残疾、患有大病"]])), ["medical"])
        XCTAssertEqual(try kinds(household([:], members: [[.health: "长期慢性病"]])), [], "chronic illness without 因病 is not checked")
        XCTAssertEqual(try kinds(household([.cause: "因病", .measures: "健康扶贫"])), [])
    }

    func testPolicyTypeNeedsSubsistenceSupport() throws {
        XCTAssertEqual(try kinds(household([.householdType: "政策保障型"])), ["support"])
        XCTAssertEqual(try kinds(household([.householdType: "政策保障型", .measures: "低保兜底"])), [])
    }

    func testCategoriesComeFromThePipeline() throws {
        let rules = "  household.measures: {params: {categories: {低保兜底: [社会保障]}, housing_categories: [低保兜底], education_categories: [低保兜底], medical_categories: [低保兜底]}}"
        XCTAssertEqual(try kinds(household([.householdType: "政策保障型", .measures: "社会保障金"]), rules: rules), [])
        XCTAssertEqual(try kinds(household([.householdType: "政策保障型", .measures: "低保兜底"]), rules: rules), ["support"])
    }

    func testItemsMapOntoEveryMatchingCategory() {
        XCTAssertEqual(MeasureCategories.categories(of: ["易地扶贫搬迁", "公益性岗位"], table: MeasureCategories.defaults), ["就业帮扶", "易地搬迁"])
        XCTAssertEqual(MeasureCategories.categories(of: ["其他"], table: MeasureCategories.defaults), [])
    }
}
