import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldPipeline
@testable import FivefoldIO
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldGenerate

/// `duplicate.household_id`: a 户编号 on two records of one source.
final class RepeatedHouseholdIDRuleTests: XCTestCase {
    /// Regression: these were reported as `duplicate.household` (one person head of several
    /// households), so the two meanings shared an id, a severity setting and a worklist title.
    func testRepeatedRecord_IsReportedUnderItsOwnID() throws {
        let first = TestData.household([.householdID: "H1", .regionCode: "520203001001"])
        let second = HouseholdRecord(source: .system, location: SourceLocation(file: "system.csv", line: 7),
                                     fields: FieldMap([.householdID: TestData.value("H1")]))
        let matched = HouseholdMatcher().match([.system: [first, second]])
        XCTAssertEqual(matched.repeated.count, 1)
        let context = try TestData.context()
        var sink = FindingSink(settings: context.settings)
        RepeatedHouseholdIDRule().check(matched.repeated, cases: matched.cases, sink: &sink)
        let finding = try XCTUnwrap(sink.findings.first)
        XCTAssertEqual(sink.findings.count, 1)
        XCTAssertEqual(finding.rule, "duplicate.household_id")
        XCTAssertEqual(finding.severity, .error)
        XCTAssertEqual(finding.householdID, "H1")
        XCTAssertEqual(finding.field, FieldID.householdID.rawValue)
        XCTAssertEqual(finding.discriminator, "repeated@system.csv:7")
        XCTAssertTrue(finding.message.contains("户编号H1在"), finding.message)
    }

    func testSeverityAndSwitch_AreItsOwnNotDuplicateHouseholds() throws {
        let second = HouseholdRecord(source: .system, location: SourceLocation(file: "system.csv", line: 7),
                                     fields: FieldMap([.householdID: TestData.value("H1")]))
        let context = try TestData.context(rules: "  duplicate.household: {enabled: false}\n  duplicate.household_id: {severity: warning}")
        var sink = FindingSink(settings: context.settings)
        RepeatedHouseholdIDRule().check([second], cases: [], sink: &sink)
        XCTAssertEqual(sink.findings.map(\.severity), [.warning])
        let off = try TestData.context(rules: "  duplicate.household_id: {enabled: false}")
        var silent = FindingSink(settings: off.settings)
        RepeatedHouseholdIDRule().check([second], cases: [], sink: &silent)
        XCTAssertTrue(silent.findings.isEmpty)
    }
}
