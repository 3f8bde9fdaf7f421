import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// 漏评率 counters (issue 16): the same households give the same counts whether they are judged
/// in one partition or one per partition.
final class OmissionCountingTests: XCTestCase {
    /// An unregistered interview household; `poor` decides how the 四看法 score comes out.
    func household(key: String = "", head: String = "罗正发", poor: Bool, region: String = "", line: Int) -> HouseholdRecord {
        let labour = poor ? "丧失劳动力" : "普通劳动力"
        let members = [
            TestData.member([.name: head, .relation: "户主", .labor: labour], source: .interview),
            TestData.member([.name: "罗小花", .relation: "之女", .labor: labour], source: .interview),
            TestData.member([.name: "罗小军", .relation: "之子", .labor: labour], source: .interview),
        ]
        var fields: [FieldID: String] = [.householdID: key, .headName: head, .houseSafe: poor ? "不安全" : "安全", .grainKg: poor ? "100" : "3000"]
        if !region.isEmpty { fields[.regionCode] = region }
        var record = TestData.household(fields, source: .interview, members: members)
        record.location = SourceLocation(file: "interview/survey.xml.gz", line: line)
        return record
    }

    /// Counters of the households judged as one batch, and summed over one batch each.
    func counters(_ households: [HouseholdRecord]) throws -> (whole: PartCounters, split: PartCounters) {
        let evaluator = CaseEvaluator(config: try TestData.config(), asOf: DateParser.parse("2020-12-31")!)
        let whole = evaluator.evaluate(households: [.interview: households], registries: Registries()).counters
        var split = PartCounters()
        for h in households { split.add(evaluator.evaluate(households: [.interview: [h]], registries: Registries()).counters) }
        return (whole, split)
    }

    func testOmission_SameInOneOrManyPartitions() throws {
        // Regression: two households without 户编号, same head and member names and no place in
        // the interview, one poor and one not. Counted from findings by discriminator, both were
        // omitted when they shared a partition (6 people) and only one when apart (3).
        let twins = [household(poor: true, line: 10), household(poor: false, line: 40)]
        let (whole, split) = try counters(twins)
        XCTAssertEqual(whole.omittedPeople, 3)
        XCTAssertEqual(split.omittedPeople, 3)
        XCTAssertEqual(whole.unregisteredPeople, 6)
        XCTAssertEqual(whole, split)
    }

    func testOmission_CountsHouseholdsWithAnUnknownHouseholdID() throws {
        // Regression: a 户编号 the system does not hold made the finding's household id non-blank,
        // and only findings with a blank one were counted: such households were never omitted.
        let (whole, split) = try counters([household(key: "5202031002019999", poor: true, line: 10)])
        XCTAssertEqual(whole.omittedPeople, 3)
        XCTAssertEqual(split.omittedPeople, 3)
    }

    func testOmission_RatesEqualForOneOrManyPartitions() throws {
        let population = (0..<12).map { i in
            household(key: i % 4 == 0 ? "52020310020199\(10 + i)" : "", head: i % 3 == 0 ? "罗正发" : "王\(i)", poor: i % 2 == 0, line: 10 + i)
        }
        let (whole, split) = try counters(population)
        XCTAssertEqual(whole, split)
        let a = CountyFigures.compute(counters: whole, villages: []).last!
        let b = CountyFigures.compute(counters: split, villages: []).last!
        XCTAssertEqual(a.suspectedOmissionRate, b.suspectedOmissionRate)
        XCTAssertEqual(a.suspectedOmissionRate?.numerator, 18)
        XCTAssertEqual(a.suspectedOmissionRate?.denominator, 36)
    }

    func testOmission_PerCountyFromTheInterviewRegionCode() throws {
        let population = [
            household(head: "甲", poor: true, region: "520203100201", line: 1),
            household(head: "乙", poor: false, region: "520203100202", line: 2),
            household(head: "丙", poor: true, region: "520221100201", line: 3),
            household(head: "丁", poor: true, line: 4),  // no region code: only in the total
        ]
        let (whole, split) = try counters(population)
        XCTAssertEqual(whole, split)
        XCTAssertEqual(whole.counties["520203"]?.unregisteredPeople, 6)
        XCTAssertEqual(whole.counties["520203"]?.omittedPeople, 3)
        XCTAssertEqual(whole.counties["520221"]?.omittedPeople, 3)

        let dir = TempDir()
        let parts = try PartFiles(folder: dir.url.path)
        var output = CaseEvaluator.Output()
        output.counters = whole
        try parts.write(output, partition: 0, maskIDs: false)
        XCTAssertEqual(try parts.counters(), whole, "the per-county omission rows survive the part file")

        let figures = Dictionary(uniqueKeysWithValues: CountyFigures.compute(counters: whole, villages: []).map { ($0.county, $0) })
        XCTAssertEqual(figures["520203"]?.suspectedOmissionRate?.percent, 50)
        XCTAssertEqual(figures["520221"]?.suspectedOmissionRate?.percent, 100)
        XCTAssertEqual(figures["all"]?.suspectedOmissionRate?.numerator, 9)
        XCTAssertEqual(figures["all"]?.suspectedOmissionRate?.denominator, 12)
    }

    func testOmission_NoRegionCodeMeansNoCountyRate() throws {
        let (whole, _) = try counters([household(poor: true, line: 1)])
        let figures = CountyFigures.compute(counters: whole, villages: [])
        XCTAssertEqual(figures.map(\.county), ["all"])
    }
}
