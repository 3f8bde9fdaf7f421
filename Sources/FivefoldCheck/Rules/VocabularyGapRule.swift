import FivefoldModel

/// `vocabulary.unknown`: a value outside a code list that repeats is a gap in the vocabulary,
/// reported once to the data team, not once per row to the field teams.
///
/// Each partition tallies, per (source, field, value), the code-list values it could not read
/// (`tally`), with their count and the five smallest 户编号 as examples, and counts the rows of
/// every source; the tallies travel in the part counters and are summed by the assembly across
/// partitions and shards, so the decision (`gaps`) never depends on partitioning. A value is a
/// gap when it occurs at least `min_repeats` times and either `min_count` times or in
/// `min_share_percent` of its source's rows (of the table level the field lives in). The
/// assembly then drops that value's per-row `value.invalid` findings and reports one
/// `vocabulary.unknown` finding (action `info`) with the count, examples and the line to add
/// to the vocabulary. Rarer unknown values stay `value.invalid`.
public enum VocabularyGapRule {
    static let rule = RuleID.vocabularyUnknown

    /// Where a value was seen: source, field id and the value's matching key.
    public struct Key: Hashable, Comparable, Codable, Sendable {
        public var source: String
        public var field: String
        public var value: String

        public static func < (a: Key, b: Key) -> Bool { (a.source, a.field, a.value) < (b.source, b.field, b.value) }
    }

    /// How often, and in which households (the five smallest 户编号).
    public struct Tally: Equatable, Codable, Sendable {
        public var count = 0
        public var examples: [String] = []

        mutating func add(_ other: Tally) {
            count += other.count
            examples = Array(Set(examples + other.examples).sorted().prefix(VocabularyGapRule.examples))
        }
    }

    static let examples = 5

    /// The code list a field kind reads, or nil for kinds without one.
    static func vocabulary(_ kind: FieldKind) -> String? {
        switch kind {
        case .enumeration(let name): return name
        case .set(let name): return name
        case .boolean: return "boolean"
        default: return nil
        }
    }

    /// The value's key: folded, without white space (as the vocabulary matches it).
    static func key(_ raw: String) -> String {
        String(TextNormalizer.fold(raw).unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    /// Row counts per source and level (`system|member`), and the unknown code-list values of
    /// `cases` as received.
    package static func tally(_ cases: [HouseholdCase]) -> (gaps: [Key: Tally], rows: [String: Int]) {
        var gaps: [Key: Tally] = [:]
        var rows: [String: Int] = [:]
        func note(_ source: SourceID, _ fields: FieldMap, level: FieldLevel, household: String) {
            for (field, value) in fields.problems() {
                guard let spec = FieldCatalog.spec(field, level: level), vocabulary(spec.kind) != nil else { continue }
                let k = Key(source: source.rawValue, field: field.rawValue, value: key(value.raw))
                gaps[k, default: Tally()].add(Tally(count: 1, examples: household.isEmpty ? [] : [household]))
            }
        }
        // Rows counted by source and keyed by text once at the end: a key string made and hashed
        // per record was most of the tally.
        var households: [SourceID: Int] = [:], members: [SourceID: Int] = [:]
        for c in cases {
            for (source, record) in c.records {
                if !record.isMemberOnly {
                    households[source, default: 0] += 1
                    note(source, record.fields, level: .household, household: c.householdID)
                }
                members[source, default: 0] += record.members.count
                // Read in place: a copy of each member (a retain and a release) cost more than
                // asking its fields, which nearly always have no problem, for problems.
                record.members.withUnsafeBufferPointer { ms in
                    for i in ms.indices { note(source, ms[i].fields, level: .member, household: c.householdID) }
                }
            }
        }
        for (source, n) in households { rows["\(source.rawValue)|household"] = n }
        for (source, n) in members { rows["\(source.rawValue)|member"] = n }
        return (gaps, rows)
    }

    /// The tallies that are gaps under the rule's parameters.
    package static func gaps(_ tallies: [Key: Tally], rows: [String: Int], context: RuleContext) -> [Key: Tally] {
        let minCount = Int(context.number(rule, "min_count"))
        let minShare = context.number(rule, "min_share_percent")
        let minRepeats = Int(context.number(rule, "min_repeats"))
        guard context.settings.rule(rule).enabled else { return [:] }
        return tallies.filter { key, tally in
            let level = FieldCatalog.spec(FieldID(key.field), level: .household) != nil ? "household" : "member"
            let total = rows["\(key.source)|\(level)"] ?? 0
            return tally.count >= minRepeats && (tally.count >= minCount || Double(tally.count) * 100 >= minShare * Double(total))
        }
    }

    /// Whether a finding row (findings.csv columns) is a `value.invalid` of a gap value.
    package static func isGapRow(_ row: [String], gaps: [Key: Tally]) -> Bool {
        guard row.count > 7, row[1] == RuleID.valueInvalid.rawValue, let eq = row[7].firstIndex(of: "=") else { return false }
        let field = FieldID(row[6])
        let level: FieldLevel = FieldCatalog.spec(field, level: .household) != nil && row[5].isEmpty ? .household : .member
        guard let spec = FieldCatalog.spec(field, level: level), vocabulary(spec.kind) != nil else { return false }
        let source = String(row[7][..<eq])
        let raw = String(row[7][row[7].index(after: eq)...])
        return gaps[Key(source: source, field: row[6], value: key(raw))] != nil
    }

    /// Whether a finding row is a `unify.mismatch` (to be visited, not corrected) that only a gap
    /// value makes: the sources' other values agree, so the disagreement is a spelling the
    /// vocabulary lacks, not a field problem.
    package static func isGapMismatchRow(_ row: [String], gaps: [Key: Tally], normalizer: FieldNormalizer) -> Bool {
        guard row.count > 8, row[1] == RuleID.unifyMismatch.rawValue, row[8] == FindingAction.worklist.rawValue else { return false }
        let field = FieldID(row[6])
        guard let spec = FieldCatalog.spec(field, level: row[5].isEmpty ? .household : .member) ?? FieldCatalog.spec(field, level: .household),
            vocabulary(spec.kind) != nil else { return false }
        var sawGap = false
        var others = Set<String>()
        for pair in row[7].split(separator: ";") {
            guard let eq = pair.firstIndex(of: "=") else { return false }
            let source = String(pair[..<eq]), raw = String(pair[pair.index(after: eq)...])
            if gaps[Key(source: source, field: row[6], value: key(raw))] != nil {
                sawGap = true
            } else {
                let value = normalizer.normalize(raw, kind: spec.kind)
                others.insert(value.normalized ?? "\u{0}" + raw)
            }
        }
        return sawGap && others.count <= 1
    }

    /// One `vocabulary.unknown` finding per gap, in key order.
    package static func findings(_ gaps: [Key: Tally], rows: [String: Int], normalizer: FieldNormalizer) -> [Finding] {
        gaps.keys.sorted().map { key in
            let tally = gaps[key]!
            let field = FieldID(key.field)
            let spec = FieldCatalog.spec(field, level: .household) ?? FieldCatalog.spec(field, level: .member)
            let name = spec.flatMap { vocabulary($0.kind) } ?? key.field
            var isSet = false
            if case .set? = spec?.kind { isSet = true }
            let items = isSet ? unknownItems(key.value, vocabulary: name, normalizer: normalizer) : [key.value]
            let source = SourceID(key.source)
            let line = yamlLine(name, items)
            let message = "词汇缺口：\(source.chineseLabel)的\(FieldCatalog.chinese(field))“\(key.value)”不在代码表\(name)中，共出现\(tally.count)次"
                + "（例：户\(tally.examples.joined(separator: "、"))），不再逐条报告为数据值无效。"
                + "如为合法取值，请在词汇表扩展文件中加入一行：\(line)（新取值），或把它列为已有取值的同义词：vocabularies: {\(name): {synonyms: {规范值: \(list(items))}}}"
            return Finding(
                rule: rule, severity: .info, regionCode: "", householdID: "", memberID: "", field: key.field,
                values: [(source, key.value), ("count", String(tally.count)), ("examples", tally.examples.joined(separator: "、"))],
                action: .info, message: message, discriminator: key.value)
        }
    }

    /// The gaps as summary.json lists them.
    package static func summaries(_ gaps: [Key: Tally], normalizer: FieldNormalizer) -> [VocabularyGap] {
        gaps.keys.sorted().map { key in
            let field = FieldID(key.field)
            let spec = FieldCatalog.spec(field, level: .household) ?? FieldCatalog.spec(field, level: .member)
            let name = spec.flatMap { vocabulary($0.kind) } ?? key.field
            var isSet = false
            if case .set? = spec?.kind { isSet = true }
            let items = isSet ? unknownItems(key.value, vocabulary: name, normalizer: normalizer) : [key.value]
            return VocabularyGap(
                source: key.source, field: key.field, vocabulary: name, value: key.value, count: gaps[key]!.count,
                examples: gaps[key]!.examples, yaml: yamlLine(name, items))
        }
    }

    /// The line that makes a gap's items values of their code list.
    static func yamlLine(_ vocabulary: String, _ items: [String]) -> String {
        "vocabularies: {\(vocabulary): {values: \(list(items))}}"
    }

    static func list(_ items: [String]) -> String {
        "[" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ", ") + "]"
    }

    /// The items of a value its code list does not know (a set value may hold known ones too).
    static func unknownItems(_ value: String, vocabulary name: String, normalizer: FieldNormalizer) -> [String] {
        guard let table = normalizer.vocabulary.table(name) else { return [value] }
        let pieces = value.unicodeScalars.split(whereSeparator: FieldNormalizer.isSetSeparator).map { String(String.UnicodeScalarView($0)) }
        let unknown = pieces.filter { !$0.isEmpty && table.lookup($0) == nil }
        return unknown.isEmpty ? [value] : unknown
    }
}
