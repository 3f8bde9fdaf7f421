import FivefoldModel

/// Poverty incidence per village and `village.class`: the recorded poor-village class against
/// the class recomputed from incidence (SPEC §1: class 1 ≥ 37.5%, class 2 ≥ 31%, class 3 ≥ 27%,
/// lower bounds inclusive).
///
/// Incidence = member rows of 未脱贫/返贫 households in the corrected system data ÷ 户籍人口.
/// Bounds are compared in integer arithmetic (tenths of a percent) so 37.5% exactly is class 1.
public struct VillageClassRule {
    static let rule = RuleID.villageClass

    public struct Village: Sendable, Codable, Equatable {
        public var regionCode: String
        public var name: String
        public var population: Int?
        public var registeredPoor: Int
        public var households: Int
        /// Percent, nil without a population.
        public var incidence: Double?
        public var computedClass: String?
        public var recordedClass: String

        enum CodingKeys: String, CodingKey {
            case name, population, households, incidence
            case regionCode = "region_code"
            case registeredPoor = "registered_poor"
            case computedClass = "computed_class"
            case recordedClass = "recorded_class"
        }
    }

    public init() {}

    /// Class bounds in tenths of a percent, from the pipeline.
    func bounds(_ context: RuleContext) -> [(label: String, tenths: Int)] {
        [
            ("一类", Int((context.number(Self.rule, "class1_min_percent") * 10).rounded())),
            ("二类", Int((context.number(Self.rule, "class2_min_percent") * 10).rounded())),
            ("三类", Int((context.number(Self.rule, "class3_min_percent") * 10).rounded())),
        ]
    }

    /// The class of `poor` registered-poor people in a population, "非贫困村" below every bound.
    public func classify(poor: Int, population: Int, context: RuleContext) -> String {
        for (label, tenths) in bounds(context) where poor * 1000 >= tenths * population {
            return label
        }
        return "非贫困村"
    }

    /// Incidence per village from the system records and the village register.
    public func villages(cases: [HouseholdCase], register: [VillageRecord], context: RuleContext) -> [Village] {
        villages(counters: PartCounters(cases: cases, unregistered: [], findings: []).villages, register: register, context: context)
    }

    /// Incidence per village from counted households and registered-poor members.
    package func villages(counters: [String: PartCounters.Village], register: [VillageRecord], context: RuleContext) -> [Village] {
        var result: [String: Village] = [:]
        for v in register {
            let counted = counters[v.regionCode] ?? PartCounters.Village()
            var village = Village(regionCode: v.regionCode, name: v.name, population: v.population, registeredPoor: counted.registeredPoor,
                                  households: counted.households, incidence: nil, computedClass: nil, recordedClass: Self.canonicalClass(v.recordedClass))
            if let pop = v.population, pop > 0 {
                village.incidence = (Double(counted.registeredPoor) / Double(pop) * 10000).rounded() / 100
                village.computedClass = classify(poor: counted.registeredPoor, population: pop, context: context)
            }
            result[v.regionCode] = village
        }
        for (code, counted) in counters where result[code] == nil {
            result[code] = Village(regionCode: code, name: counted.name, population: nil, registeredPoor: counted.registeredPoor,
                                   households: counted.households, incidence: nil, computedClass: nil, recordedClass: "")
        }
        return result.keys.sorted().map { result[$0]! }
    }

    public func check(_ villages: [Village], sink: inout FindingSink) {
        for v in villages {
            guard let computed = v.computedClass, !v.recordedClass.isEmpty, computed != v.recordedClass else { continue }
            sink.emit(Finding(
                rule: Self.rule, severity: .warning, regionCode: v.regionCode, field: "village_class",
                values: [("villages", v.recordedClass), ("computed", computed)], action: .info,
                message: "\(v.name)登记为\(v.recordedClass)，按贫困发生率\(v.incidence.map { String($0) } ?? "")%（\(v.registeredPoor)/\(v.population ?? 0)）应为\(computed)"))
        }
    }

    /// 一类贫困村 / 一类 / 1 / 1类 / １类 / Ⅰ类 / I类 → 一类 (likewise 二, 三); 非贫困村 / 无 / 0 → 非贫困村.
    ///
    /// A register writing 1类 was compared as written with the computed 一类: a false
    /// village.class for every such village ("登记为1类，…应为一类").
    static func canonicalClass(_ raw: String) -> String {
        let s = TextNormalizer.fold(raw).trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return "" }
        let classes = [("一类", ["一", "1", "Ⅰ", "I"]), ("二类", ["二", "2", "Ⅱ", "II"]), ("三类", ["三", "3", "Ⅲ", "III"])]
        for (name, marks) in classes {
            for mark in marks where s == mark || (s.hasPrefix(mark) && (mark == "一" || mark == "二" || mark == "三" || s.dropFirst(mark.count).hasPrefix("类"))) {
                return name
            }
        }
        if s.contains("非") || s == "0" || s == "无" { return "非贫困村" }
        return s
    }
}
