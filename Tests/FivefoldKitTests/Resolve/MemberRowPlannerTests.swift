import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// The row policies on one household: which sources count, and the Chinese reason of each refusal.
final class MemberRowPlannerTests: XCTestCase {
    let headID = TestData.id(birth: "19700101", serial: 1, male: true)
    let childID = TestData.id(birth: "20050505", serial: 3, male: true)
    let ghostID = TestData.id(birth: "19800808", serial: 5, male: true)

    var head: [FieldID: String] { [.name: "王大", .relation: "户主", .sex: "男", .idNumber: headID] }
    var child: [FieldID: String] { [.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2005-05-05", .idNumber: childID] }

    /// The system lacks 王小 (or, with `ghost`, lists 王鬼 whom nobody else does); the other
    /// sources list whom `archive`, `wall` and `interview` say; hukou registers 王小 under `hukouHousehold`.
    func household(
        archive: Bool = true, wall: Bool = true, interview: Bool = true, hukouHousehold: String? = "H1", ghost: [FieldID: String]? = nil,
        wallNames: String? = nil
    ) -> (HouseholdCase, Registries) {
        let base: [FieldID: String] = [.householdID: "H1", .headName: "王大"]
        var records = [TestData.household(base, members: [TestData.member(head)] + (ghost.map { [TestData.member($0)] } ?? []))]
        let others = ghost == nil ? [head, child] : [head]
        if archive { records.append(TestData.household(base, source: .archive, members: others.map { TestData.member($0, source: .archive) })) }
        if interview {
            let told = others.map { $0.filter { $0.key != .idNumber && $0.key != .birthDate } }
            records.append(TestData.household(base, source: .interview, members: told.map { TestData.member($0, source: .interview) }))
        }
        if wall {
            let names = wallNames ?? (ghost == nil ? "王大、王小" : "王大")
            records.append(TestData.household(base.merging([.memberNames: names]) { $1 }, source: .wall))
        }
        var registries = Registries()
        registries.declare("hukou")
        registries.add("hukou", TestData.member([.idNumber: headID, .name: "王大", .householdID: "H1"], source: .hukou))
        if let hukouHousehold {
            registries.add("hukou", TestData.member([.idNumber: childID, .name: "王小", .sex: "男", .birthDate: "2005-05-05", .householdID: hukouHousehold], source: .hukou))
        }
        return (TestData.case(records, registries: registries), registries)
    }

    func plan(_ setup: (HouseholdCase, Registries), members: String = "add: {enabled: true}\n    remove: {enabled: true}") throws -> (corrections: [Correction], finding: Finding?) {
        let (c, registries) = setup
        let config = try TestData.config(resolution: "  members:\n    \(members)")
        var sink = FindingSink(config: config)
        var disagreements: [Disagreement] = [], rows: [RowCandidate] = []
        let unify = UnifyRules(sources: SourceID.five, memberSources: [.system, .archive, .interview], resolution: config.resolution)
        unify.check(c, context: RuleContext(config: config, asOf: DateParser.parse("2020-12-31")!, registries: registries),
                    sink: &sink, disagreements: &disagreements, rows: &rows)
        var findings = sink.findings
        let corrections = MemberRowPlanner(resolution: config.resolution, hukouSupplied: registries.has("hukou")).plan(rows, in: c, findings: &findings)
        return (corrections, rows.first.map { findings[$0.findingIndex] })
    }

    func testAdd_FourSourcesWithHukouAddTheMemberAndItsCells() throws {
        let (corrections, finding) = try plan(household())
        XCTAssertEqual(corrections.first?.newValue, "added")
        XCTAssertEqual(corrections.first?.evidence, "archive=王小;wall=王小;interview=王小;hukou=户H1")
        let cells = Dictionary(corrections.dropFirst().map { ($0.field, $0.newValue) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(cells, [.idNumber: childID, .name: "王小", .relation: "之子", .sex: "男", .birthDate: "2005-05-05"])
        XCTAssertEqual(finding?.action, .corrected)
    }

    func testAdd_TooFewSourcesIsRefused() throws {
        let (corrections, finding) = try plan(household(wall: false, interview: false))
        XCTAssertEqual(corrections, [])
        XCTAssertEqual(finding?.action, .worklist)
        XCTAssertTrue(finding!.message.hasSuffix("；未自动补录：仅2个来源列有此人（需3个），请入户核实"), finding!.message)
    }

    func testAdd_HukouInAnotherHouseholdIsRefused() throws {
        let (corrections, finding) = try plan(household(hukouHousehold: "H2"))
        XCTAssertEqual(corrections, [])
        // The linker never attaches a hukou row naming another household (what a partition sees of
        // other households is an accident of partitioning), so the refusal reads "not here".
        XCTAssertTrue(finding!.message.hasSuffix("；未自动补录：户籍登记中本户无此人，请入户核实"), finding!.message)
    }

    func testAdd_PolicyOffLeavesTheFindingAsItWas() throws {
        let (corrections, finding) = try plan(household(), members: "add: {enabled: false}")
        XCTAssertEqual(corrections, [])
        XCTAssertEqual(finding?.action, .worklist)
        XCTAssertFalse(finding!.message.contains("补录"), finding!.message)
    }

    func testRemove_GhostKnownToNobodyIsRemoved() throws {
        let (corrections, finding) = try plan(household(ghost: [.name: "王鬼", .relation: "其他", .idNumber: ghostID]))
        XCTAssertEqual(corrections.map(\.newValue), ["removed"])
        XCTAssertEqual(corrections.first?.memberID, ghostID)
        XCTAssertEqual(corrections.first?.evidence, "archive=无;wall=无;interview=无;hukou=无")
        XCTAssertEqual(finding?.action, .corrected)
    }

    func testRemove_GhostOnTheWallCardIsRefused() throws {
        let (corrections, finding) = try plan(household(ghost: [.name: "王鬼", .relation: "其他", .idNumber: ghostID], wallNames: "王大、王鬼"))
        XCTAssertEqual(corrections, [])
        XCTAssertTrue(finding!.message.contains("未自动删除：明白卡列有此人"), finding!.message)
    }

    func testRemove_TooFewSilentSourcesIsRefused() throws {
        let (corrections, finding) = try plan(household(wall: false, interview: false, ghost: [.name: "王鬼", .relation: "其他", .idNumber: ghostID]))
        XCTAssertEqual(corrections, [])
        XCTAssertTrue(finding!.message.contains("未自动删除：仅2个来源证实此人不在户（需3个）"), finding!.message)
    }
}
