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
        XCTAssertEqual(FieldMap(distinctKeys: [.health, .sex], shared: [bad, bad].map(FieldValue.Shared.init), mayHaveProblems: true)
            .problems(excluding: .sex).map(\.key), [.health])
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

    func testSharedValues_ReadAndCopiedAsValues() {
        let one = FieldValue.Shared(good)
        var a = FieldMap(distinctKeys: [.sex, .name], shared: [one, one], mayHaveProblems: false)
        let b = a
        a[.sex] = bad
        XCTAssertEqual(a[.sex], bad)
        XCTAssertEqual(b[.sex], good, "a copy keeps its values when the original changes")
        XCTAssertEqual(b.normalized(.name), "男")
        XCTAssertEqual(Array(b.map(\.value)), [good, good])
        XCTAssertEqual(b.values, [good, good])
        XCTAssertTrue(b.sharedValues.allSatisfy { $0 === one })
        XCTAssertEqual(b, [.sex: good, .name: good])
    }
}
