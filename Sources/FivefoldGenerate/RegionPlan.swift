import Foundation

// The administrative geography of a generated dataset: counties → townships → villages with
// valid 12-digit codes (village part 200–399, rural 村委会), and which households live where.
// Households are assigned to villages in contiguous index ranges, as a real export sorted by
// 户编号 would list them, so a batch touches only a few villages and a household's village is a
// binary search. The plan is small (one entry per village) and derived from the seed alone.

/// Counties, townships and villages of a dataset, and the household index ranges of villages.
public struct RegionPlan: Sendable {
    /// One village with its place in the hierarchy.
    public struct Village: Sendable {
        public var index: Int
        public var code: String
        public var county: String
        public var countyIndex: Int
        public var township: String
        public var name: String
        /// First household index and count.
        public var firstHousehold: Int
        public var households: Int
        /// 帮扶责任人 of the village with their phones.
        public var cadres: [(name: String, phone: String)]
        /// 核查人 of the village.
        public var inspector: String
        /// Index of this village's first household among its county's households.
        public var countyLocalStart: Int
    }

    public let villages: [Village]
    /// 6-digit county codes, by county index.
    public let countyCodes: [String]

    /// Plans `households` households over `counties` counties (about 150 households a village,
    /// 6–14 villages a township).
    public init(seed: UInt64, households: Int, counties: Int) {
        var rng = SplitMix64(seed: seed, index: 0, stream: 0x5245_4749_4F4E)
        let villageCount = max(counties, Int((Double(households) / 150).rounded()))
        // Village sizes: weights 60–240, scaled to the household total, at least one each.
        var weights: [Int] = (0..<villageCount).map { _ in rng.int(in: 60...240) }
        let weightSum = weights.reduce(0, +)
        var sizes = weights.map { max(1, $0 * households / weightSum) }
        var assigned = sizes.reduce(0, +)
        var i = 0
        while assigned < households {
            sizes[i % villageCount] += 1
            assigned += 1
            i += 1
        }
        while assigned > households {
            if sizes[i % villageCount] > 1 {
                sizes[i % villageCount] -= 1
                assigned -= 1
            }
            i += 1
        }
        weights.removeAll()

        let countyCatalog = NamePools.counties
        var list: [Village] = []
        var codes: [String] = []
        var first = 0
        var v = 0
        for county in 0..<counties {
            let (code, countyName) = countyCatalog[county % countyCatalog.count]
            codes.append(code)
            let inCounty = villageCount / counties + (county < villageCount % counties ? 1 : 0)
            var township = 0
            var made = 0
            var local = 0
            while made < inCounty {
                let perTownship = min(inCounty - made, rng.int(in: 6...14))
                let townshipName = rng.pick(NamePools.placeFirst) + rng.pick(NamePools.placeSecond) + (rng.chance(0.7) ? "镇" : "乡")
                let townshipCode = 100 + township
                var usedNames = Set<String>()
                for village in 0..<perTownship {
                    var name: String
                    repeat {
                        name = rng.pick(NamePools.placeFirst) + rng.pick(NamePools.placeSecond) + "村"
                    } while usedNames.contains(name)
                    usedNames.insert(name)
                    let cadreCount = rng.int(in: 2...4)
                    var cadres: [(String, String)] = []
                    for c in 0..<cadreCount {
                        let cadre = rng.pick(NamePools.surnames, weights: NamePools.surnameWeights)
                            + rng.pick(NamePools.officialGiven) + rng.pick(NamePools.officialGiven)
                        cadres.append((cadre, "139\(String(format: "%04d", (v * 7 + c) % 10000))\(String(format: "%04d", rng.below(10000)))"))
                    }
                    let inspector = rng.pick(NamePools.surnames, weights: NamePools.surnameWeights) + rng.pick(NamePools.officialGiven)
                    let full = code + String(format: "%03d", townshipCode) + String(format: "%03d", 200 + village)
                    list.append(Village(
                        index: v, code: full, county: countyName, countyIndex: county, township: townshipName, name: name,
                        firstHousehold: first, households: sizes[v], cadres: cadres, inspector: inspector,
                        countyLocalStart: local))
                    first += sizes[v]
                    local += sizes[v]
                    v += 1
                    made += 1
                }
                township += 1
            }
        }
        villages = list
        countyCodes = codes
    }

    /// The village of household `index`.
    public func village(ofHousehold index: Int) -> Village {
        var lo = 0
        var hi = villages.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if villages[mid].firstHousehold <= index { lo = mid } else { hi = mid - 1 }
        }
        return villages[lo]
    }
}
