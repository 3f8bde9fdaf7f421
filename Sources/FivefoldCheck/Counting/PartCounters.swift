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
    }

    package struct County: Codable, Sendable, Equatable {
        package var households = 0
        package var registeredPoor = 0
        package var exited = 0
        package var suspectedWrongExit = 0
        package var answered = 0
        package var approving = 0

        package init(
            households: Int = 0, registeredPoor: Int = 0, exited: Int = 0, suspectedWrongExit: Int = 0,
            answered: Int = 0, approving: Int = 0
        ) {
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

    package init() {}

    package static func county(_ region: String) -> String { region.count >= 6 ? String(region.prefix(6)) : "unknown" }

    package init(cases: [HouseholdCase], unregistered: [HouseholdRecord], findings: [Finding]) {
        let wrongExit = Set(findings.filter { $0.ruleID.family == RuleID.exitIncome.family }.map(\.householdID))
        let omitted = Set(findings.filter { $0.ruleID == .identifyFourLooks && $0.householdID.isEmpty }.map(\.discriminator))
        for c in cases {
            guard let system = c.system, !system.isMemberOnly else { continue }
            households += 1
            let region = c.regionCode
            let poor = MemberFacts.isRegisteredPoor(system[.status]) ? system.members.count : 0
            villages[region, default: Village()].households += 1
            villages[region]!.registeredPoor += poor
            if villages[region]!.name.isEmpty { villages[region]!.name = system[.village] ?? "" }
            if villages[region]!.township.isEmpty { villages[region]!.township = system[.township] ?? "" }
            if villages[region]!.county.isEmpty { villages[region]!.county = system[.county] ?? "" }
            let key = Self.county(region)
            counties[key, default: County()].households += 1
            counties[key]!.registeredPoor += poor
            if system[.status] == "已脱贫" {
                counties[key]!.exited += 1
                if wrongExit.contains(c.householdID) { counties[key]!.suspectedWrongExit += 1 }
            }
            if let answer = c.records[.interview]?[.satisfaction] {
                counties[key]!.answered += 1
                if answer == "满意" || answer == "基本满意" { counties[key]!.approving += 1 }
            }
        }
        for record in unregistered {
            unregisteredHouseholds += 1
            unregisteredPeople += record.members.count
            if omitted.contains(FourLooksRule.discriminator(record)) { omittedPeople += record.members.count }
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
            rows.append(["village", k, String(v.households), String(v.registeredPoor), v.name, v.township, v.county, ""])
        }
        for (k, v) in counties.sorted(by: { $0.key < $1.key }) {
            rows.append(["county", k, String(v.households), String(v.registeredPoor), String(v.exited), String(v.suspectedWrongExit),
                         String(v.answered), String(v.approving)])
        }
        for (k, v) in sourceRows.sorted(by: { $0.key < $1.key }) {
            rows.append(["rows", k, String(v), "", "", "", "", ""])
        }
        for (k, v) in accountabilityMatched.sorted(by: { $0.key < $1.key }) {
            rows.append(["matched", k, String(v), "", "", "", "", ""])
        }
        for (k, v) in vocabulary.sorted(by: { $0.key < $1.key }) {
            rows.append(["unknown", k.source, String(v.count), k.field, k.value, v.examples.joined(separator: ","), "", ""])
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
            case "village":
                guard let a = n(2), let b = n(3) else { return nil }
                villages[r[1]] = Village(households: a, registeredPoor: b, name: r[4], township: r[5], county: r[6])
            case "county":
                guard let a = n(2), let b = n(3), let c = n(4), let d = n(5), let e = n(6), let f = n(7) else { return nil }
                counties[r[1]] = County(households: a, registeredPoor: b, exited: c, suspectedWrongExit: d, answered: e, approving: f)
            case "rows":
                guard let a = n(2) else { return nil }
                sourceRows[r[1], default: 0] += a
            case "matched":
                guard let a = n(2) else { return nil }
                accountabilityMatched[r[1], default: 0] += a
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
            counties[k] = mine
        }
        unregisteredHouseholds += o.unregisteredHouseholds
        unregisteredPeople += o.unregisteredPeople
        omittedPeople += o.omittedPeople
        unregisteredAnswered += o.unregisteredAnswered
        unregisteredApproving += o.unregisteredApproving
        for (k, v) in o.sourceRows { sourceRows[k, default: 0] += v }
        for (k, v) in o.accountabilityMatched { accountabilityMatched[k, default: 0] += v }
        for (k, v) in o.vocabulary { vocabulary[k, default: .init()].add(v) }
    }
}
