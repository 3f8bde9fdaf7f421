import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class FourLooksUnregisteredTests: XCTestCase {
    /// An unregistered interview household that looks poor: unsafe house, little grain, no labourer.
    func unregistered(at location: SourceLocation, head: String = "罗正发", village: String = "", key: String = "") -> HouseholdRecord {
        let members = [
            TestData.member([.name: head, .relation: "户主", .labor: "丧失劳动力"], source: .interview),
            TestData.member([.name: "罗小花", .relation: "之女", .labor: "无劳动能力"], source: .interview),
        ]
        var record = TestData.household([.householdID: key, .headName: head, .houseSafe: "不安全", .grainKg: "100", .village: village], source: .interview, members: members)
        record.location = location
        return record
    }

    func finding(_ record: HouseholdRecord) throws -> Finding {
        let context = try TestData.context()
        var sink = FindingSink(settings: context.settings)
        FourLooksRule().check(unregistered: record, context: context, sink: &sink)
        return try XCTUnwrap(sink.findings.first)
    }

    func testUnregistered_IDDoesNotDependOnFileOrLine() throws {
        // Regression (issue 13): the id held the interview's path and line, so renaming the file
        // churned the ledger; and the message read 走访走访/… for a folder named 走访.
        let a = try finding(unregistered(at: SourceLocation(file: "interview/survey.xml.gz", line: 2331)))
        let b = try finding(unregistered(at: SourceLocation(file: "走访/问卷.xml", line: 17)))
        XCTAssertEqual(a.rule, "identify.four_looks")
        XCTAssertEqual(a.id, b.id)
        XCTAssertTrue(b.message.hasPrefix("未建档户罗正发（见走访/问卷.xml:17）四看法得分"), b.message)
        XCTAssertFalse(b.message.contains("走访走访"))
    }

    func testUnregistered_DifferentHouseholdsKeepDifferentIDs() throws {
        let here = SourceLocation(file: "走访/问卷.xml", line: 17)
        let base = try finding(unregistered(at: here)).id
        XCTAssertNotEqual(try finding(unregistered(at: here, head: "罗正才")).id, base)
        XCTAssertNotEqual(try finding(unregistered(at: here, village: "毛栗村")).id, base)
        XCTAssertNotEqual(try finding(unregistered(at: here, key: "5202031002019999")).id, base)
    }
}
