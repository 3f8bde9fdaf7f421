import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Every consumer of the birth date on a month value (出生年月, `yyyy-MM`): it agrees with the
/// days of its month, is compared with the ID number's year and month, and an age it leaves
/// open (the as-of date in the birth month) fires a rule only when both ages break it.
final class BirthMonthRulesTests: XCTestCase {
    let headID = TestData.id(birth: "19660812", serial: 1, male: true)

    // MARK: id.birth_mismatch

    func idFindings(birth: String) throws -> [Finding] {
        let member = TestData.member([.name: "王德明", .relation: "户主", .sex: "男", .idNumber: headID, .birthDate: birth])
        let c = TestData.case([TestData.household([.householdID: "H1"], members: [member])])
        return try TestData.findings(IDNumberRules(), c, context: TestData.context()).filter { $0.rule == "id.birth_mismatch" }
    }

    func testIDBirthMismatch_ComparesTheYearAndMonth() throws {
        XCTAssertEqual(try idFindings(birth: "1966-08").count, 0, "the ID's 1966-08-12 is in August 1966")
        let other = try idFindings(birth: "1966-09")
        XCTAssertEqual(other.count, 1)
        XCTAssertEqual(other.first?.message, "成员王德明的出生日期1966-09与身份证号中的1966-08-12不符")
        XCTAssertEqual(try idFindings(birth: "1967-08").count, 1)
        XCTAssertEqual(try idFindings(birth: "1966-08-13").count, 1, "a full date is still compared to the day")
    }

    // MARK: ages

    /// as_of 2020-12-15: born 2014-12 is 5 or 6, 2015-12 is 4 or 5, 2014-11 is 6.
    func testPrimaryAge_FiresOnlyWhenBothAgesAreOutside() throws {
        func rules(_ birth: String) throws -> [String] {
            let head = TestData.member([.name: "王大", .relation: "户主", .sex: "男", .birthDate: "1980-01-01", .education: "初中", .labor: "普通劳动力"])
            let pupil = TestData.member([.name: "王小", .relation: "之子", .sex: "男", .birthDate: birth, .inSchool: "小学", .labor: "无劳动能力"])
            let c = TestData.case([TestData.household([.householdID: "H1"], members: [head, pupil])])
            return try TestData.findings(MemberRules(), c, context: TestData.context(asOf: "2020-12-15")).map(\.message)
        }
        XCTAssertEqual(try rules("2014-12"), [], "5 or 6: may be of primary age")
        XCTAssertEqual(try rules("2014-11"), [])
        XCTAssertEqual(try rules("2015-12"), ["王小4或5岁，不在小学年龄6–14岁内"])
        XCTAssertEqual(try rules("2015-11"), ["王小5岁，不在小学年龄6–14岁内"])
    }

    func testChildOlderThanHead_FiresOnlyWhenEveryAgeSaysSo() throws {
        func rules(head: String, son: String) throws -> [String] {
            let members = [TestData.member([.name: "王大", .relation: "户主", .sex: "男", .birthDate: head, .education: "初中"]),
                           TestData.member([.name: "王小", .relation: "之子", .sex: "男", .birthDate: son, .education: "初中"])]
            let c = TestData.case([TestData.household([.householdID: "H1"], members: members)])
            return try TestData.findings(MemberRules(), c, context: TestData.context(asOf: "2020-12-15")).map(\.message)
        }
        // Head 1970-12-20 is 49; a son of 1971-12 is 48 or 49: may be younger.
        XCTAssertEqual(try rules(head: "1970-12-20", son: "1971-12"), [])
        // A son of 1970-12 is 49 or 50: not younger whichever.
        XCTAssertEqual(try rules(head: "1970-12-20", son: "1970-12"), ["王小为户主之子，但年龄49或50岁不小于户主的49岁"])
    }

    func testExitEducation_FiresOnlyWhenBothAgesAreOfSchoolAge() throws {
        func rules(_ birth: String) throws -> [String] {
            let head = TestData.member([.name: "王大", .relation: "户主", .birthDate: "1970-01-01", .medicalInsured: "是"])
            let child = TestData.member([.name: "王小", .relation: "之子", .birthDate: birth, .medicalInsured: "是"])
            let c = TestData.case([TestData.household([.householdID: "H1", .status: "已脱贫", .exitYear: "2019", .incomePerCapita: "9000", .houseGrade: "A"],
                                                      members: [head, child])])
            return try TestData.findings(ExitRules(), c, context: TestData.context(asOf: "2020-12-15")).map(\.message)
        }
        XCTAssertEqual(try rules("2014-12"), [], "5 or 6")
        XCTAssertEqual(try rules("2004-12"), [], "15 or 16")
        XCTAssertEqual(try rules("2005-12"), ["已脱贫户成员王小14或15岁，处于义务教育年龄却不在校、也不在学籍库中：疑似错退"])
        XCTAssertEqual(try rules("2010-06").count, 1)
    }

    func testBirthAfterAsOf_OnlyWhenTheWholeMonthIsAfter() throws {
        func invalid(_ birth: String) throws -> [String] {
            let member = TestData.member([.name: "王小", .relation: "之子", .birthDate: birth])
            let c = TestData.case([TestData.household([.householdID: "H1"], members: [member])])
            return try TestData.findings(ValueRules(), c, context: TestData.context(asOf: "2020-12-15")).map(\.message)
        }
        XCTAssertEqual(try invalid("2020-12"), [], "may be born by the 15th")
        XCTAssertEqual(try invalid("2021-01"), ["系统中成员王小的出生日期“2021-01”无效：出生日期不合理"])
        XCTAssertEqual(try invalid("1899-11"), ["系统中成员王小的出生日期“1899-11”无效：出生日期不合理"], "121 whichever day")
        XCTAssertEqual(try invalid("1900-12"), [], "119 or 120")
    }

    /// A month with an ID number of a day in it counts from the number's day: no second age.
    func testMemberFacts_MonthTakesTheIDNumbersDayInTheSameMonth() {
        let asOf = CivilDate(year: 2020, month: 8, day: 15)!
        let same = TestData.member([.birthDate: "1966-08", .idNumber: headID])
        XCTAssertEqual(MemberFacts.birth(same)?.iso, "1966-08-12")
        XCTAssertEqual(MemberFacts.ages(same, asOf: asOf), 54...54)
        let other = TestData.member([.birthDate: "1966-07", .idNumber: headID])
        XCTAssertEqual(MemberFacts.birth(other)?.iso, "1966-07", "the recorded birth date first, as for full dates")
        XCTAssertEqual(MemberFacts.ages(TestData.member([.birthDate: "1966-08"]), asOf: asOf), 53...54)
    }

    // MARK: 五个统一

    func unify(_ values: [SourceID: String], asOf: String = "2020-12-31") throws -> [Finding] {
        let config = try TestData.config(resolution: "  fields:\n    birth_date: {compare: date, trust: [hukou, system, archive], authoritative: [hukou]}")
        let unify = UnifyRules(sources: [.system, .archive], memberSources: [.system, .archive], resolution: config.resolution)
        var records: [HouseholdRecord] = []
        for source in [SourceID.system, .archive] {
            guard let birth = values[source] else { continue }
            records.append(TestData.household([.householdID: "H1"], source: source,
                                              members: [TestData.member([.name: "王德明", .idNumber: headID, .birthDate: birth], source: source)]))
        }
        var registries = Registries()
        if let birth = values[.hukou] { registries.add("hukou", TestData.member([.idNumber: headID, .name: "王德明", .birthDate: birth], source: .hukou)) }
        let c = TestData.case(records, registries: registries)
        var sink = FindingSink(config: config)
        var disagreements: [Disagreement] = []
        unify.check(c, context: try TestData.context(asOf: asOf), sink: &sink, disagreements: &disagreements)
        return sink.findings.filter { $0.field == "birth_date" }
    }

    func testUnify_AMonthAgreesWithADayOfItAndWithItself() throws {
        XCTAssertEqual(try unify([.system: "1966-08", .archive: "1966-08-12"]).count, 0)
        XCTAssertEqual(try unify([.system: "1966-08", .archive: "1966-08"]).count, 0)
        XCTAssertEqual(try unify([.system: "1966-08-12", .archive: "1966-08"]).count, 0)
    }

    func testUnify_ADifferentMonthIsAMismatch() throws {
        let found = try unify([.system: "1966-08", .archive: "1966-09-12"])
        XCTAssertEqual(found.map(\.rule), ["unify.mismatch"])
        XCTAssertEqual(try unify([.system: "1966-08", .archive: "1967-08"]).count, 1)
    }

    /// A month agrees with two days of it, which disagree with each other: the days decide.
    func testUnify_TwoDaysOfTheSameMonthStillDisagreeBesideTheMonth() throws {
        XCTAssertEqual(try unify([.system: "1966-08", .archive: "1966-08-12", .hukou: "1966-08-20"]).count, 1)
        let comparator = ValueComparator(policy: FieldPolicy(comparator: .date))
        let clusters = comparator.clusters([(.system, "1966-08"), (.archive, "1966-08-12"), (.hukou, "1966-08-20")])
        XCTAssertEqual(clusters.map(\.value), ["1966-08-12", "1966-08-20"])
        XCTAssertEqual(clusters.map(\.sources), [[.system, .archive], [.hukou]])
    }

    /// The hukou registry, authoritative for birth dates, settles a month that disagrees with it
    /// (the system's 1966-08 becomes its 1966-09-12); one that agrees is no disagreement at all.
    func testResolve_AMonthThatDisagreesIsCorrectedToTheAuthoritativeDay() {
        let policy = FieldPolicy(comparator: .date, trust: [.hukou, .system, .archive], authoritative: [.hukou])
        XCTAssertEqual(Resolver().resolve([(.system, "1966-08"), (.hukou, "1966-09-12")], policy: policy),
                       .settled(value: "1966-09-12", supporters: [.hukou], policy: "trust:hukou>system;authoritative:hukou"))
    }

    /// The interview's told age against a month: within a year of either age it may be.
    func testToldAge_AgainstAMonth() throws {
        func found(_ told: String) throws -> [Finding] {
            let config = try TestData.config()
            let unify = UnifyRules(sources: [.system, .interview], memberSources: [.system, .interview], resolution: config.resolution)
            let c = TestData.case([
                TestData.household([.householdID: "H1"], members: [TestData.member([.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2010-12"])]),
                TestData.household([.householdID: "H1"], source: .interview, members: [TestData.member([.name: "王小", .relation: "之子", .sex: "男", .age: told], source: .interview)]),
            ])
            var sink = FindingSink(config: config)
            var disagreements: [Disagreement] = []
            unify.check(c, context: try TestData.context(asOf: "2020-12-15"), sink: &sink, disagreements: &disagreements)
            return sink.findings.filter { $0.field == "age" }
        }
        XCTAssertEqual(try found("8").count, 0, "9 or 10 on 2020-12-15")
        XCTAssertEqual(try found("11").count, 0)
        XCTAssertEqual(try found("12").first?.message, "成员王小的年龄不一致：系统出生日期2010-12（9或10岁），走访为12岁；请入户核实")
    }

    // MARK: linkage

    /// Twins of one name told apart by age with birth months (they stayed unlinked when a month
    /// was no date).
    func testLinkage_AgesFromBirthMonths() {
        var c = HouseholdCase(householdID: "H1")
        c.records[.system] = TestData.household([.householdID: "H1"], members: [
            TestData.member([.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2010-06"]),
            TestData.member([.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2014-06"]),
        ])
        c.records[.interview] = TestData.household([.householdID: "H1"], source: .interview, members: [
            TestData.member([.name: "王小", .relation: "之子", .sex: "男", .age: "6"], source: .interview),
            TestData.member([.name: "王小", .relation: "之子", .sex: "男", .age: "10"], source: .interview),
        ])
        MemberLinker(asOf: CivilDate(year: 2020, month: 12, day: 31)!).link(&c, registries: Registries())
        let pairs = c.people.map { "\($0.records[.system]?[.birthDate] ?? "-")=\($0.records[.interview]?[.age] ?? "-")" }.sorted()
        XCTAssertEqual(pairs, ["2010-06=10", "2014-06=6"])
        let linker = MemberLinker(asOf: CivilDate(year: 2020, month: 6, day: 15)!)
        let month = TestData.member([.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2010-06"])
        XCTAssertEqual(linker.score(month, TestData.member([.name: "王小", .relation: "之子", .sex: "男", .age: "11"], source: .interview)), 1, "9 or 10: 11 is within a year")
        XCTAssertEqual(linker.score(month, TestData.member([.name: "王小", .relation: "之子", .sex: "男", .age: "12"], source: .interview)), 0.85, accuracy: 1e-9)
    }
}
