import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class OpenFileBudgetTests: XCTestCase {
    #if os(Linux)
    let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    let resource = RLIMIT_NOFILE
    #endif

    /// A low soft limit under a higher hard one is raised for the work files the scan needs.
    func testSoftLimitIsRaisedTowardsTheHardLimit() throws {
        var saved = rlimit()
        XCTAssertEqual(getrlimit(resource, &saved), 0)
        defer { var restore = saved; _ = setrlimit(resource, &restore) }
        try XCTSkipIf(saved.rlim_max < 2000, "hard limit too low on this machine to test raising")

        var low = saved
        low.rlim_cur = 300
        XCTAssertEqual(setrlimit(resource, &low), 0)
        XCTAssertEqual(PipelineRunner.openFileBudget(1500), 1500, "raised to 1500 + 128 reserved")
        var now = rlimit()
        _ = getrlimit(resource, &now)
        XCTAssertEqual(now.rlim_cur, 1628)
        XCTAssertEqual(PipelineRunner.openFileBudget(10), 1500, "never lowered")
    }
}
