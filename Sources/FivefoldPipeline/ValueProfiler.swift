import Foundation
import FivefoldModel

/// `fivefold profile`: per source and mapped field, the distinct raw values of a dump with their
/// counts, what each normalises to and which the code lists refuse, so a data team can write
/// vocabulary before the first real run.
///
/// Reads every table once through the run's scanner (same mapping, encodings and quarantine
/// rules; rows the scanner quarantines are not profiled). Memory is bounded: a field keeps at most
/// `maxDistinct` distinct values; further new values are only counted (`otherRows`).
public struct ValueProfiler: Sendable {
    public let config: PipelineConfig
    public let inputFolder: String
    public let normalizer: FieldNormalizer
    /// Distinct values kept per field (ID numbers, names and amounts hit it at once).
    public var maxDistinct = 20_000

    public init(config: PipelineConfig, inputFolder: String, normalizer: FieldNormalizer) {
        self.config = config
        self.inputFolder = inputFolder
        self.normalizer = normalizer
    }

    /// One field of one source: its values by count.
    public struct Field: Sendable {
        /// The source id (`system`, `wall` …).
        public var source: String
        /// The canonical field the pipeline maps.
        public var field: FieldID
        /// Household or member field.
        public var level: FieldLevel
        /// Rows (records) that carry the field's column, blank ones included.
        public var rows = 0
        /// Rows whose value is empty or white space.
        public var blank = 0
        /// Rows whose value was not kept because the field already had `maxDistinct` values.
        public var otherRows = 0
        /// Counts by raw value, hashed on its UTF-8 bytes: `String` hashing normalises non-ASCII
        /// text (Unicode canonical equivalence) and was most of a profile's time.
        var tally: [RawKey: Int] = [:]

        /// Rows per distinct raw value.
        public var counts: [String: Int] {
            Dictionary(uniqueKeysWithValues: tally.map { ($0.key.text, $0.value) })
        }

        /// The `n` most frequent values (ties by value), with what each normalises to.
        public func top(_ n: Int, normalizer: FieldNormalizer) -> [(value: String, count: Int, normalized: FieldValue)] {
            let kind = FieldCatalog.spec(field, level: level)?.kind ?? .text
            return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(n).map {
                ($0.key, $0.value, normalizer.normalize($0.key, kind: kind))
            }
        }

        /// Distinct values the field's normaliser refuses, most frequent first, with their counts
        /// and the reason.
        public func refused(normalizer: FieldNormalizer) -> [(value: String, count: Int, problem: String)] {
            let kind = FieldCatalog.spec(field, level: level)?.kind ?? .text
            if kind == .text || kind == .personName { return [] }  // free text is never refused
            return counts.compactMap { value, count in
                normalizer.normalize(value, kind: kind).problem.map { (value, count, $0) }
            }.sorted { ($0.count, $1.value) > ($1.count, $0.value) }
        }
    }

    /// Profiles every source table (registries and villages are not code-listed: left out),
    /// `jobs` tables at a time.
    public func run(jobs: Int = 1) throws -> [Field] {
        var tables: [(source: SourceID, table: TableConfig, level: FieldLevel)] = []
        for source in config.sources {
            tables.append((source.id, source.households, .household))
            if let members = source.members { tables.append((source.id, members, .member)) }
        }
        let results = try Parallel.map(tables, jobs: max(1, jobs)) { t in
            try profile(t.table, source: t.source, level: t.level)
        }
        return results.flatMap { $0 }
    }

    /// One table's fields (an XML table's nested members included), in field-id order.
    func profile(_ table: TableConfig, source: SourceID, level: FieldLevel) throws -> [Field] {
        let scanner = TableScanner(inputFolder: inputFolder)
        let maxDistinct = self.maxDistinct
        var fields: [Field] = []
        var index: [[FieldID: Int]] = [[:], [:]]  // by level: household, member
        func note(_ id: FieldID, _ raw: String, _ level: FieldLevel) {
            let l = level == .household ? 0 : 1
            guard let i = index[l][id] ?? {
                guard FieldCatalog.spec(id, level: level) != nil else { return nil }
                fields.append(Field(source: source.rawValue, field: id, level: level))
                index[l][id] = fields.count - 1
                return fields.count - 1
            }() else { return }
            // In place: copying a field's dictionary per row was quadratic.
            fields[i].rows += 1
            if raw.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {  // bytes: no grapheme walk
                fields[i].blank += 1
            } else if let at = fields[i].tally.index(forKey: RawKey(raw)) {
                fields[i].tally.values[at] += 1  // one hash per value seen before
            } else if fields[i].tally.count < maxDistinct {
                fields[i].tally[RawKey(raw)] = 1
            } else {
                fields[i].otherRows += 1
            }
        }
        _ = try scanner.scan(table, sourceName: source.rawValue, quarantine: { _ in }) { record in
            for (id, raw) in record.fields { note(id, raw, level) }
            for m in record.members {
                for (id, raw) in m.fields { note(id, raw, .member) }
            }
            return nil
        }
        return fields.sorted { ($0.level == .household ? 0 : 1, $0.field.rawValue) < ($1.level == .household ? 0 : 1, $1.field.rawValue) }
    }
}

/// A raw value as a dictionary key compared and hashed byte for byte (no Unicode normalisation:
/// the profile counts spellings, and two encodings of one character are two spellings).
struct RawKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: RawKey, b: RawKey) -> Bool {
        // memcmp: a generic `utf8.elementsEqual` was a fifth of a profile.
        var x = a.text, y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }
}
