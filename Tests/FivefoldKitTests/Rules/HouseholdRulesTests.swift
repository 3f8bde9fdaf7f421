import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class HouseholdRulesTests: XCTestCase {
    let headID = TestData.id(birth: "19700101", serial: 1, male: true)
    let wifeID = TestData.id(birth: "19720202", serial: 2, male: false)

    func family(_ fields: [FieldID: String] = [:], head: [FieldID: String] = [:], wife: [FieldID: String] = [:]) -> HouseholdCase {
        var h: [FieldID: String] = [.name: "王大", .relation: "户主", .sex: "男", .birthDate: "1970-01-01", .idNumber: headID, .health: "健康", .education: "小学", .labor: "普通劳动力"]
        h.merge(head) { $1 }
        var w: [FieldID: String] = [.name: "李花", .relation: "配偶", .sex: "女", .birthDate: "1972-02-02", .idNumber: wifeID, .health: "长期慢性病", .education: "初中", .labor: "普通劳动力"]
        w.merge(wife) { $1 }
        var base: [FieldID: String] = [.householdID: "H1", .headID: headID, .headName: "王大", .size: "2", .status: "未脱贫", .cause: "因病", .cadreName: "赵干部"]
        base.merge(fields) { $1 }
        return TestData.case([TestData.household(base, members: [TestData.member(h), TestData.member(w)])])
    }

    func rules(_ c: HouseholdCase) throws -> [String] {
        try TestData.findings(HouseholdRules(), c, context: TestData.context()).map(\.rule)
    }

    func testCleanFamilyRaisesNothing() throws {
        XCTAssertEqual(try rules(family()), [])
    }

    func testSize_RecordedSizeDiffersFromMembers() throws {
        XCTAssertEqual(try rules(family([.size: "3"])), ["household.size_mismatch"])
    }

    func testHead_NoneSeveralOrWrongID() throws {
        XCTAssertEqual(try rules(family(head: [.relation: "之子"])), ["household.head"])
        XCTAssertEqual(try rules(family(wife: [.relation: "户主"])), ["household.head"])
        XCTAssertEqual(try rules(family([.headID: wifeID])), ["household.head"])
    }

    func testCause_ContradictsMembers() throws {
        XCTAssertEqual(try rules(family(wife: [.health: "健康"])), ["household.cause"], "因病 with everyone healthy")
        XCTAssertEqual(try rules(family([.cause: "因学"])), ["household.cause"], "因学 with no student")
        XCTAssertEqual(try rules(family([.cause: "因残"])), ["household.cause"], "因残 with nobody disabled")
        XCTAssertEqual(try rules(family([.cause: "因残"], wife: [.health: "残疾、长期慢性病"])), [], "health is a set")
    }

    func testCadre_MissingOrAMember() throws {
        XCTAssertEqual(try rules(family([.cadreName: ""])), ["household.no_cadre"])
        XCTAssertEqual(try rules(family([.cadreName: "李花"])), ["household.no_cadre"])
        XCTAssertEqual(try rules(family([.cadreName: "", .status: "非贫困户"])), [], "only registered households need a cadre")
    }
}

final class MemberRulesTests: XCTestCase {
    func run(_ extra: [[FieldID: String]]) throws -> [Finding] {
        let head: [FieldID: String] = [.name: "王大", .relation: "户主", .sex: "男", .birthDate: "1970-01-01", .education: "小学", .labor: "普通劳动力", .migrantMonths: "6"]
        let members = ([head] + extra).map { TestData.member($0) }
        let c = TestData.case([TestData.household([.householdID: "H1"], members: members)])
        return try TestData.findings(MemberRules(), c, context: TestData.context())
    }

    func testPlausibleFamilyRaisesNothing() throws {
        XCTAssertEqual(try run([
            [.name: "李花", .relation: "配偶", .sex: "女", .birthDate: "1972-01-01", .education: "初中", .labor: "普通劳动力"],
            [.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2010-01-01", .inSchool: "小学", .labor: "无劳动能力"],
            [.name: "王幼", .relation: "之女", .sex: "女", .birthDate: "2017-01-01", .inSchool: "学前", .labor: "无劳动能力"],
        ]).map(\.rule), [])
    }

    func testImplausibleCombinations() throws {
        let cases: [([FieldID: String], FieldID)] = [
            ([.name: "王老", .relation: "之子", .sex: "男", .birthDate: "1960-01-01", .education: "小学", .labor: "普通劳动力"], .relation),
            ([.name: "李花", .relation: "配偶", .sex: "男", .birthDate: "1972-01-01", .education: "初中", .labor: "普通劳动力"], .sex),
            ([.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2004-01-01", .inSchool: "小学", .labor: "无劳动能力"], .inSchool),
            ([.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2010-01-01", .inSchool: "小学", .labor: "普通劳动力"], .labor),
            ([.name: "王二", .relation: "之子", .sex: "男", .birthDate: "1995-01-01", .education: "初中", .labor: "普通劳动力", .migrantMonths: "14"], .migrantMonths),
            ([.name: "王二", .relation: "之子", .sex: "男", .birthDate: "1995-01-01", .education: "初中", .inSchool: "高中", .labor: "无劳动能力"], .education),
            ([.name: "王二", .relation: "之子", .sex: "男", .birthDate: "1995-01-01", .inSchool: "非在校生", .labor: "普通劳动力"], .education),
        ]
        for (member, field) in cases {
            let findings = try run([member])
            XCTAssertEqual(findings.map(\.rule), ["member.implausible"], "\(member)")
            XCTAssertEqual(findings.first?.field, field.rawValue, "\(member)")
        }
    }
}

extension MemberRulesTests {
    func testPreschoolEducation_IsNeitherBothNorNeither() throws {
        // 学龄前儿童 is an official 文化程度: with a blank, 学前 or 非在校生 stage it is plausible.
        for stage in ["", "学前", "非在校生"] {
            var child: [FieldID: String] = [.name: "王幼", .relation: "之女", .sex: "女", .birthDate: "2017-01-01", .education: "学龄前儿童", .labor: "无劳动能力"]
            if !stage.isEmpty { child[.inSchool] = stage }
            XCTAssertEqual(try run([child]).map(\.rule), [], "学龄前儿童 with \(stage)")
        }
        let pupil: [FieldID: String] = [.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2012-01-01", .education: "学龄前儿童", .inSchool: "小学", .labor: "无劳动能力"]
        XCTAssertEqual(try run([pupil]).map(\.field), ["education"], "学龄前儿童 and a school stage are both filled")
    }

    func testUnknownCode_IsNotReadAsBlank() throws {
        let fields: [FieldID: FieldValue] = [
            .name: FieldValue(raw: "王二", normalized: "王二"), .relation: FieldValue(raw: "之子", normalized: "之子"),
            .sex: FieldValue(raw: "男", normalized: "男"), .birthDate: FieldValue(raw: "1995-01-01", normalized: "1995-01-01"),
            .labor: FieldValue(raw: "普通劳动力", normalized: "普通劳动力"),
            .education: FieldValue(raw: "小学文化水平", normalized: nil, problem: "不在代码表 education 中: 小学文化水平"),
        ]
        let head = TestData.member([.name: "王大", .relation: "户主", .sex: "男", .birthDate: "1970-01-01", .education: "小学", .labor: "普通劳动力"])
        let member = MemberRecord(source: .system, location: SourceLocation(file: "m.csv", line: 3), fields: FieldMap(fields))
        let c = TestData.case([TestData.household([.householdID: "H1"], members: [head, member])])
        XCTAssertEqual(try TestData.findings(MemberRules(), c, context: TestData.context()).map(\.rule), [],
                       "an unknown 文化程度 is not 'neither filled' (value.invalid or vocabulary.unknown reports it)")
    }
}

final class DuplicateRulesTests: XCTestCase {
    func testPersonInTwoHouseholdsAndHeadOfTwo() throws {
        let id = TestData.id(birth: "19700101", serial: 1, male: true)
        let other = TestData.id(birth: "19800101", serial: 3, male: true)
        let a = TestData.case([TestData.household([.householdID: "H1", .headID: id], members: [TestData.member([.name: "王大", .idNumber: id, .relation: "户主"])])])
        let b = TestData.case([TestData.household([.householdID: "H2", .headID: id], members: [TestData.member([.name: "王大", .idNumber: id, .relation: "户主"])])])
        let c = TestData.case([TestData.household([.householdID: "H3", .headID: other], members: [
            TestData.member([.name: "张三", .idNumber: other, .relation: "户主"]), TestData.member([.name: "张三", .idNumber: other, .relation: "之子"]),
        ])])
        let rows = IdentityBatch(received: [a, b, c], corrected: [a, b, c], directory: HouseholdDirectory(cases: [a, b, c])).rows
        var sink = FindingSink(config: try TestData.config())
        DuplicateRules.check(rows, corrected: false, sink: &sink)
        let pairs = sink.findings.map { "\($0.rule) \($0.householdID)" }.sorted()
        XCTAssertEqual(pairs, ["duplicate.household H1", "duplicate.household H2", "duplicate.person H1", "duplicate.person H2", "duplicate.person H3"])
    }
}

final class FourLooksRuleTests: XCTestCase {
    func labourer(_ name: String) -> MemberRecord { TestData.member([.name: name, .labor: "普通劳动力", .education: "初中"]) }

    func testRegisteredPoorThatLooksWellOffIsSuspectedWrongInclusion() throws {
        let context = try TestData.context()
        let rich = TestData.household([.householdID: "H1", .status: "未脱贫", .houseGrade: "A", .grainKg: "2000", .incomePerCapita: "8000"],
                                      members: [labourer("甲"), labourer("乙"), labourer("丙")])
        XCTAssertEqual(TestData.findings(FourLooksRule(), TestData.case([rich]), context: context).map(\.rule), ["identify.four_looks"])
        var modest = rich
        modest.fields[.incomePerCapita] = TestData.value("7999")
        XCTAssertTrue(TestData.findings(FourLooksRule(), TestData.case([modest]), context: context).isEmpty, "income just under 2× the line")
    }

    func testUnregisteredHouseholdThatLooksPoorIsSuspectedOmission() throws {
        let context = try TestData.context()
        let poor = TestData.household([.houseSafe: "不安全", .grainKg: "300", .headName: "孙老"], source: .interview, members: [
            TestData.member([.name: "孙老", .relation: "户主", .labor: "丧失劳动力"], source: .interview),
            TestData.member([.name: "孙一", .inSchool: "小学", .labor: "无劳动能力"], source: .interview),
            TestData.member([.name: "孙二", .inSchool: "初中", .labor: "无劳动能力"], source: .interview),
        ])
        let rule = FourLooksRule()
        XCTAssertEqual(rule.score(poor, context: context), FourLooksRule.Score(house: 25, grain: 25, labour: 25, school: 25))
        var sink = FindingSink(settings: context.settings)
        rule.check(unregistered: poor, context: context, sink: &sink)
        XCTAssertEqual(sink.findings.map(\.rule), ["identify.four_looks"])
        // Near miss: safe house 0 + little grain 25 + one labourer 10 + one student 10 = 45 < 60.
        var nearMiss = poor
        nearMiss.fields[.houseSafe] = TestData.value("安全")
        nearMiss.members[0].fields[.labor] = TestData.value("普通劳动力")
        nearMiss.members[2].fields[.inSchool] = TestData.value("非在校生")
        XCTAssertEqual(rule.score(nearMiss, context: context)?.total, 45)
        var quiet = FindingSink(settings: context.settings)
        rule.check(unregistered: nearMiss, context: context, sink: &quiet)
        XCTAssertTrue(quiet.findings.isEmpty)
    }
}

final class RepeatedHouseholdTests: XCTestCase {
    func testARepeatedHouseholdIDIsReportedNotDropped() throws {
        let config = try TestData.config()
        let first = TestData.household([.householdID: "H1", .regionCode: "520203100201"])
        var second = TestData.household([.householdID: "H1", .regionCode: "520203100201"])
        second.location = SourceLocation(file: "system/households.csv", line: 9)
        let evaluator = CaseEvaluator(config: config, asOf: DateParser.parse("2020-12-31")!)
        let output = evaluator.evaluate(households: [.system: [first, second]], registries: Registries())
        let repeated = output.findings.filter { $0.rule == "duplicate.household_id" }
        XCTAssertEqual(repeated.count, 1)
        // It was `duplicate.household` (one person head of several households) until it had its own id.
        XCTAssertFalse(output.findings.contains { $0.rule == "duplicate.household" })
        XCTAssertEqual(repeated.first?.householdID, "H1")
        XCTAssertTrue(repeated.first?.message.contains("system/households.csv:9") ?? false, repeated.first?.message ?? "none")
    }
}
