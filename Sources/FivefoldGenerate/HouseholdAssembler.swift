// Turns a household index into everything the dataset says about that household: the clean
// household (from the factory, shaped for the defect it will carry), the planted defect (or the
// next kind that fits, when a household cannot carry the drawn one cleanly), format noise,
// background registry rows that must not raise findings (exempt vehicles, small businesses,
// strangers who died or work for the state), and the unregistered households the interviewers
// met next door. A pure function of (options, index): batches can be assembled anywhere.
import FivefoldModel

/// Builds the per-source views of one household.
public struct HouseholdAssembler: Sendable {
    public let factory: HouseholdFactory
    public let planner: DefectPlanner
    public let planter: DefectPlanter
    public let noise: NoiseMaker
    public let seed: UInt64
    /// Whether any defect is planted (a zero defect rate plants no vocabulary gap either).
    public let plantsDefects: Bool

    static let backgroundStream: UInt64 = 0x4247_5244

    public init(seed: UInt64, plan: RegionPlan, asOf: SyntheticDate, defectRate: Double, noiseRate: Double) {
        plantsDefects = defectRate > 0
        self.seed = seed
        factory = HouseholdFactory(seed: seed, plan: plan, asOf: asOf)
        planner = DefectPlanner(seed: seed, rate: defectRate)
        planter = DefectPlanter(factory: factory)
        noise = NoiseMaker(seed: seed, rate: noiseRate, asOf: asOf)
    }

    /// The sources of household `index`.
    public func assemble(_ index: Int) -> HouseholdSources {
        var sources: HouseholdSources
        if let (first, variant) = planner.firstChoice(index) {
            sources = plantFirstFitting(index, first: first, variant: variant)
        } else {
            sources = HouseholdSources(factory.household(index))
        }
        noise.apply(to: &sources)
        addBackground(&sources)
        plantVocabularyGap(&sources)
        return sources
    }

    /// The local spelling of 一般贫困户 some wall cards use: not in the shipped vocabulary, and
    /// written on about one clean card in 61, so it repeats: a vocabulary gap (`vocabulary.unknown`,
    /// one truth row for the dataset), not one `value.invalid` per card.
    public static let gapValue = "一般户（扶贫）"

    private func plantVocabularyGap(_ s: inout HouseholdSources) {
        guard plantsDefects, s.truth.index % 61 == 17, s.plantedRule == nil, s.system != nil, s.wall?.attribute == "一般贫困户",
            s.override(.wall, member: nil, .attribute) == nil
        else { return }
        s.overrides.append(FieldOverride(source: .wall, member: nil, field: .attribute, raw: Self.gapValue))
        s.vocabularyGap = true
    }

    /// Tries the drawn kind, then the following kinds (never a donor kind), until one plants cleanly.
    private func plantFirstFitting(_ index: Int, first: DefectKind, variant: Int) -> HouseholdSources {
        let kinds = DefectKind.allCases
        for step in 0..<kinds.count {
            let kind = kinds[(first.rawValue + step) % kinds.count]
            if step > 0 && kind.needsDonor { continue }
            // A few variants of the kind before moving on to the next kind.
            for attempt in 0..<3 {
                let v = variant &+ attempt &* 7919
                var sources = HouseholdSources(factory.household(index, requirements: kind.requirements(variant: v)))
                if planter.plant(kind, variant: v, in: &sources) { return sources }
            }
        }
        return HouseholdSources(factory.household(index))  // unreachable in practice: registry kinds always fit
    }

    /// Registry rows that must raise nothing, and clean unregistered interview households.
    private func addBackground(_ s: inout HouseholdSources) {
        let h = s.truth
        var rng = SplitMix64(seed: seed, index: UInt64(h.index), stream: Self.backgroundStream)
        // A member with a vehicle type the pipeline exempts, or a company below the capital limit.
        if rng.chance(0.04), let system = s.system, let m = system.members.first(where: { $0.age(at: factory.asOf) >= 20 }), s.plantedRule != RuleID.eligibilityVehicle.rawValue {
            let plate = "贵" + String(Array("ABCDEFGHJK")[rng.below(10)]) + "\(10000 + rng.below(90000))"
            s.registryRows.append((.vehicles, [m.id, plate, rng.pick(NamePools.exemptVehicles)]))
        }
        if rng.chance(0.02), let system = s.system, let m = system.members.first(where: { $0.age(at: factory.asOf) >= 20 }), s.plantedRule != RuleID.eligibilityBusiness.rawValue {
            s.registryRows.append((.businesses, [m.id, "\(h.village)\(m.name)种养殖专业合作社", String(rng.int(in: 1...9))]))
        }
        // People who are nobody's member: IDs from another prefix family (53…), unique per index.
        let slot = IDNumberMaker.householdSlot(local: h.index)
        func stranger(_ digit: Int) -> (id: String, name: String) {
            let (month, day) = IDNumberMaker.memberMonthDay(baseDay: slot.day, digit: digit)
            let birth = SyntheticDate(year: rng.int(in: 1950...1995), month: month, day: day)
            let id = IDNumberMaker.make(prefix: "53" + String(format: "%04d", slot.prefixIndex), birth: birth, sequence: slot.block * 10 + digit)
            let pool = digit % 2 == 1 ? NamePools.maleGiven : NamePools.femaleGiven
            return (id, rng.pick(NamePools.surnames, weights: NamePools.surnameWeights) + rng.pick(pool) + rng.pick(pool))
        }
        if rng.chance(0.005) {
            let p = stranger(1)
            s.registryRows.append((.deaths, [p.id, p.name, "2020-0\(rng.int(in: 1...9))-1\(rng.below(10))"]))
        }
        if rng.chance(0.02) {
            let p = stranger(2 + rng.below(2))
            s.registryRows.append((.publicEmployees, [p.id, p.name, h.county + rng.pick(NamePools.employers)]))
        }
        if rng.chance(0.025) {
            let p = stranger(4 + rng.below(2))
            s.registryRows.append((.vehicles, [p.id, "贵" + String(Array("ABCDEFGHJK")[rng.below(10)]) + "\(10000 + rng.below(90000))", rng.pick(NamePools.cars)]))
        }
        if rng.chance(0.015) {
            let p = stranger(6 + rng.below(2))
            s.registryRows.append((.property, [p.id, "\(h.county)城区\(rng.pick(NamePools.placeFirst))苑\(rng.int(in: 1...12))栋", "\(rng.int(in: 60...140))"]))
        }
        if rng.chance(0.01) {
            let p = stranger(8 + rng.below(2))
            s.registryRows.append((.businesses, [p.id, "\(h.county)\(rng.pick(NamePools.placeFirst))\(rng.pick(NamePools.placeSecond))商贸有限公司", String(rng.int(in: 10...500))]))
        }
        if rng.chance(0.03) {
            s.unregistered.append(factory.unregistered(after: h.index, ordinal: 0, poorLooking: false))
        }
    }
}
