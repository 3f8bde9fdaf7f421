import XCTest

@testable import FivefoldKit

final class WorklistMaskTests: XCTestCase {
    func testMask_HidesBirthDateDigitsOfEveryIDInText() {
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "520203199001011234"), "520203********1234")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "张三（52020319900101123X）与52020320100101002x"),
                       "张三（520203********123X）与520203********002x")
    }

    func testMask_LeavesOtherNumbersAlone() {
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "电话13800138000"), "电话13800138000")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "5202031990010112345"), "5202031990010112345", "19 digits is not an ID")
    }

    func testMask_OffWhenPipelineSaysSo() {
        XCTAssertEqual(WorklistWriter(maskIDs: false).mask("520203199001011234"), "520203199001011234")
    }
}
