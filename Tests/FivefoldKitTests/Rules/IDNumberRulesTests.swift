import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// `id.format` says what is wrong with an ID number, and a blank one is a finding.
final class IDNumberRulesTests: XCTestCase {
    func findings(_ id: String, asOf: String = "2020-12-31") throws -> [Finding] {
        var fields: [FieldID: String] = [.householdID: "H1", .name: "王大", .relation: "户主", .sex: "男"]
        if !id.isEmpty { fields[.idNumber] = id }
        let member = MemberRecord(source: .system, location: SourceLocation(file: "m.csv", line: 2),
                                  fields: FieldMap(fields.mapValues { FieldValue(raw: $0, normalized: $0) }))
        let c = TestData.case([TestData.household([.householdID: "H1"], members: [member])])
        return try TestData.findings(IDNumberRules(), c, context: TestData.context(asOf: asOf))
    }

    func message(_ id: String, asOf: String = "2020-12-31") throws -> String {
        let found = try findings(id, asOf: asOf).filter { $0.rule == "id.format" }
        XCTAssertEqual(found.count, 1, "\(id): \(found)")
        return found.first?.message ?? ""
    }

    func testFormat_WrongLengthSaysTheLength() throws {
        XCTAssertTrue(try message("52020319709082888").contains("应为15位或18位，实为17位"))
    }

    func testFormat_BadCharacterIsNamedWithItsPosition() throws {
        let id = "5202031970O8012888"  // letter O for zero at position 11
        let text = try message(id)
        XCTAssertTrue(text.contains("第11位“O”不是数字"), text)
        XCTAssertTrue(try message("52020319700801288Y").contains("第18位“Y”应为数字或X"))
    }

    func testFormat_ImpossibleBirthDate() throws {
        let id = TestData.id(birth: "19700230", serial: 1, male: true)
        let text = try message(id)
        XCTAssertTrue(text.contains("出生日期19700230不存在"), text)
    }

    func testFormat_BirthYearBefore1900OrAfterAsOf() throws {
        let old = TestData.id(birth: "18990101", serial: 1, male: true)
        let before = try message(old)
        XCTAssertTrue(before.contains("早于1900年"), before)
        let unborn = TestData.id(birth: "20210301", serial: 1, male: true)
        let after = try message(unborn)
        XCTAssertTrue(after.contains("晚于核对日期2020-12-31"), after)
        XCTAssertEqual(try findings(unborn, asOf: "2021-06-01").map(\.rule), [], "born before as_of: valid")
    }

    func testFormat_BlankIDNumberIsAFinding() throws {
        let found = try findings("")
        XCTAssertEqual(found.map(\.rule), ["id.format"])
        XCTAssertEqual(found.first?.memberID, "王大")
        XCTAssertTrue(found.first?.message.contains("身份证号为空") == true)
    }

    func testFormat_ValidNumberRaisesNothing() throws {
        XCTAssertEqual(try findings(TestData.id(birth: "19700101", serial: 1, male: true)).map(\.rule), [])
    }
}
