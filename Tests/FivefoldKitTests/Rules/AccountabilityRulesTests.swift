import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldPipeline

/// The per-household accountability checks (roster.household, roster.cadre, signoff.*, notice.*)
/// and their boundaries: a 7-day notice passes and a 6-day one fails; a sign-off on the notice's
/// last day is early and the day after is not; a sign-off on 1 January of the exit year and on
/// `as_of` is in range; the same day at two levels is in order.
final class AccountabilityRulesTests: XCTestCase {
    static let village = "520203100201"

    func household(_ fields: [FieldID: String] = [:]) -> HouseholdCase {
        var base: [FieldID: String] = [
            .householdID: "H1", .regionCode: Self.village, .status: "已脱贫", .exitYear: "2019", .identifiedYear: "2014", .cadreName: "李明辉",
        ]
        base.merge(fields) { $1 }
        return TestData.case([TestData.household(base)])
    }

    func d(_ s: String) -> CivilDate { DateParser.parse(s)! }

    /// A roster that makes everyone responsible (the household's own rows and its village, township, county leaders).
    func fullRoster(cadre: String = "李明辉") -> [RosterEntry] {
        [
            RosterEntry(level: .province, area: "520203", householdID: "", name: "陈省长", title: "", phone: "1", line: 2),
            RosterEntry(level: .city, area: "520203100", householdID: "", name: "马市长", title: "", phone: "2", line: 3),
            RosterEntry(level: .county, area: Self.village, householdID: "", name: "黄县长", title: "", phone: "3", line: 4),
            RosterEntry(level: .township, area: "", householdID: "H1", name: "罗镇长", title: "", phone: "4", line: 5),
            RosterEntry(level: .cadre, area: "", householdID: "H1", name: cadre, title: "", phone: "5", line: 6),
        ]
    }

    func signoffs(village: String = "2019-10-25", township: String? = "2019-11-08", county: String? = "2019-11-20", signer: String = "黄县长") -> [ExitSignoff] {
        var rows = [ExitSignoff(householdID: "H1", exitYear: 2019, level: .village, signer: "李明辉", date: d(village), line: 2)]
        if let township { rows.append(ExitSignoff(householdID: "H1", exitYear: 2019, level: .township, signer: "罗镇长", date: d(township), line: 3)) }
        if let county { rows.append(ExitSignoff(householdID: "H1", exitYear: 2019, level: .county, signer: signer, date: d(county), line: 4)) }
        return rows
    }

    func notices(exitEnd: String = "2019-11-07", objection: String = "", answer: String = "") -> [PublicNotice] {
        [
            PublicNotice(householdID: "H1", kind: .identification, start: d("2014-03-01"), end: d("2014-03-10"), objection: objection, answer: answer, line: 2),
            PublicNotice(householdID: "H1", kind: .exit, start: d("2019-11-01"), end: d(exitEnd), objection: "", answer: "", line: 3),
        ]
    }

    func findings(_ c: HouseholdCase, roster: [RosterEntry]? = nil, signoffs: [ExitSignoff]? = nil, notices: [PublicNotice]? = nil,
                  rules: String = "", asOf: String = "2020-12-31") throws -> [String] {
        let base = try TestData.context(rules: rules, asOf: asOf)
        let context = RuleContext(settings: base.settings, asOf: base.asOf, registries: base.registries,
                                  accountability: AccountabilityBook(roster: roster, signoffs: signoffs, notices: notices))
        return TestData.findings(AccountabilityRules(), c, context: context).map(\.rule).sorted()
    }

    func testCleanHousehold_NoFinding() throws {
        XCTAssertEqual(try findings(household(), roster: fullRoster(), signoffs: signoffs(), notices: notices()), [])
    }

    func testNoTables_NoFinding() throws {
        XCTAssertEqual(try findings(household()), [], "a table the dump lacks is skipped, never read as empty")
    }

    func testRoster_MissingTownshipLeaderAndCadre() throws {
        let roster = fullRoster().filter { $0.level != .township && $0.level != .cadre }
        XCTAssertEqual(try findings(household(), roster: roster), ["roster.cadre", "roster.household"])
    }

    func testRoster_CadreNotTheHouseholdsHelper_BlankHelperIsNoMismatch() throws {
        XCTAssertEqual(try findings(household(), roster: fullRoster(cadre: "刘芳")), ["roster.cadre"])
        XCTAssertEqual(try findings(household([.cadreName: ""]), roster: fullRoster(cadre: "刘芳")), [], "a blank 帮扶责任人 is household.no_cadre's")
    }

    func testRoster_NonRegisteredHouseholdIsNotChecked() throws {
        XCTAssertEqual(try findings(household([.status: "非贫困户"]), roster: []), [])
    }

    func testSignoff_MissingLevel_NoneAtAllNamesAllThree() throws {
        XCTAssertEqual(try findings(household(), signoffs: signoffs(county: nil)), ["signoff.missing_level"])
        let base = try TestData.context()
        let context = RuleContext(settings: base.settings, asOf: base.asOf, registries: base.registries,
                                  accountability: AccountabilityBook(roster: nil, signoffs: [], notices: nil))
        let f = TestData.findings(AccountabilityRules(), household(), context: context)
        XCTAssertEqual(f.map(\.message), ["已于2019年脱贫，缺少村级、乡级、县级签字确认"])
    }

    func testSignoff_NotExitedNeedsNone() throws {
        XCTAssertEqual(try findings(household([.status: "未脱贫", .exitYear: ""]), signoffs: []), [])
    }

    func testSignoff_Order_SameDayIsInOrder_ADayEarlierIsNot() throws {
        XCTAssertEqual(try findings(household(), signoffs: signoffs(township: "2019-11-20", county: "2019-11-20")), [])
        XCTAssertEqual(try findings(household(), signoffs: signoffs(township: "2019-11-20", county: "2019-11-19")), ["signoff.order"])
        XCTAssertEqual(try findings(household(), signoffs: signoffs(village: "2019-11-09")), ["signoff.order"])
    }

    func testSignoff_Date_FirstDayOfExitYearAndAsOfPass_OneDayOutsideFails() throws {
        XCTAssertEqual(try findings(household(), signoffs: signoffs(village: "2019-01-01", township: "2019-01-01", county: "2020-12-31")), [])
        XCTAssertEqual(try findings(household(), signoffs: signoffs(village: "2018-12-31", township: "2019-01-01")), ["signoff.date"])
        XCTAssertEqual(try findings(household(), signoffs: signoffs(county: "2021-01-01")), ["signoff.date"])
    }

    func testSignoff_SignerMustBeInTheRosterForTheHousehold_OnlyWithARoster() throws {
        XCTAssertEqual(try findings(household(), roster: fullRoster(), signoffs: signoffs(signer: "陈省长")), [], "the county's 省领导 may sign")
        XCTAssertEqual(try findings(household(), roster: fullRoster(), signoffs: signoffs(signer: "钱某某")), ["signoff.signer"])
        XCTAssertEqual(try findings(household(), signoffs: signoffs(signer: "钱某某")), [], "without a roster the signer is not judged")
        var elsewhere = fullRoster()
        elsewhere.append(RosterEntry(level: .county, area: "520203100202", householdID: "", name: "林县长", title: "", phone: "", line: 9))
        XCTAssertEqual(try findings(household(), roster: elsewhere, signoffs: signoffs(signer: "林县长")), ["signoff.signer"],
                       "the leader of another village is not responsible for this household")
    }

    func testNotice_SevenDaysPass_SixFail() throws {
        XCTAssertEqual(try findings(household(), notices: notices(exitEnd: "2019-11-07")), [])
        XCTAssertEqual(try findings(household(), notices: notices(exitEnd: "2019-11-06")), ["notice.short"])
        XCTAssertEqual(try findings(household(), notices: notices(exitEnd: "2019-11-06"), rules: "  notice.short: {params: {min_days: 6}}"), [])
    }

    func testNotice_MissingIdentificationOrExit() throws {
        XCTAssertEqual(try findings(household(), notices: notices().filter { $0.kind == .identification }), ["notice.missing"])
        XCTAssertEqual(try findings(household([.status: "未脱贫", .exitYear: ""]), notices: notices().filter { $0.kind == .identification }), [])
        XCTAssertEqual(try findings(household(), notices: []), ["notice.missing", "notice.missing"])
    }

    func testNotice_SignoffOnTheLastDayIsEarly_TheDayAfterIsNot() throws {
        XCTAssertEqual(try findings(household(), signoffs: signoffs(township: "2019-11-07"), notices: notices()), ["notice.signoff_early"])
        XCTAssertEqual(try findings(household(), signoffs: signoffs(township: "2019-11-08"), notices: notices()), [])
        XCTAssertEqual(try findings(household(), signoffs: signoffs(village: "2019-10-25"), notices: notices()), [],
                       "the 村 sign-off precedes the notice: not among the default levels")
        XCTAssertEqual(try findings(household(), signoffs: signoffs(village: "2019-10-25"), notices: notices(),
                                    rules: "  notice.signoff_early: {params: {levels: [村, 乡, 县]}}"), ["notice.signoff_early"])
    }

    func testNotice_ObjectionNeedsAnAnswer_NoneRaisedNeedsNone() throws {
        XCTAssertEqual(try findings(household(), notices: notices(objection: "收入偏高")), ["notice.objection"])
        XCTAssertEqual(try findings(household(), notices: notices(objection: "收入偏高", answer: "经核实属实")), [])
        XCTAssertEqual(try findings(household(), notices: notices(objection: "无")), [])
    }

    func testDisabledRule_EmitsNothing() throws {
        XCTAssertEqual(try findings(household(), notices: notices(objection: "收入偏高"), rules: "  notice.objection: {enabled: false}"), [])
    }

    func testNoticeDays_CountBothEnds() {
        XCTAssertEqual(PublicNotice(householdID: "", kind: .exit, start: d("2019-11-01"), end: d("2019-11-07"), objection: "", answer: "", line: 1).days, 7)
        XCTAssertEqual(PublicNotice(householdID: "", kind: .exit, start: d("2019-11-01"), end: d("2019-11-01"), objection: "", answer: "", line: 1).days, 1)
    }

    func testLevels_ParseTheirSpellings() {
        XCTAssertEqual(RosterLevel.parse("县级"), .county)
        XCTAssertEqual(RosterLevel.parse("帮扶干部"), .cadre)
        XCTAssertNil(RosterLevel.parse("村干部"))
        XCTAssertEqual(SignoffLevel.parse("乡镇"), .township)
        XCTAssertNil(SignoffLevel.parse("省"))
        // A 镇 signs as a township (its rows were quarantined, and each exit it signed was a false
        // signoff.missing_level); districts and banners as counties.
        for (raw, level) in [("镇", SignoffLevel.township), ("镇级", .township), ("乡（镇）", .township), ("镇政府", .township), ("街道办", .township),
                             ("乡镇人民政府", .township), ("村两委", .village), ("村民委员会", .village), ("区", .county), ("区级", .county),
                             ("县（市、区）", .county), ("县扶贫办", .county), ("旗", .county)] {
            XCTAssertEqual(SignoffLevel.parse(raw), level, raw)
        }
        XCTAssertNil(SignoffLevel.parse("市"))
        XCTAssertNil(SignoffLevel.parse("街"))
        for (raw, level) in [("镇领导", RosterLevel.township), ("镇", .township), ("乡（镇）领导", .township), ("区领导", .county), ("区级领导", .county),
                             ("旗领导", .county), ("州领导", .city), ("市（州）领导", .city), ("省级领导", .province), ("驻村干部", .cadre), ("镇干部", .township)] {
            XCTAssertEqual(RosterLevel.parse(raw), level, raw)
        }
        XCTAssertNil(RosterLevel.parse("区域"))
        XCTAssertNil(RosterLevel.parse("市场"))
        XCTAssertEqual(PublicNotice.Kind.parse("退出公示"), .exit)
        XCTAssertNil(PublicNotice.Kind.parse("公告"))
        for (raw, kind) in [("拟退出", PublicNotice.Kind.exit), ("拟退出公示", .exit), ("贫困户退出公示", .exit), ("拟脱贫户公示", .exit),
                            ("拟纳入", .identification), ("拟纳入公示", .identification), ("贫困户识别公示", .identification), ("新识别", .identification)] {
            XCTAssertEqual(PublicNotice.Kind.parse(raw), kind, raw)
        }
        XCTAssertNil(PublicNotice.Kind.parse("识别及退出"))
    }
}
