import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class HouseholdTypeRuleTests: XCTestCase {
    func person(_ labor: String, health: String = "健康", months: String = "0") -> [FieldID: String] {
        [.labor: labor, .health: health, .migrantMonths: months]
    }

    func household(_ type: String, attribute: String = "一般贫困户", status: String = "未脱贫", _ people: [[FieldID: String]]) -> HouseholdCase {
        let members = people.enumerated().map { i, p in
            TestData.member(p.merging([.name: "成员\(i)", .relation: i == 0 ? "户主" : "之子"]) { a, _ in a })
        }
        var fields: [FieldID: String] = [.householdID: "H1", .status: status, .attribute: attribute, .householdType: type]
        if type.isEmpty { fields[.householdType] = nil }
        return TestData.case([TestData.household(fields, members: members)])
    }

    func messages(_ c: HouseholdCase, rules: String = "") throws -> [String] {
        TestData.findings(HouseholdTypeRule(), c, context: try TestData.fullyMappedContext(rules: rules)).map(\.message)
    }

    func testPolicyTypeWithTwoLabourersAndNobodyIllFires() throws {
        XCTAssertEqual(try messages(household("政策保障型", [person("普通劳动力"), person("技能劳动力")])),
                       ["六型类别为政策保障型，却有两名及以上普通或技能劳动力，且没有患大病或残疾的成员"])
    }

    func testPolicyTypeNearMisses() throws {
        XCTAssertEqual(try messages(household("政策保障型", [person("普通劳动力"), person("丧失劳动力", health: "残疾")])), [],
                       "one labourer and one disabled member")
        XCTAssertEqual(try messages(household("政策保障型", [person("普通劳动力"), person("普通劳动力"), person("丧失劳动力", health: "患有大病")])), [],
                       "two labourers but a member seriously ill")
        XCTAssertEqual(try messages(household("政策保障型", [person("普通劳动力"), person("弱劳动力或半劳动力")])), [],
                       "a 半劳动力 is not a full labourer")
    }

    func testDevelopmentTypeWithNobodyAbleToWork() throws {
        XCTAssertEqual(try messages(household("农场主型", [person("丧失劳动力"), person("无劳动能力")])),
                       ["六型类别为农场主型，但没有有劳动能力的成员（普通、技能或弱劳动力）"])
        XCTAssertEqual(try messages(household("农场主型", [person("弱劳动力或半劳动力"), person("无劳动能力")])), [], "a 半劳动力 can work")
    }

    func testDevelopmentTypeForExtremePovertySupport() throws {
        XCTAssertEqual(try messages(household("商业贸易型", attribute: "特困供养贫困户", [person("普通劳动力")])),
                       ["六型类别为商业贸易型，却有特困供养属性"])
        XCTAssertEqual(try messages(household("商业贸易型", attribute: "低保贫困户", [person("普通劳动力")])), [])
    }

    func testSkilledAndMigrantTypes() throws {
        XCTAssertEqual(try messages(household("专业技能型", [person("普通劳动力")])), ["六型类别为专业技能型，但没有技能劳动力"])
        XCTAssertEqual(try messages(household("专业技能型", [person("技能劳动力")])), [])
        XCTAssertEqual(try messages(household("产业务工型", [person("普通劳动力", months: "0")])), ["六型类别为产业务工型，但没有务工成员"])
        XCTAssertEqual(try messages(household("产业务工型", [person("普通劳动力", months: "1")])), [], "one month of 务工 is 务工")
    }

    func testRegisteredHouseholdWithoutTypeFires_NonPoorDoesNot() throws {
        XCTAssertEqual(try messages(household("", [person("普通劳动力")])), ["建档立卡户未填六型类别"])
        XCTAssertEqual(try messages(household("", status: "已脱贫", [person("普通劳动力")])), ["建档立卡户未填六型类别"])
        XCTAssertEqual(try messages(household("", status: "非贫困户", [person("普通劳动力")])), [])
        XCTAssertEqual(try messages(household("", status: "边缘户", [person("普通劳动力")])), [], "a monitored household holds no filing card")
    }

    func testUnreadableLabourLeavesTheHouseholdToValueInvalid() throws {
        var c = household("农场主型", [person("丧失劳动力")])
        c.records[.system]!.members[0].fields[.labor] = FieldValue(raw: "能干活", normalized: nil, problem: "不在代码表")
        XCTAssertEqual(try messages(c), [])
    }

    func testTheTableComesFromThePipeline() throws {
        let rules = "  household.type: {params: {types: {农场主型: {needs: [skilled_labourer]}}}}"
        XCTAssertEqual(try messages(household("农场主型", [person("普通劳动力")]), rules: rules), ["六型类别为农场主型，但没有技能劳动力"])
        XCTAssertEqual(try messages(household("政策保障型", [person("普通劳动力"), person("普通劳动力")]), rules: rules), [],
                       "a type the table leaves out is not checked")
    }

    /// Each fact from the members and the attribute that make it, and none without them.
    func testFacts_EachHeldExactlyWhenItsMembersOrAttributeMakeIt() {
        func facts(_ people: [[FieldID: String]], attribute: String = "一般贫困户") -> [String] {
            let record = household("农场主型", attribute: attribute, people).system!
            let held = HouseholdTypeRule.facts(record)
            return TypeConditions.factNames.filter(held.contains)
        }
        XCTAssertEqual(facts([person("丧失劳动力")]), [])
        XCTAssertEqual(facts([person("弱劳动力或半劳动力")]), ["able_to_work"])
        XCTAssertEqual(facts([person("普通劳动力")]), ["able_to_work", "labourer"])
        XCTAssertEqual(facts([person("普通劳动力"), person("技能劳动力")]), ["able_to_work", "labourer", "two_labourers", "skilled_labourer"])
        XCTAssertEqual(facts([person("丧失劳动力", months: "3")]), ["migrant_worker"])
        XCTAssertEqual(facts([person("丧失劳动力", health: "残疾")]), ["ill_or_disabled"])
        XCTAssertEqual(facts([person("丧失劳动力", health: "长期慢性病、患有大病")]), ["ill_or_disabled"])
        XCTAssertEqual(facts([person("丧失劳动力")], attribute: "特困供养贫困户"), ["extreme_poverty_support"])
        XCTAssertEqual(facts([person("丧失劳动力")], attribute: "低保贫困户"), ["subsistence_allowance"])
        var none = TypeFacts()
        XCTAssertFalse(none.contains("not_a_fact"), "a name no fact has is never held")
        none.insert("labourer")
        XCTAssertTrue(none.contains("labourer"))
        XCTAssertFalse(none.contains("two_labourers"))
    }
}
