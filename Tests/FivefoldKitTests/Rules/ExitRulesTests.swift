import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class ExitRulesTests: XCTestCase {
    func exited(_ fields: [FieldID: String] = [:], members: [MemberRecord]) -> HouseholdCase {
        var base: [FieldID: String] = [.householdID: "H1", .status: "已脱贫", .exitYear: "2019", .incomePerCapita: "9000", .houseGrade: "A"]
        base.merge(fields) { $1 }
        return TestData.case([TestData.household(base, members: members)])
    }

    let head = TestData.member([.name: "王大", .relation: "户主", .birthDate: "1970-01-01", .idNumber: TestData.id(birth: "19700101", serial: 1, male: true), .medicalInsured: "是"])

    func child(age birth: String, inSchool: String = "") -> MemberRecord {
        TestData.member([.name: "王小", .relation: "之子", .birthDate: birth, .idNumber: TestData.id(birth: birth.replacingOccurrences(of: "-", with: ""), serial: 2, male: true), .inSchool: inSchool, .medicalInsured: "是"])
    }

    func testIncome_BelowTheExitYearsLineFires_AtTheLineDoesNot() throws {
        let context = try TestData.context()
        XCTAssertEqual(TestData.findings(ExitRules(), exited([.incomePerCapita: "3217"], members: [head]), context: context).map(\.rule), ["exit.income"])
        XCTAssertTrue(TestData.findings(ExitRules(), exited([.incomePerCapita: "3218"], members: [head]), context: context).isEmpty)
    }

    func testIncome_LinesComeFromThePipeline() throws {
        let context = try TestData.context(rules: "  exit.income: {params: {poverty_lines: {2019: 3600}}}")
        XCTAssertEqual(TestData.findings(ExitRules(), exited([.incomePerCapita: "3500"], members: [head]), context: context).map(\.rule), ["exit.income"])
    }

    func testHousing_GradeCOrDFires() throws {
        let context = try TestData.context()
        XCTAssertEqual(TestData.findings(ExitRules(), exited([.houseGrade: "D"], members: [head]), context: context).map(\.rule), ["exit.housing"])
        XCTAssertTrue(TestData.findings(ExitRules(), exited([.houseGrade: "B"], members: [head]), context: context).isEmpty)
    }

    func testEducation_TenYearOldOutOfSchoolFires_FiveAndSixteenDoNot() throws {
        let context = try TestData.context()
        // as_of 2020-12-31: born 2010-06-01 → 10; 2015-06-01 → 5; 2004-06-01 → 16.
        let ten = TestData.findings(ExitRules(), exited(members: [head, child(age: "2010-06-01")]), context: context)
        XCTAssertEqual(ten.map(\.rule), ["exit.education"])
        XCTAssertTrue(TestData.findings(ExitRules(), exited(members: [head, child(age: "2015-06-01")]), context: context).isEmpty)
        XCTAssertTrue(TestData.findings(ExitRules(), exited(members: [head, child(age: "2004-06-01")]), context: context).isEmpty)
        XCTAssertTrue(TestData.findings(ExitRules(), exited(members: [head, child(age: "2010-06-01", inSchool: "小学")]), context: context).isEmpty)
    }

    func testEducation_StudentsRegistryCountsAsInSchool() throws {
        let kid = child(age: "2010-06-01")
        var registries = Registries()
        registries.add("students", TestData.member([.idNumber: kid[.idNumber]!], source: "students"))
        let context = try TestData.context(registries: registries)
        XCTAssertTrue(TestData.findings(ExitRules(), exited(members: [head, kid]), context: context).isEmpty)
    }

    func testMedical_NeedsBothSystemAndRegistryUninsured() throws {
        let uninsured = TestData.member([.name: "王大", .relation: "户主", .birthDate: "1970-01-01", .idNumber: head[.idNumber]!, .medicalInsured: "否"])
        var registries = Registries()
        registries.add("insurance", TestData.member([.idNumber: head[.idNumber]!, FieldID("insurance_status"): "否"], source: "insurance"))
        XCTAssertEqual(TestData.findings(ExitRules(), exited(members: [uninsured]), context: try TestData.context(registries: registries)).map(\.rule), ["exit.medical"])
        XCTAssertTrue(TestData.findings(ExitRules(), exited(members: [uninsured]), context: try TestData.context()).isEmpty, "system alone is not enough")
    }

    func testNotExitedHouseholdsAreNotJudged() throws {
        let context = try TestData.context()
        XCTAssertTrue(TestData.findings(ExitRules(), exited([.status: "未脱贫", .houseGrade: "D", .incomePerCapita: "100"], members: [head]), context: context).isEmpty)
    }
}
