import Foundation
import TestSupport
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// `fivefold inspect` on files nobody documented (issue 13): the delimiter is detected, title
/// rows can be skipped, and XML element paths are listed without knowing the record path.
final class InspectTests: XCTestCase {
    let dir = TestTemporaryFolder.root.appendingPathComponent("fivefold-inspect-\(UUID().uuidString)").path

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testInspect_DetectsTabInGB18030AndSkipsTheTitle() throws {
        let text = "建档立卡贫困户家庭基本信息表\r\n户编号\t户主姓名\t家庭成员\r\n5202031002010001\t王德明\t王德明,刘桂芬\r\n5202031002010002\t张光荣\t张光荣\r\n"
        let path = dir + "/导出.txt"
        try Data(try Transcoder.utf8ToGB18030().encode(text)).write(to: URL(fileURLWithPath: path))
        let result = try FivefoldProcess.run(["inspect", path, "--header-row", "2"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 2, result.stdout)
        XCTAssertTrue(result.stdout.contains("\"户主姓名\":\"王德明\",\"家庭成员\":\"王德明,刘桂芬\""), result.stdout)
        XCTAssertEqual(result.stderr, "\(path): read 2, accepted 2, quarantined 0; encoding gb18030; delimiter tab (detected), 1 title rows skipped\n")
    }

    func testInspect_ListsXMLPathsWithCounts() throws {
        let path = dir + "/archive.xml"
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<导出><数据><户 户编号=\"1\"><成员><姓名>甲</姓名></成员><成员><姓名>乙</姓名></成员></户><户 户编号=\"2\"/></数据></导出>\n"
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        let result = try FivefoldProcess.run(["inspect", path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "1\t导出\n1\t导出/数据\n2\t导出/数据/户\n2\t导出/数据/户/@户编号\n2\t导出/数据/户/成员\n2\t导出/数据/户/成员/姓名\n")
        XCTAssertTrue(result.stderr.contains("give --record-path"), result.stderr)
        let records = try FivefoldProcess.run(["inspect", path, "--record-path", "导出/数据/户", "--member-path", "成员"])
        XCTAssertEqual(records.status, 0, records.stderr)
        XCTAssertEqual(records.stdout.split(separator: "\n").count, 2)
    }

    func testInspect_ReadsAnXLSXSheetBelowItsTitle() throws {
        let path = XLSXTableTests.fixtures + "/wall-cards.xlsx"
        let result = try FivefoldProcess.run(["inspect", path, "--header-row", "2", "--limit", "1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "{\"file\":\"\(path)\",\"line\":3,\"户编号\":\"5202031002010001\",\"户主姓名\":\"王德明\",\"家庭人口数\":\"2\",\"家庭成员\":\"王德明 周桂兰\",\"帮扶责任人\":\"李明\"}\n")
        XCTAssertEqual(result.stderr, "\(path): sheet wall-cards (sheets 0: wall-cards); rows 6, 1 title rows skipped\n")
    }
}
