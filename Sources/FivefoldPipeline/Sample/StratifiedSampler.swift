import FivefoldModel
import FivefoldLedger

/// Draws a stratified 事后抽查 sample: strata are county × {已脱贫, 未脱贫, 未建档高分户}, sizes by
/// proportional allocation with a minimum per stratum, households chosen by a seeded stable hash.
///
/// **Allocation** (per county with `perCounty`, else over every stratum at once), for a size N
/// over strata of N₁ … N_k households (P = ΣNₕ):
/// 1. proportional shares by the largest remainder (Hamilton): qₕ = ⌊N·Nₕ/P⌋, then the N − Σqₕ
///    seats left go one each to the largest remainders N·Nₕ mod P, ties to the larger stratum,
///    then to the first stratum in (county, 已脱贫, 未脱贫, 未建档) order;
/// 2. the minimum: nₕ = min(Nₕ, max(qₕ, m)). The minimum comes on top of N, so a sample can be
///    larger than N (small strata are never left with fewer than m households to judge);
/// 3. N ≥ P takes every household.
///
/// **Selection**: within a stratum, households are ordered by SplitMix64(FNV-1a(seed, key)) and
/// the first nₕ taken, so the sample depends only on the seed and the population, never on the
/// order the households were read in. Swift's own random numbers are not used: they differ
/// between runs and platforms.
package struct StratifiedSampler: Sendable {
    /// One household that may be sampled.
    package struct Unit: Sendable, Equatable {
        package var stratum: SampleStratum
        package var county: String
        package var countyName: String
        /// 户编号, or for an unregistered household its finding id: what the hash reads.
        package var key: String
        package var regionCode: String
        package var householdID: String
        package var findingID: String
        package var headName: String
        package var township: String
        package var village: String
        package var people: Int

        package init(
            stratum: SampleStratum, county: String, countyName: String = "", key: String, regionCode: String = "", householdID: String = "",
            findingID: String = "", headName: String = "", township: String = "", village: String = "", people: Int = 0
        ) {
            self.stratum = stratum
            self.county = county
            self.countyName = countyName
            self.key = key
            self.regionCode = regionCode
            self.householdID = householdID
            self.findingID = findingID
            self.headName = headName
            self.township = township
            self.village = village
            self.people = people
        }
    }

    /// A stratum: county and kind.
    package struct Stratum: Hashable, Comparable, Sendable {
        package var county: String
        package var kind: SampleStratum

        package static func < (a: Self, b: Self) -> Bool { (a.county, a.kind) < (b.county, b.kind) }
    }

    package var seed: UInt64
    package var size: Int
    package var perCounty = false
    package var minPerStratum = 2

    package init(seed: UInt64, size: Int, perCounty: Bool = false, minPerStratum: Int = 2) {
        self.seed = seed
        self.size = size
        self.perCounty = perCounty
        self.minPerStratum = minPerStratum
    }

    /// The households of every stratum, grouped.
    package static func strata(_ units: [Unit]) -> [Stratum: [Unit]] {
        Dictionary(grouping: units) { Stratum(county: $0.county, kind: $0.stratum) }
    }

    /// How many households to draw from each stratum.
    package func allocation(_ sizes: [Stratum: Int]) -> [Stratum: Int] {
        guard perCounty else { return allocate(sizes, total: size) }
        var result: [Stratum: Int] = [:]
        for (_, group) in Dictionary(grouping: sizes, by: { $0.key.county }) {
            result.merge(allocate(Dictionary(uniqueKeysWithValues: group.map { ($0.key, $0.value) }), total: size)) { a, _ in a }
        }
        return result
    }

    private func allocate(_ sizes: [Stratum: Int], total n: Int) -> [Stratum: Int] {
        let population = sizes.values.reduce(0, +)
        guard population > 0 else { return [:] }
        if n >= population { return sizes }
        var shares: [Stratum: Int] = [:]
        var remainders: [(Stratum, Int)] = []
        for (s, count) in sizes {
            shares[s] = n * count / population
            remainders.append((s, n * count % population))
        }
        let left = n - shares.values.reduce(0, +)
        remainders.sort { a, b in
            a.1 != b.1 ? a.1 > b.1 : sizes[a.0]! != sizes[b.0]! ? sizes[a.0]! > sizes[b.0]! : a.0 < b.0
        }
        for (s, _) in remainders.prefix(left) { shares[s]! += 1 }
        return shares.reduce(into: [:]) { result, entry in
            result[entry.key] = min(sizes[entry.key]!, max(entry.value, minPerStratum))
        }
    }

    /// The sample: the chosen households, by stratum then hash order.
    package func draw(_ units: [Unit]) -> [Unit] {
        let strata = Self.strata(units)
        let counts = allocation(strata.mapValues(\.count))
        var chosen: [Unit] = []
        for stratum in strata.keys.sorted() {
            let ordered = strata[stratum]!.map { (rank($0.key), $0) }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.key < $1.1.key }
            chosen += ordered.prefix(counts[stratum] ?? 0).map(\.1)
        }
        return chosen
    }

    /// The household's place in the seeded order: FNV-1a of (seed, key), mixed by SplitMix64's
    /// finaliser so that nearby keys do not land in nearby places.
    package func rank(_ key: String) -> UInt64 {
        var z = StableHash.value(["sample", String(seed), key]) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
