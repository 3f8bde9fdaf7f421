import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Regression: linkage and messages once depended on dictionary order, which Swift seeds per
/// process, so re-running the same night gave different findings (breaking the ledger's
/// "identical outputs" for a repeated run). These cases must come out the same every time.
final class LinkedMemberSourceOrderTests: XCTestCase {
    func testHukouLinksThroughAnySourcesIDNumber_WhateverTheDictionaryOrder() {
        let right = TestData.id(birth: "19880530", serial: 7, male: true)
        let typo = String(right.dropLast()) + (right.last == "1" ? "2" : "1")
        var registries = Registries()
        registries.add("hukou", TestData.member([.idNumber: right, .name: "周建军"], source: .hukou))
        for _ in 0..<20 {
            var c = HouseholdCase(householdID: "H1")
            c.records[.system] = TestData.household([.householdID: "H1"], source: .system, members: [
                TestData.member([.idNumber: typo, .name: "周建军"], source: .system),
            ])
            c.records[.archive] = TestData.household([.householdID: "H1"], source: .archive, members: [
                TestData.member([.idNumber: right, .name: "周建军"], source: .archive),
            ])
            MemberLinker().link(&c, registries: registries)
            let linked = c.people.filter { $0.records[.hukou] != nil }
            XCTAssertEqual(linked.count, 1, "the hukou row links to the person through the archive's ID number")
        }
    }

    func testDisplayNameAndOrder_FollowTheSourceOrder() {
        let person = LinkedMember(records: [
            .interview: TestData.member([.name: "周建軍"], source: .interview),
            .archive: TestData.member([.name: "周建君"], source: .archive),
            .system: TestData.member([.name: "周建军"], source: .system),
        ])
        XCTAssertEqual(person.displayName, "周建军")
        XCTAssertEqual(person.orderedRecords.map(\.source), [.system, .archive, .interview])
    }
}
