import XCTest
@testable import FivefoldModel

final class FieldMapTests: XCTestCase {
    private let bad = FieldValue(raw: "健", normalized: nil, problem: "unknown code")
    private let good = FieldValue(raw: "男", normalized: "男")

    func testProblems_FoundHoweverTheMapWasMade() {
        // By subscript, one field at a time.
        var set: FieldMap = [.sex: good]
        XCTAssertTrue(set.problems().isEmpty)
        set[.health] = bad
        XCTAssertEqual(set.problems().map(\.key), [.health])
        // From shared keys, with and without the caller saying whether a value has a problem.
        XCTAssertEqual(FieldMap(distinctKeys: [.sex, .health], values: [good, bad]).problems().map(\.key), [.health])
        XCTAssertTrue(FieldMap(distinctKeys: [.sex, .health], values: [good, good]).problems().isEmpty)
        XCTAssertEqual(FieldMap(distinctKeys: [.health, .sex], values: [bad, bad], mayHaveProblems: true).problems(excluding: .sex).map(\.key), [.health])
        // Built from a dictionary literal.
        XCTAssertEqual(([.name: good, .health: bad] as FieldMap).problems().map(\.key), [.health])
    }

    func testProblems_GoneOnceTheBadValueIsReplacedOrRemoved() {
        var map: FieldMap = [.health: bad, .sex: good]
        map[.health] = good
        XCTAssertTrue(map.problems().isEmpty)
        map[.health] = bad
        map[.health] = nil
        XCTAssertTrue(map.problems().isEmpty)
        XCTAssertFalse(map.isInvalid(.health))
    }
}
