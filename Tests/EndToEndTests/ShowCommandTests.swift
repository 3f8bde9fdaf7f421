import Foundation
import TestSupport
import XCTest

@testable import FivefoldLedger

/// `fivefold show 户编号` on the shipped fixture, through the built binary.
final class ShowCommandTests: XCTestCase {
    static let root = TestTemporaryFolder.root.appendingPathComponent("fivefold-show-\(UUID().uuidString)").path
    static let out = root + "/out"

    override class func setUp() {
        _ = try? FivefoldProcess.run(["run", SampleRunTests.pipeline, "--input", SampleRunTests.sample, "--out", out, "--as-of", SampleRunTests.asOf, "-q"])
    }

    override class func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    func testShow_FiveSourcesFindingsAndCorrectionsMasked() throws {
        let result = try FivefoldProcess.run(["show", "5202031002010005", "--pipeline", SampleRunTests.pipeline, "--out", Self.out])
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = result.stdout
        XCTAssertTrue(text.hasPrefix("户编号 5202031002010005  六枝特区 郎岱镇 青菜塘村 罗正华\n"), text)
        XCTAssertTrue(text.contains("  字段\t系统\t档案\t明白卡\t走访\t核查\n"), text)
        // The planted size defect: the system says 5, every other source 4; corrected to 4.
        XCTAssertTrue(text.contains("  家庭人口数\t5\t4\t4\t4\t—\n"), text)
        XCTAssertTrue(text.contains("household.size_mismatch") || text.contains("unify.mismatch"), text)
        XCTAssertTrue(text.contains("家庭人口数：5 → 4（依据 archive=4;wall=4;interview=4）"), text)
        XCTAssertTrue(text.contains("历史：第1次 新增"), text)
        XCTAssertTrue(text.contains("520203********2338"), "the head's ID number masked")
        XCTAssertFalse(text.contains("520203195810102338"), "no ID number in full without --unmasked")

        let unmasked = try FivefoldProcess.run(["show", "5202031002010005", "--pipeline", SampleRunTests.pipeline, "--out", Self.out, "--unmasked"])
        XCTAssertTrue(unmasked.stdout.contains("520203195810102338"))
    }

    func testShow_PipelineFromTheLedger() throws {
        let result = try FivefoldProcess.run(["show", "5202031002010005", "--ledger", Self.out + ".ledger.sqlite"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("【问题（台账）】"))
    }

    func testShow_UnknownHouseholdIsOneClearErrorExitTwo() throws {
        let result = try FivefoldProcess.run(["show", "5202039999999999", "--pipeline", SampleRunTests.pipeline, "--out", Self.out])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.hasPrefix("fivefold: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("household 5202039999999999 is in none of the inputs of the latest run and not in the ledger"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1)
    }
}
