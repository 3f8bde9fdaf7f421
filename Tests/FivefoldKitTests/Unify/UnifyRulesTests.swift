import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// The wall card's 家庭成员 linked to members by name, and told ages dated by their source.
final class UnifyRulesTests: XCTestCase {
    let wuID = TestData.id(birth: "19800305", serial: 1, male: false)
    let liID = TestData.id(birth: "19781111", serial: 2, male: true)
    let zhangID = TestData.id(birth: "20050601", serial: 3, male: true)

    func run(_ c: HouseholdCase, asOf: String = "2020-12-31") throws -> [Finding] {
        let config = try TestData.config()
        let unify = UnifyRules(sources: [.system, .wall, .interview], memberSources: [.system, .interview], resolution: config.resolution)
        var sink = FindingSink(config: config)
        var disagreements: [Disagreement] = []
        unify.check(c, context: try TestData.context(asOf: asOf), sink: &sink, disagreements: &disagreements)
        return sink.findings
    }

    func household(wall names: String) -> HouseholdCase {
        let members = [
            TestData.member([.name: "吴红霞", .idNumber: wuID, .relation: "户主"]),
            TestData.member([.name: "李国强", .idNumber: liID, .relation: "配偶"]),
            TestData.member([.name: "张明", .idNumber: zhangID, .relation: "之子"]),
        ]
        return TestData.case([
            TestData.household([.householdID: "H1"], members: members),
            TestData.household([.householdID: "H1", .memberNames: names], source: .wall),
        ])
    }

    func testMemberNames_SameNamesRaiseNothing() throws {
        XCTAssertEqual(try run(household(wall: "张明、吴红霞、李国强")).filter { $0.field == "member_names" }.count, 0)
    }

    func testMemberNames_MisspeltMissingAndExtraAreEachNamedWithTheMembersID() throws {
        let found = try run(household(wall: "吴红侠、张明、王小二")).filter { $0.field == "member_names" }
        XCTAssertEqual(found.count, 3, "\(found.map(\.message))")
        XCTAssertTrue(found.allSatisfy { $0.rule == "unify.mismatch" })
        let misspelt = found.first { $0.memberID == wuID }
        XCTAssertEqual(misspelt?.valuesText, "system=吴红霞;wall=吴红侠")
        XCTAssertTrue(misspelt?.message.contains("写作吴红侠") == true)
        let missing = found.first { $0.memberID == liID }
        XCTAssertEqual(missing?.valuesText, "system=李国强;wall=无")
        let extra = found.first { $0.memberID == "王小二" }
        XCTAssertEqual(extra?.valuesText, "system=无;wall=王小二")
        XCTAssertEqual(Set(found.map(\.id)).count, 3, "distinct finding ids")
    }

    func testToldAge_ComparedAsOfTheInterviewsVisitDate() throws {
        func withInterview(_ fields: [FieldID: String]) -> HouseholdCase {
            let system = TestData.household([.householdID: "H1"], members: [
                TestData.member([.name: "张明", .idNumber: zhangID, .relation: "之子", .birthDate: "2005-06-01"]),
            ])
            var hh = fields
            hh[.householdID] = "H1"
            let interview = TestData.household(hh, source: .interview, members: [
                TestData.member([.name: "张明", .relation: "之子", .age: "15"], source: .interview),
            ])
            return TestData.case([system, interview])
        }
        // Told 15 in the 2020 visit; checked in 2026, the birth date makes him 21.
        let dated = try run(withInterview([.visitDate: "2020-09-01"]), asOf: "2026-12-04").filter { $0.field == "age" }
        XCTAssertEqual(dated.count, 0, "\(dated.map(\.message))")
        let undated = try run(withInterview([:]), asOf: "2026-12-04").filter { $0.field == "age" }
        XCTAssertEqual(undated.count, 1, "without its own date the interview's ages are as of as_of")
    }
}
