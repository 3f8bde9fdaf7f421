import FivefoldModel

/// What the village and county figures need from one partition, summed across partitions and
/// shards by the assembly (so no stage holds every household to compute them).
package struct PartCounters: Codable, Sendable, Equatable {
    package struct Village: Codable, Sendable, Equatable {
        package var households = 0
        var registeredPoor = 0
        package var name = ""
        /// Where the village is, for report.html.
        package var township = ""
        package var county = ""
        /// Registered (建档立卡) households, and how many of them have a measure of each
        /// `household.measures` category (六个到村到户 coverage).
        package var registered = 0
        package var measures: [String: Int] = [:]
    }

    package struct County: Codable, Sendable, Equatable {
        package var households = 0
        package var registeredPoor = 0
        package var exited = 0
        package var suspectedWrongExit = 0
        package var answered = 0
        package var approving = 0
        /// Unregistered interview households placed in this county by their 行政区划代码 (when the
        /// interview carries one), their people, and the people of those that look poor (漏评).
        package var unregisteredHouseholds = 0
        package var unregisteredPeople = 0
        package var omittedPeople = 0
        /// Registered-poor (未脱贫 / 返贫) households, and those with an `identify.four_looks`
        /// (looks well-off) or `eligibility.*` finding: suspected 错评.
        package var poorHouseholds = 0
        package var suspectedWrongInclusion = 0

        package init(
            households: Int = 0, registeredPoor: Int = 0, exited: Int = 0, suspectedWrongExit: Int = 0,
            answered: Int = 0, approving: Int = 0, unregisteredHouseholds: Int = 0, unregisteredPeople: Int = 0, omittedPeople: Int = 0
        ) {
            self.unregisteredHouseholds = unregisteredHouseholds
            self.unregisteredPeople = unregisteredPeople
            self.omittedPeople = omittedPeople
            self.households = households
            self.registeredPoor = registeredPoor
            self.exited = exited
            self.suspectedWrongExit = suspectedWrongExit
            self.answered = answered
            self.approving = approving
        }
    }

    package var households = 0
    package var villages: [String: Village] = [:]
    package var counties: [String: County] = [:]
    /// Unregistered interview households (漏评 candidates): people checked and people of those
    /// that look poor; their satisfaction answers.
    package var unregisteredHouseholds = 0
    package var unregisteredPeople = 0
    package var omittedPeople = 0
    package var unregisteredAnswered = 0
    package var unregisteredApproving = 0
    /// Unknown code-list values by (source, field, value) and rows per source and level, for
    /// `vocabulary.unknown` (summed here so partitioning never changes which values are gaps).
    package var vocabulary: [VocabularyGapRule.Key: VocabularyGapRule.Tally] = [:]
    package var sourceRows: [String: Int] = [:]
    /// Rows of each accountability table (`responsibility` household rows, `exit_signoffs`,
    /// `notices`) whose 户编号 is a system household here: the assembly compares their sum with
    /// the table, so rows naming a household nobody holds are reported, not silently unused.
    package var accountabilityMatched: [String: Int] = [:]
    /// Per source: its households with a 户编号, how many of those the system holds, and the
    /// smallest 户编号 it does not (for the system itself: its households and its smallest
    /// 户编号). The assembly warns when most of a source's keys are unknown to the system: keys
    /// written another way (a prefix, a lost leading zero) make every household missing, exit 0.
    package var keys: [String: KeyMatch] = [:]
    /// The newest date a source record carries for itself (the interview's 走访日期, the
    /// inspection's 核查日期), ISO, "" when none, and the source that holds it: a run whose as_of
    /// is the run date, years after it, is warned that its ages and exit checks are computed for
    /// a date the data does not describe.
    package var newestOwnDate = ""
    package var newestOwnDateSource = ""
    /// Per registry and field ("registry\u{1f}field"): its values read and those refused (a
    /// 参保状态, date or amount no code list or form knows), with the first refused. Registries
    /// raise no value.invalid (their rows are evidence, not the dataset), so a refused value was
    /// as if blank and the rule that needed it silently did not fire; the assembly warns.
    package var registryValues: [String: RegistryValues] = [:]

    package struct RegistryValues: Codable, Sendable, Equatable {
        package var total = 0
        package var refused = 0
        package var example = ""

        package init(total: Int = 0, refused: Int = 0, example: String = "") {
            self.total = total
            self.refused = refused
            self.example = example
        }

        package mutating func add(_ o: RegistryValues) {
            total += o.total
            refused += o.refused
            if !o.example.isEmpty && (example.isEmpty || o.example < example) { example = o.example }
        }
    }

    /// The newest own date of `cases` (see `newestOwnDate`).
    package static func newestOwnDate(_ cases: [HouseholdCase]) -> (date: String, source: String) {
        var newest: CivilDate?, source = SourceID.interview
        for c in cases {
            for s in [SourceID.interview, .verification] {
                guard let date = MemberFacts.ownDate(of: c.records[s]), newest.map({ date > $0 }) ?? true else { continue }
                newest = date
                source = s
            }
        }
        return newest.map { ($0.iso, source.rawValue) } ?? ("", "")
    }

    package struct KeyMatch: Codable, Sendable, Equatable {
        package var keyed = 0
        package var matched = 0
        package var example = ""

        package mutating func add(_ o: KeyMatch) {
            keyed += o.keyed
            matched += o.matched
            if !o.example.isEmpty && (example.isEmpty || o.example < example) { example = o.example }
        }
    }

    /// The key counts of one batch (see `keys`).
    package static func keyMatches(cases: [HouseholdCase], unregistered: [HouseholdRecord]) -> [String: KeyMatch] {
        // By SourceID (its hash is precomputed), in place; strings only for the result.
        var result: [SourceID: KeyMatch] = [:]
        func note(_ source: SourceID, matched: Bool, key: String) {
            result[source, default: KeyMatch()].keyed += 1
            if matched { result[source]!.matched += 1 }
            if source == .system || !matched, result[source]!.example.isEmpty || key < result[source]!.example { result[source]!.example = key }
        }
        for c in cases {
            let held = c.system != nil
            for source in c.records.keys { note(source, matched: held, key: c.householdID) }
        }
        for record in unregistered where !record.householdID.isEmpty { note(record.source, matched: false, key: record.householdID) }
        return Dictionary(uniqueKeysWithValues: result.map { ($0.key.rawValue, $0.value) })
    }

    package init() {}

    package static func county(_ region: String) -> String { region.count >= 6 ? String(region.prefix(6)) : "unknown" }

    /// - Parameter measureCategories: the `household.measures` categories to count coverage by
    ///   (empty: no coverage, e.g. when the dump has no 帮扶措施).
    /// Counts one batch. `looksPoor` holds the 四看法 decision for each of `unregistered`, in
    /// order, as the evaluator took it: counting it again from findings went wrong (issue 16) —
    /// households without 户编号 that share a discriminator (same place and names) were all
    /// counted when one of them was flagged and they fell in one partition, so 漏评率 depended
    /// on partitioning, and unregistered households with a 户编号 the system lacks were never counted.
    package init(
        cases: [HouseholdCase], unregistered: [HouseholdRecord], looksPoor: [Bool] = [], findings: [Finding],
        measureCategories: [NamedList] = []
    ) {
        precondition(looksPoor.isEmpty || looksPoor.count == unregistered.count, "one 四看法 decision per unregistered household")
        let wrongExit = Set(findings.filter { $0.ruleID.family == RuleID.exitIncome.family }.map(\.householdID))
        let wrongInclusion = Set(findings.filter {
            ($0.ruleID == .identifyFourLooks || $0.ruleID.family == RuleID.eligibilityVehicle.family) && !$0.householdID.isEmpty
        }.map(\.householdID))
        let categories = MeasureCategories.Memo(table: measureCategories)
        for c in cases {
            guard let system = c.system, !system.isMemberOnly else { continue }
            households += 1
            let region = c.regionCode
            let status = system[.status]
            let poor = MemberFacts.isRegisteredPoor(status) ? system.members.count : 0
            // Each village and county looked up once and changed in place: subscripting the
            // dictionaries per counter hashed the region's text a dozen times a household.
            func countVillage(_ village: inout Village) {
                village.households += 1
                village.registeredPoor += poor
                if village.name.isEmpty { village.name = system[.village] ?? "" }
                if village.township.isEmpty { village.township = system[.township] ?? "" }
                if village.county.isEmpty { village.county = system[.county] ?? "" }
                if !measureCategories.isEmpty, MemberFacts.holdsFilingCard(status) {
                    village.registered += 1
                    for category in categories.categories(of: system[.measures]) {
                        village.measures[category, default: 0] += 1
                    }
                }
            }
            func countCounty(_ county: inout County) {
                county.households += 1
                county.registeredPoor += poor
                if MemberFacts.isRegisteredPoor(status) {
                    county.poorHouseholds += 1
                    if wrongInclusion.contains(c.householdID) { county.suspectedWrongInclusion += 1 }
                }
                if status == "已脱贫" {
                    county.exited += 1
                    if wrongExit.contains(c.householdID) { county.suspectedWrongExit += 1 }
                }
                if let answer = c.records[.interview]?[.satisfaction] {
                    county.answered += 1
                    if answer == "满意" || answer == "基本满意" { county.approving += 1 }
                }
            }
            countVillage(&villages[region, default: Village()])
            countCounty(&counties[Self.county(region), default: County()])
        }
        for (i, record) in unregistered.enumerated() {
            unregisteredHouseholds += 1
            unregisteredPeople += record.members.count
            let poor = i < looksPoor.count && looksPoor[i]
            if poor { omittedPeople += record.members.count }
            // 漏评率 per county needs the interview's 行政区划代码 (optional in the layout): a
            // household without one counts only in the dataset's total.
            if let region = record[.regionCode], region.count >= 6 {
                let key = Self.county(region)
                counties[key, default: County()].unregisteredHouseholds += 1
                counties[key]!.unregisteredPeople += record.members.count
                if poor { counties[key]!.omittedPeople += record.members.count }
            }
            if let answer = record[.satisfaction] {
                unregisteredAnswered += 1
                if answer == "满意" || answer == "基本满意" { unregisteredApproving += 1 }
            }
        }
    }

    /// The counters as rows of a part file (`kind` first: total, village or county). CSV, not
    /// JSON: every partition counts nearly every village, and decoding 190 partitions' villages
    /// with `JSONDecoder` took two seconds of a province's assembly.
    package static let header = ["kind", "key", "a", "b", "c", "d", "e", "f"]

    package var rows: [[String]] {
        var rows = [["total", "", String(households), String(unregisteredHouseholds), String(unregisteredPeople), String(omittedPeople),
                     String(unregisteredAnswered), String(unregisteredApproving)]]
        for (k, v) in villages.sorted(by: { $0.key < $1.key }) {
            rows.append(["village", k, String(v.households), String(v.registeredPoor), v.name, v.township, v.county, String(v.registered)])
            for (category, n) in v.measures.sorted(by: { $0.key < $1.key }) {
                rows.append(["measure", k, String(n), category, "", "", "", ""])
            }
        }
        for (k, v) in counties.sorted(by: { $0.key < $1.key }) {
            rows.append(["county", k, String(v.households), String(v.registeredPoor), String(v.exited), String(v.suspectedWrongExit),
                         String(v.answered), String(v.approving)])
        }
        for (k, v) in counties.sorted(by: { $0.key < $1.key }) where v.poorHouseholds > 0 {
            rows.append(["inclusion", k, String(v.poorHouseholds), String(v.suspectedWrongInclusion), "", "", "", ""])
        }
        for (k, v) in counties.sorted(by: { $0.key < $1.key }) where v.unregisteredHouseholds > 0 {
            rows.append(["omission", k, String(v.unregisteredHouseholds), String(v.unregisteredPeople), String(v.omittedPeople), "", "", ""])
        }
        for (k, v) in sourceRows.sorted(by: { $0.key < $1.key }) {
            rows.append(["rows", k, String(v), "", "", "", "", ""])
        }
        for (k, v) in accountabilityMatched.sorted(by: { $0.key < $1.key }) {
            rows.append(["matched", k, String(v), "", "", "", "", ""])
        }
        for (k, v) in keys.sorted(by: { $0.key < $1.key }) {
            rows.append(["keys", k, String(v.keyed), String(v.matched), v.example, "", "", ""])
        }
        for (k, v) in vocabulary.sorted(by: { $0.key < $1.key }) {
            rows.append(["unknown", k.source, String(v.count), k.field, k.value, v.examples.joined(separator: ","), "", ""])
        }
        if !newestOwnDate.isEmpty {
            rows.append(["own_date", newestOwnDateSource, newestOwnDate, "", "", "", "", ""])
        }
        for (k, v) in registryValues.sorted(by: { $0.key < $1.key }) {
            rows.append(["registry", k, String(v.total), String(v.refused), v.example, "", "", ""])
        }
        return rows
    }

    /// Counters read back from `rows`; nil when a row is not one `rows` writes.
    package init?(rows: [[String]]) {
        for r in rows {
            guard r.count == Self.header.count else { return nil }
            func n(_ i: Int) -> Int? { Int(r[i]) }
            switch r[0] {
            case "total":
                guard let a = n(2), let b = n(3), let c = n(4), let d = n(5), let e = n(6), let f = n(7) else { return nil }
                households += a
                unregisteredHouseholds += b
                unregisteredPeople += c
                omittedPeople += d
                unregisteredAnswered += e
                unregisteredApproving += f
            case "registry":
                guard let a = n(2), let b = n(3) else { return nil }
                registryValues[r[1], default: RegistryValues()].add(RegistryValues(total: a, refused: b, example: r[4]))
            case "own_date":
                if r[2] > newestOwnDate { (newestOwnDate, newestOwnDateSource) = (r[2], r[1]) }
            case "village":
                guard let a = n(2), let b = n(3) else { return nil }
                var village = Village(households: a, registeredPoor: b, name: r[4], township: r[5], county: r[6])
                village.registered = Int(r[7]) ?? 0
                village.measures = villages[r[1]]?.measures ?? [:]
                villages[r[1]] = village
            case "measure":
                guard let a = n(2) else { return nil }
                villages[r[1], default: Village()].measures[r[3], default: 0] += a
            case "county":
                guard let a = n(2), let b = n(3), let c = n(4), let d = n(5), let e = n(6), let f = n(7) else { return nil }
                var county = counties[r[1]] ?? County()
                (county.households, county.registeredPoor, county.exited, county.suspectedWrongExit, county.answered, county.approving) = (a, b, c, d, e, f)
                counties[r[1]] = county
            case "inclusion":
                guard let a = n(2), let b = n(3) else { return nil }
                counties[r[1], default: County()].poorHouseholds = a
                counties[r[1]]!.suspectedWrongInclusion = b
            case "omission":
                guard let a = n(2), let b = n(3), let c = n(4) else { return nil }
                counties[r[1], default: County()].unregisteredHouseholds = a
                counties[r[1]]!.unregisteredPeople = b
                counties[r[1]]!.omittedPeople = c
            case "rows":
                guard let a = n(2) else { return nil }
                sourceRows[r[1], default: 0] += a
            case "matched":
                guard let a = n(2) else { return nil }
                accountabilityMatched[r[1], default: 0] += a
            case "keys":
                guard let a = n(2), let b = n(3) else { return nil }
                keys[r[1], default: KeyMatch()].add(KeyMatch(keyed: a, matched: b, example: r[4]))
            case "unknown":
                guard let a = n(2) else { return nil }
                let examples = r[5].isEmpty ? [] : r[5].split(separator: ",").map(String.init)
                vocabulary[VocabularyGapRule.Key(source: r[1], field: r[3], value: r[4]), default: .init()].add(.init(count: a, examples: examples))
            default:
                return nil
            }
        }
    }

    package mutating func add(_ o: PartCounters) {
        households += o.households
        for (k, v) in o.villages {
            var mine = villages[k] ?? Village()
            mine.households += v.households
            mine.registeredPoor += v.registeredPoor
            if mine.name.isEmpty { mine.name = v.name }
            if mine.township.isEmpty { mine.township = v.township }
            if mine.county.isEmpty { mine.county = v.county }
            mine.registered += v.registered
            for (category, n) in v.measures { mine.measures[category, default: 0] += n }
            villages[k] = mine
        }
        for (k, v) in o.counties {
            var mine = counties[k] ?? County()
            mine.households += v.households
            mine.registeredPoor += v.registeredPoor
            mine.exited += v.exited
            mine.suspectedWrongExit += v.suspectedWrongExit
            mine.answered += v.answered
            mine.approving += v.approving
            mine.unregisteredHouseholds += v.unregisteredHouseholds
            mine.unregisteredPeople += v.unregisteredPeople
            mine.omittedPeople += v.omittedPeople
            mine.poorHouseholds += v.poorHouseholds
            mine.suspectedWrongInclusion += v.suspectedWrongInclusion
            counties[k] = mine
        }
        unregisteredHouseholds += o.unregisteredHouseholds
        unregisteredPeople += o.unregisteredPeople
        omittedPeople += o.omittedPeople
        unregisteredAnswered += o.unregisteredAnswered
        unregisteredApproving += o.unregisteredApproving
        for (k, v) in o.sourceRows { sourceRows[k, default: 0] += v }
        for (k, v) in o.accountabilityMatched { accountabilityMatched[k, default: 0] += v }
        for (k, v) in o.keys { keys[k, default: KeyMatch()].add(v) }
        for (k, v) in o.registryValues { registryValues[k, default: RegistryValues()].add(v) }
        if o.newestOwnDate > newestOwnDate {
            newestOwnDate = o.newestOwnDate
            newestOwnDateSource = o.newestOwnDateSource
        }
        for (k, v) in o.vocabulary { vocabulary[k, default: .init()].add(v) }
    }
}
