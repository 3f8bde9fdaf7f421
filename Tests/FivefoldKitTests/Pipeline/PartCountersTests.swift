import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class PartCountersTests: XCTestCase {
    func testRowsRoundTripThroughAPartFile() throws {
        var counters = PartCounters()
        counters.households = 3
        counters.unregisteredHouseholds = 1
        counters.unregisteredPeople = 4
        counters.omittedPeople = 2
        counters.unregisteredAnswered = 1
        counters.unregisteredApproving = 1
        counters.villages["520203100201"] = .init(households: 2, registeredPoor: 5, name: "=大河村, \"上\"", township: "郎岱镇", county: "六枝特区")
        counters.villages["520203100202"] = .init(households: 1, registeredPoor: 0, name: "", township: "", county: "")
        counters.counties["520203"] = .init(households: 3, registeredPoor: 5, exited: 1, suspectedWrongExit: 1, answered: 2, approving: 1)

        let dir = TempDir()
        let parts = try PartFiles(folder: dir.url.path)
        var output = CaseEvaluator.Output()
        output.counters = counters
        try parts.write(output, partition: 0, maskIDs: false)
        XCTAssertEqual(try parts.counters(), counters)

        XCTAssertNil(PartCounters(rows: [["village", "x", "one", "0", "", "", "", ""]]), "a damaged row is refused")
    }
}
