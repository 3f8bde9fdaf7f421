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
        counters.keys = ["system": .init(keyed: 3, matched: 3, example: "H1"), "archive": .init(keyed: 4, matched: 1, example: "X-H2")]
        counters.newestOwnDate = "2020-09-22"
        counters.newestOwnDateSource = "verification"
        counters.registryValues = ["insurance\u{1f}insurance_status": .init(total: 154, refused: 2, example: "断缴, \"x\""), "deaths\u{1f}death_date": .init(total: 3)]

        let dir = TempDir()
        let parts = try PartFiles(folder: dir.url.path)
        var output = CaseEvaluator.Output()
        output.counters = counters
        try parts.write(output, partition: 0, maskIDs: false)
        XCTAssertEqual(try parts.counters(), counters)

        XCTAssertNil(PartCounters(rows: [["village", "x", "one", "0", "", "", "", ""]]), "a damaged row is refused")
    }

    func testKeyMatches_CountEachSourcesKeysTheSystemHoldsWhateverThePartitioning() {
        let system = ["H1", "H2", "H3"].map { TestData.household([.householdID: $0]) }
        let archive = ["H1", "X-H2", "X-H3", "X-H0"].map { TestData.household([.householdID: $0], source: .archive) }
        let interview = ["H2", "Z9", ""].map { TestData.household([.householdID: $0], source: .interview) }
        let whole = HouseholdMatcher().match([.system: system, .archive: archive, .interview: interview])
        let keys = PartCounters.keyMatches(cases: whole.cases, unregistered: whole.unregistered)
        XCTAssertEqual(keys["system"], .init(keyed: 3, matched: 3, example: "H1"))
        XCTAssertEqual(keys["archive"], .init(keyed: 4, matched: 1, example: "X-H0"), "the smallest key the system lacks")
        XCTAssertEqual(keys["interview"], .init(keyed: 2, matched: 1, example: "Z9"), "a blank key is an unregistered household, not a mismatch")
        // Split in two batches and summed, the counts and examples are the same.
        var summed = PartCounters()
        for part in [["H1", "X-H0"], ["H2", "H3", "X-H2", "X-H3", "Z9", ""]] {
            let batch = HouseholdMatcher().match([
                .system: system.filter { part.contains($0.householdID) }, .archive: archive.filter { part.contains($0.householdID) },
                .interview: interview.filter { part.contains($0.householdID) },
            ])
            var counters = PartCounters()
            counters.keys = PartCounters.keyMatches(cases: batch.cases, unregistered: batch.unregistered)
            summed.add(counters)
        }
        XCTAssertEqual(summed.keys, keys)
        // The assembly's warning: only a source of 10 or more keyed households, most of them unknown.
        var counters = PartCounters()
        counters.keys = ["system": .init(keyed: 48, matched: 48, example: "5202031002010001"),
                         "archive": .init(keyed: 49, matched: 0, example: "LZ5202031002010001"),
                         "wall": .init(keyed: 9, matched: 0, example: "W1"), "interview": .init(keyed: 48, matched: 24, example: "Q")]
        XCTAssertEqual(Assembler.unmatchedKeys(counters, sources: [.system, .archive, .wall, .interview]), [
            "archive (档案): 0 of 49 households have a 户编号 the system holds (the archive's first: LZ5202031002010001; the system's: 5202031002010001); "
                + "each of the others is reported missing from the system, and the system's households missing from the archive. "
                + "If they are the same households, the keys are written differently or 户编号 is mapped to the wrong column (fivefold inspect shows the values)",
        ], "the wall has too few to tell; half the interview is not most")
    }
}
