// Vocabulary holds the synonym tables that turn what clerks typed into canonical code-list labels.
//
// Each source spells the same status, cause or relation its own way (已脱贫 / 脱贫 / 稳定脱贫 / 1),
// and provinces keep adding spellings. The tables are configuration, not code (STYLE: synonym
// tables live in pipeline files): the shipped `pipelines/vocabulary.yaml` holds the defaults, and
// a pipeline may extend them (`merged(with:)`) or replace a table outright. Lookup is a single
// dictionary probe on a folded key, so it is cheap enough for every field of every row.

/// Code lists with their synonyms and numeric codes, plus units and count words.
///
/// Load the shipped defaults with `Vocabulary.load(path:)`, extend them with a pipeline's own
/// file via `merged(with:)`, and normalise with `lookup(_:_:)`.
public struct Vocabulary: Sendable {
    /// The code lists by name (`status`, `cause`, `boolean` …).
    public private(set) var tables: [String: Table]
    /// Units by lookup key of their spelling (`万元`, `斤`, `kg` …).
    public private(set) var units: [String: Unit]
    /// Lookup keys of the words that may follow a whole number ("3人", "12个月").
    public private(set) var countSuffixes: Set<String>

    /// A vocabulary from its parts.
    ///
    /// When two units share a lookup key, the later one wins.
    public init(tables: [Table] = [], units: [Unit] = [], countSuffixes: [String] = []) {
        var byName: [String: Table] = [:]
        for table in tables { byName[table.name] = table }
        self.tables = byName
        var unitIndex: [String: Unit] = [:]
        for unit in units { unitIndex[TextNormalizer.lookupKey(unit.name)] = unit }
        self.units = unitIndex
        self.countSuffixes = Set(countSuffixes.map(TextNormalizer.lookupKey))
    }

    /// The canonical label of `raw` in code list `vocab`, or nil when the list has no such value,
    /// synonym or code (or there is no list of that name).
    ///
    /// Comparison is on `TextNormalizer.lookupKey`: full-width folded, white space removed,
    /// ASCII case ignored. Numeric codes also match without leading zeros ("01" = "1") and with
    /// a spreadsheet's ".0" ("1.0" = "1").
    public func lookup(_ vocab: String, _ raw: String) -> String? {
        tables[vocab]?.lookup(raw)
    }

    /// The code list named `name`.
    public func table(_ name: String) -> Table? { tables[name] }

    /// The unit spelled `raw` ("万元", "ｋｇ", "平方米"), or nil when unknown.
    public func unit(_ raw: String) -> Unit? {
        units[TextNormalizer.lookupKey(raw)]
    }

    /// True when `raw` is a count word allowed after a whole number ("人", "个月").
    public func isCountSuffix(_ raw: String) -> Bool {
        countSuffixes.contains(TextNormalizer.lookupKey(raw))
    }

    /// This vocabulary extended by `other`; where both define something, `other` wins.
    ///
    /// Per table: a table marked `replacesBase` replaces this one's table of the same name;
    /// otherwise values are appended (keeping this table's order), and synonyms and codes are
    /// added, `other`'s mapping winning for the same key. A value `other` adds takes its key back
    /// from any synonym this table had for it. Units and count words are added likewise.
    public func merged(with other: Vocabulary) -> Vocabulary {
        var result = self
        for (name, theirs) in other.tables {
            if let mine = result.tables[name], !theirs.replacesBase {
                result.tables[name] = mine.extended(by: theirs)
            } else {
                result.tables[name] = theirs.withReplacesBase(false)
            }
        }
        result.units.merge(other.units) { _, theirs in theirs }
        result.countSuffixes.formUnion(other.countSuffixes)
        return result
    }

    /// The code lists a complete vocabulary must hold: every vocabulary `FieldCatalog` names,
    /// and `boolean`.
    public static var requiredTables: [String] {
        var names: Set<String> = ["boolean"]
        for spec in FieldCatalog.household + FieldCatalog.member {
            switch spec.kind {
            case .enumeration(let name): names.insert(name)
            case .set(let name?): names.insert(name)
            default: break
            }
        }
        return names.sorted()
    }

    /// The canonical units a complete vocabulary must convert to: every `quantity` unit of
    /// `FieldCatalog`.
    public static var requiredUnits: [String] {
        var units: Set<String> = []
        for spec in FieldCatalog.household + FieldCatalog.member {
            if case .quantity(let unit) = spec.kind { units.insert(unit) }
        }
        return units.sorted()
    }

    /// What keeps this vocabulary from serving the canonical model, one sentence per problem
    /// (for `fivefold check`); empty when it is complete and consistent.
    ///
    /// Checks that every required table exists and has values, that every synonym and code
    /// names one of its table's values, that every required canonical unit has a unit spelling
    /// with factor 1, and that every unit's canonical unit is itself a known spelling.
    public func problems() -> [String] {
        var found: [String] = []
        for name in Vocabulary.requiredTables {
            if let table = tables[name] {
                if table.values.isEmpty { found.append("vocabulary \(name) has no values") }
            } else {
                found.append("vocabulary \(name) is missing")
            }
        }
        for name in tables.keys.sorted() {
            let table = tables[name]!
            let values = Set(table.values)
            for (key, target) in table.synonyms.sorted(by: { $0.key < $1.key }) where !values.contains(target) {
                found.append("vocabulary \(name): synonym \(key) maps to \(target), which is not one of its values")
            }
            for (key, target) in table.codes.sorted(by: { $0.key < $1.key }) where !values.contains(target) {
                found.append("vocabulary \(name): code \(key) maps to \(target), which is not one of its values")
            }
        }
        for unit in Vocabulary.requiredUnits {
            guard let own = self.unit(unit), own.canonical == unit, own.factor == "1" else {
                found.append("unit \(unit) is missing (it needs an entry \(unit): 1 under units.\(unit))")
                continue
            }
        }
        for unit in units.values.sorted(by: { $0.name < $1.name }) where self.unit(unit.canonical) == nil {
            found.append("unit \(unit.name) converts to \(unit.canonical), which is not itself a unit")
        }
        return found
    }
}
