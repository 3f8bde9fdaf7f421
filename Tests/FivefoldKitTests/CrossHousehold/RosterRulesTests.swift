import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldPipeline

/// The 五包 checks of the assembly: areas without their leader, and the roster's own consistency.
final class RosterRulesTests: XCTestCase {
    func entry(_ level: RosterLevel, area: String = "", household: String = "", _ name: String, phone: String = "") -> RosterEntry {
        RosterEntry(level: level, area: area, householdID: household, name: name, title: "", phone: phone, line: 1)
    }

    func counters(_ villages: [String: (households: Int, poor: Int)]) -> [String: PartCounters.Village] {
        villages.mapValues { v in
            var village = PartCounters.Village()
            village.households = v.households
            village.registeredPoor = v.poor
            village.name = "村"
            village.township = "乡"
            village.county = "县"
            return village
        }
    }

    func coverage(_ roster: [RosterEntry], villages: [String: (households: Int, poor: Int)], poor: Set<String> = []) throws -> [String] {
        var sink = FindingSink(settings: try TestData.context().settings)
        _ = RosterRules().coverage(counters: counters(villages), poorVillages: poor, book: AccountabilityBook(roster: roster, signoffs: nil, notices: nil), sink: &sink)
        return sink.findings.map { "\($0.rule) \($0.regionCode)" }
    }

    func testCoverage_EveryAreaCovered_NoFinding() throws {
        let roster = [entry(.province, area: "520203", "省"), entry(.city, area: "520203100", "市"), entry(.county, area: "520203100201", "县")]
        XCTAssertEqual(try coverage(roster, villages: ["520203100201": (3, 5)]), [])
    }

    func testCoverage_MissingLeadersAtEachLevel() throws {
        XCTAssertEqual(try coverage([], villages: ["520203100201": (3, 5)]),
                       ["roster.county 520203000000", "roster.township 520203100000", "roster.village 520203100201"])
    }

    func testCoverage_AVillageWithoutPoorNeedsNoCountyLeaderUnlessTheRegisterClassesIt() throws {
        let roster = [entry(.province, area: "520203", "省"), entry(.city, area: "520203100", "市")]
        XCTAssertEqual(try coverage(roster, villages: ["520203100201": (3, 0)]), [])
        XCTAssertEqual(try coverage(roster, villages: ["520203100201": (3, 0)], poor: ["520203100201"]), ["roster.village 520203100201"])
    }

    func consistency(_ roster: [RosterEntry], rules: String = "") throws -> [String] {
        let context = try TestData.context(rules: rules)
        var sink = FindingSink(settings: context.settings)
        RosterRules().consistency(roster, context: context, sink: &sink)
        return sink.findings.map { "\($0.rule) \($0.memberID)" }
    }

    func testPhones_OneNameTwoPhones_OnePhoneTwoNames() throws {
        XCTAssertEqual(try consistency([entry(.cadre, household: "H1", "刘芳", phone: "1"), entry(.cadre, household: "H2", "刘芳", phone: "1")]), [])
        XCTAssertEqual(try consistency([entry(.cadre, household: "H1", "刘芳", phone: "1"), entry(.cadre, household: "H2", "刘芳", phone: "2")]),
                       ["roster.cadre_phones 刘芳"])
        XCTAssertEqual(try consistency([entry(.cadre, household: "H1", "刘芳", phone: "1"), entry(.township, household: "H1", "谢书记", phone: "1")]),
                       ["roster.shared_phone 1"])
    }

    func testLoad_TenHouseholdsPass_ElevenFail_LimitFromThePipeline() throws {
        let ten = (1...10).map { entry(.cadre, household: "H\($0)", "李明辉") }
        XCTAssertEqual(try consistency(ten), [])
        XCTAssertEqual(try consistency(ten + [entry(.cadre, household: "H11", "李明辉")]), ["roster.cadre_load 李明辉"])
        XCTAssertEqual(try consistency(ten + [entry(.cadre, household: "H1", "李明辉")]), [], "a household listed twice counts once")
        XCTAssertEqual(try consistency(ten, rules: "  roster.cadre_load: {params: {max_households: 5}}"), ["roster.cadre_load 李明辉"])
    }
}
