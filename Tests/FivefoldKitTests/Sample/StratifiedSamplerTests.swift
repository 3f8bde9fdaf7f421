import XCTest
@testable import FivefoldModel
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline

final class StratifiedSamplerTests: XCTestCase {
    typealias Unit = StratifiedSampler.Unit

    /// County A: 50 exited, 30 poor, 3 unregistered; county B: 15 exited, 2 poor (100 in all).
    func population() -> [Unit] {
        var units: [Unit] = []
        func add(_ county: String, _ stratum: SampleStratum, _ n: Int) {
            for i in 0..<n { units.append(Unit(stratum: stratum, county: county, key: "\(county)-\(stratum.rawValue)-\(i)", householdID: "\(county)\(i)")) }
        }
        add("520203", .exited, 50); add("520203", .poor, 30); add("520203", .unregistered, 3)
        add("520221", .exited, 15); add("520221", .poor, 2)
        return units
    }

    func sizes(_ sampler: StratifiedSampler) -> [String: Int] {
        let drawn = sampler.draw(population())
        return Dictionary(grouping: drawn, by: { "\($0.county)/\($0.stratum.rawValue)" }).mapValues(\.count)
    }

    func testAllocation_ProportionalThenMinimum() {
        // N = 20 over P = 100: shares 10, 6, 0.6, 3, 0.4 → floors 10, 6, 0, 3, 0 (19); the one seat
        // left goes to the largest remainder (A unregistered, 0.6) → 1; then the minimum 2 lifts
        // A unregistered to 2 and B poor to 2 (all of it): 23 households.
        let s = sizes(StratifiedSampler(seed: 7, size: 20, minPerStratum: 2))
        XCTAssertEqual(s, ["520203/exited": 10, "520203/poor": 6, "520203/unregistered": 2, "520221/exited": 3, "520221/poor": 2])
    }

    func testAllocation_PerCounty() {
        // 5 per county. A (83): 250/83 = 3 r1, 150/83 = 1 r67, 15/83 = 0 r15 → the seat left to poor
        // (2); minimum lifts unregistered to 2. B (17): 75/17 = 4 r7, 10/17 = 0 r10 → poor 1, then 2.
        let s = sizes(StratifiedSampler(seed: 7, size: 5, perCounty: true, minPerStratum: 2))
        XCTAssertEqual(s, ["520203/exited": 3, "520203/poor": 2, "520203/unregistered": 2, "520221/exited": 4, "520221/poor": 2])
    }

    func testAllocation_TiesGoToTheLargerStratumThenTheFirst() {
        let sampler = StratifiedSampler(seed: 1, size: 1, minPerStratum: 0)
        typealias S = StratifiedSampler.Stratum
        // Remainders equal (1 each of 3): the larger stratum wins; equal sizes: county order, then 已脱贫 before 未脱贫.
        XCTAssertEqual(sampler.allocation([S(county: "B", kind: .exited): 1, S(county: "A", kind: .poor): 2]).filter { $0.value > 0 }.keys.first,
                       S(county: "A", kind: .poor))
        XCTAssertEqual(sampler.allocation([S(county: "B", kind: .exited): 1, S(county: "A", kind: .poor): 1]).filter { $0.value > 0 }.keys.first,
                       S(county: "A", kind: .poor))
        XCTAssertEqual(sampler.allocation([S(county: "A", kind: .poor): 1, S(county: "A", kind: .exited): 1]).filter { $0.value > 0 }.keys.first,
                       S(county: "A", kind: .exited))
    }

    func testAllocation_SizeAtLeastThePopulationTakesEveryone() {
        XCTAssertEqual(StratifiedSampler(seed: 3, size: 500).draw(population()).count, 100)
    }

    func testDraw_SameSeedSameSampleWhateverTheOrder() {
        let a = StratifiedSampler(seed: 42, size: 20).draw(population()).map(\.key)
        let b = StratifiedSampler(seed: 42, size: 20).draw(population().reversed()).map(\.key)
        XCTAssertEqual(a, b)
    }

    func testDraw_DifferentSeedDifferentSample() {
        let a = Set(StratifiedSampler(seed: 42, size: 20).draw(population()).map(\.key))
        let b = Set(StratifiedSampler(seed: 43, size: 20).draw(population()).map(\.key))
        XCTAssertEqual(a.count, b.count)
        XCTAssertNotEqual(a, b)
    }
}

final class WilsonIntervalTests: XCTestCase {
    /// Published 95 % Wilson intervals (e.g. Newcombe 1998, Table I; Brown, Cai & DasGupta 2001).
    func testWilson_KnownValues() throws {
        func check(_ k: Int, _ n: Int, _ lower: Double, _ upper: Double, line: UInt = #line) throws {
            let w = try XCTUnwrap(WilsonInterval(successes: k, of: n), line: line)
            XCTAssertEqual(w.lower, lower, accuracy: 0.00005, "lower \(k)/\(n)", line: line)
            XCTAssertEqual(w.upper, upper, accuracy: 0.00005, "upper \(k)/\(n)", line: line)
        }
        try check(0, 10, 0, 0.2775)
        try check(5, 10, 0.2366, 0.7634)
        try check(10, 10, 0.7225, 1)
        try check(1, 10, 0.0179, 0.4042)
        try check(81, 263, 0.2553, 0.3662)  // Newcombe's example 81/263
    }

    func testWilson_NothingVerifiedHasNoInterval() {
        XCTAssertNil(WilsonInterval(successes: 0, of: 0))
    }
}
