import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class VillageClassRuleTests: XCTestCase {
    func testClassify_BoundariesAreInclusiveAndJustBelowFallsThrough() throws {
        let context = try TestData.context()
        let rule = VillageClassRule()
        // 1000 people: 375 is exactly 37.5%, 374 just below.
        XCTAssertEqual(rule.classify(poor: 375, population: 1000, context: context), "一类")
        XCTAssertEqual(rule.classify(poor: 374, population: 1000, context: context), "二类")
        XCTAssertEqual(rule.classify(poor: 310, population: 1000, context: context), "二类")
        XCTAssertEqual(rule.classify(poor: 309, population: 1000, context: context), "三类")
        XCTAssertEqual(rule.classify(poor: 270, population: 1000, context: context), "三类")
        XCTAssertEqual(rule.classify(poor: 269, population: 1000, context: context), "非贫困村")
        // Exact fractions that are not exact in binary floating point: 31/100 and 27/100.
        XCTAssertEqual(rule.classify(poor: 31, population: 100, context: context), "二类")
        XCTAssertEqual(rule.classify(poor: 27, population: 100, context: context), "三类")
        XCTAssertEqual(rule.classify(poor: 3, population: 8, context: context), "一类", "3/8 = 37.5%")
    }

    func testClassify_BoundsComeFromThePipeline() throws {
        let context = try TestData.context(rules: "  village.class: {params: {class1_min_percent: 40}}")
        XCTAssertEqual(VillageClassRule().classify(poor: 375, population: 1000, context: context), "二类")
    }

    func testCheck_RecordedClassDisagreeingWithIncidenceIsFlagged() throws {
        let context = try TestData.context()
        let members = (0..<4).map { TestData.member([.name: "成员\($0)"]) }
        let poor = TestData.household([.householdID: "H1", .regionCode: "520203100201", .status: "未脱贫"], members: members)
        let c = TestData.case([poor])
        let register = [
            VillageRecord(location: SourceLocation(file: "v.csv", line: 2), regionCode: "520203100201", name: "甲村", population: 10, recordedClass: "非贫困村"),
        ]
        let rule = VillageClassRule()
        let villages = rule.villages(cases: [c], register: register, context: context)
        XCTAssertEqual(villages.first?.incidence, 40)
        XCTAssertEqual(villages.first?.computedClass, "一类")
        var sink = FindingSink(settings: context.settings)
        rule.check(villages, sink: &sink)
        XCTAssertEqual(sink.findings.map(\.rule), ["village.class"])
        XCTAssertEqual(sink.findings.first?.regionCode, "520203100201")

        let agreeing = [VillageRecord(location: register[0].location, regionCode: "520203100201", name: "甲村", population: 10, recordedClass: "一类贫困村")]
        var quiet = FindingSink(settings: context.settings)
        rule.check(rule.villages(cases: [c], register: agreeing, context: context), sink: &quiet)
        XCTAssertTrue(quiet.findings.isEmpty)
    }

    /// Regression: a register writing 1类 (or Ⅰ类, １类) got a village.class finding against the
    /// computed 一类 for every village, "登记为1类 … 应为一类"; II类 must not read as 一类.
    func testCanonicalClass_ReadsTheWaysRegistersWriteAClass() {
        for (raw, expected) in [("一类", "一类"), ("一类贫困村", "一类"), ("1", "一类"), ("1类", "一类"), ("１类", "一类"), ("Ⅰ类", "一类"), ("I类", "一类"),
                                ("2类", "二类"), ("Ⅱ类", "二类"), ("II类", "二类"), ("二类村", "二类"), ("3类", "三类"), ("III类", "三类"), ("Ⅲ", "三类"),
                                ("非贫困村", "非贫困村"), ("0", "非贫困村"), ("无", "非贫困村"), (" ", ""), ("深度贫困村", "深度贫困村"), ("12", "12")] {
            XCTAssertEqual(VillageClassRule.canonicalClass(raw), expected, raw)
        }
    }
}
