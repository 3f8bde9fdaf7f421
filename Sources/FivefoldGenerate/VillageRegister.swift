// verification/villages.csv: each village's 户籍人口 and recorded 贫困村类别. The class must follow
// from incidence (registered-poor member rows in the system ÷ 户籍人口; class 1 ≥ 37.5%, 2 ≥ 31%,
// 3 ≥ 27%, lower bounds inclusive) except in the villages where `village.class` is planted. The
// counts are only known once every household is written, so this file is written last, from the
// per-village tallies the batches returned; the population adds a village-specific share of
// residents who are not registered, so classes vary between villages.

import FivefoldModel
import Foundation

/// Computes and writes the village register.
public struct VillageRegister: Sendable {
    public let seed: UInt64
    public let defectRate: Double

    static let stream: UInt64 = 0x5643_4C53

    public init(seed: UInt64, defectRate: Double) {
        self.seed = seed
        self.defectRate = defectRate
    }

    /// The class of `poor` registered-poor people in `population` (integer arithmetic in
    /// tenths of a percent, so 37.5% exactly is class 1).
    public static func classify(poor: Int, population: Int) -> String {
        for (label, tenths) in [("一类", 375), ("二类", 310), ("三类", 270)] where poor * 1000 >= tenths * population {
            return label
        }
        return "非贫困村"
    }

    /// Which villages get a wrong recorded class: those whose draw falls under the defect rate,
    /// and at least one when the rate is positive.
    public func plantedVillages(count: Int) -> Set<Int> {
        guard defectRate > 0, count > 0 else { return [] }
        var draws: [(Double, Int)] = []
        for v in 0..<count {
            var rng = SplitMix64(seed: seed, index: UInt64(v), stream: Self.stream)
            draws.append((rng.unit(), v))
        }
        var planted = Set(draws.filter { $0.0 < defectRate }.map(\.1))
        if planted.isEmpty { planted.insert(draws.min { $0.0 < $1.0 }!.1) }
        return planted
    }

    /// Rows of villages.csv (with header) and the truth rows of planted classes.
    public func rows(plan: RegionPlan, counts: [Int: BatchOutput.VillageCount]) -> (csv: [[String]], truth: [TruthRow]) {
        var csv: [[String]] = [["行政区划代码", "村", "户籍人口", "贫困村类别"]]
        var truth: [TruthRow] = []
        let planted = plantedVillages(count: plan.villages.count)
        for village in plan.villages {
            let count = counts[village.index] ?? BatchOutput.VillageCount()
            var rng = SplitMix64(seed: seed, index: UInt64(village.index), stream: Self.stream &+ 1)
            let unregisteredShare = 5 + rng.below(56)  // percent of residents outside the register
            let population = max(1, count.members + count.members * unregisteredShare / 100 + rng.below(20))
            let computed = Self.classify(poor: count.registeredPoor, population: population)
            var recorded = computed
            if planted.contains(village.index) {
                let classes = ["一类", "二类", "三类", "非贫困村"]
                let others = classes.filter { $0 != computed }
                recorded = others[rng.below(others.count)]
                let percent = population > 0 ? Double(count.registeredPoor * 10000 / population) / 100 : 0
                truth.append(TruthRow(rule: RuleID.villageClass.rawValue, regionCode: village.code, householdID: "", field: "village_class",
                                      source: "villages", note: "recorded \(recorded), incidence \(count.registeredPoor)/\(population) = \(percent)% is \(computed)"))
            }
            csv.append([village.code, village.name, String(population), recorded])
        }
        return (csv, truth)
    }
}
