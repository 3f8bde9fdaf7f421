import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class ResolverTests: XCTestCase {
    let houseGrade = FieldPolicy(trust: [.verification, .archive, .system, .interview], authoritative: [.verification])

    func testResolve_AuthoritativeSourceSettlesAlone() {
        let outcome = Resolver().resolve([(.system, "C"), (.archive, "C"), (.verification, "A")], policy: houseGrade)
        guard case .settled(let value, let supporters, let policy) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(value, "A")
        XCTAssertEqual(supporters, [.verification])
        XCTAssertTrue(policy.contains("authoritative:verification"), policy)
    }

    func testResolve_TopSourceNeedsMinAgreeWhenNotAuthoritative() {
        let policy = FieldPolicy(trust: [.archive, .system, .wall, .interview], minAgree: 2)
        XCTAssertEqual(Resolver().resolve([(.system, "张小明"), (.archive, "张晓明"), (.wall, "张晓明")], policy: policy),
                       .settled(value: "张晓明", supporters: [.archive, .wall], policy: "trust:archive>system>wall;min_agree:2"))
        guard case .unsettled = Resolver().resolve([(.system, "张小明"), (.archive, "张晓明")], policy: policy) else {
            return XCTFail("one source against one must not settle")
        }
    }

    func testResolve_NoAutoCorrectFieldsAlwaysGoToWorklist() {
        let policy = FieldPolicy(trust: [.archive, .system], authoritative: [.archive], autoCorrect: false)
        guard case .unsettled = Resolver().resolve([(.system, "未脱贫"), (.archive, "已脱贫")], policy: policy) else {
            return XCTFail("status must never be auto-corrected")
        }
    }

    func testResolve_SignoffOutranksEverything() {
        let outcome = Resolver().resolve([(.verification, "A"), (.signoff, "B"), (.system, "C")], policy: houseGrade)
        guard case .settled(let value, _, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(value, "B")
    }

    func testResolve_NumericToleranceGroupsCloseValues() {
        let policy = FieldPolicy(comparator: .numeric, relativeTolerance: 0.05, trust: [.archive, .system, .wall], minAgree: 2)
        let outcome = Resolver().resolve([(.system, "5000"), (.archive, "6000"), (.wall, "5900")], policy: policy)
        XCTAssertEqual(outcome, .settled(value: "6000", supporters: [.archive, .wall], policy: "trust:archive>system>wall;min_agree:2"))
    }

    func testComparator_SetIgnoresOrderAndSeparators() {
        let c = ValueComparator(policy: FieldPolicy(comparator: .set))
        XCTAssertTrue(c.agree("产业扶持、健康扶贫", "健康扶贫,产业扶持"))
        XCTAssertFalse(c.agree("产业扶持", "产业扶持、教育资助"))
    }

    func testComparator_TextFoldsSpacesAndPunctuation() {
        let c = ValueComparator(policy: FieldPolicy(comparator: .text))
        XCTAssertTrue(c.agree("阿依古丽·买买提", "阿依古丽买买提"))
        XCTAssertFalse(c.agree("张小明", "张晓明"))
    }

    func testComparator_NumericAbsoluteTolerance() {
        let c = ValueComparator(policy: FieldPolicy(comparator: .numeric, absoluteTolerance: 50))
        XCTAssertTrue(c.agree("3000", "3050"))
        XCTAssertFalse(c.agree("3000", "3051"))
    }
}
