// One code list of the vocabulary: its canonical values, synonyms and numeric codes.
//
// Kept apart from `Vocabulary` because the table owns the lookup index and the rules for what
// counts as the same spelling; the vocabulary only routes to it.

extension Vocabulary {
    /// One code list: canonical values, the synonyms that map onto them, and numeric codes.
    public struct Table: Sendable, Hashable {
        /// The code list's name (`status`, `cause` …), as `FieldKind.enumeration` names it.
        public let name: String
        /// The canonical labels, in the order the file lists them.
        public let values: [String]
        /// Synonyms by lookup key (`TextNormalizer.lookupKey`) → canonical label.
        public let synonyms: [String: String]
        /// Codes by code key (lookup key, leading zeros and ".0" dropped) → canonical label.
        public let codes: [String: String]
        /// True when, in `Vocabulary.merged(with:)`, this table replaces the base table of the
        /// same name instead of extending it (`mode: replace` in the file).
        public let replacesBase: Bool

        /// Lookup key → canonical label for values and synonyms.
        private let index: [String: String]

        /// A table. Synonym and code keys may be given as written; they are keyed by their lookup
        /// and code keys. For keys that collide after folding the later entry of the sequence wins.
        public init(
            name: String, values: [String], synonyms: [(String, String)] = [],
            codes: [(String, String)] = [], replacesBase: Bool = false
        ) {
            var synonymIndex: [String: String] = [:]
            for (spelling, target) in synonyms { synonymIndex[TextNormalizer.lookupKey(spelling)] = target }
            var codeIndex: [String: String] = [:]
            for (code, target) in codes { codeIndex[Table.codeKey(code)] = target }
            self.init(
                name: name, values: values, keyedSynonyms: synonymIndex, keyedCodes: codeIndex,
                replacesBase: replacesBase)
        }

        private init(
            name: String, values: [String], keyedSynonyms: [String: String], keyedCodes: [String: String],
            replacesBase: Bool
        ) {
            self.name = name
            self.values = values
            self.synonyms = keyedSynonyms
            self.codes = keyedCodes
            self.replacesBase = replacesBase
            var index: [String: String] = [:]
            for value in values { index[TextNormalizer.lookupKey(value)] = value }
            // Synonyms win over values: an extension may move a spelling to another label.
            index.merge(keyedSynonyms) { _, synonymTarget in synonymTarget }
            self.index = index
        }

        /// The canonical label of `raw`: a value or synonym first, then a code.
        public func lookup(_ raw: String) -> String? {
            let key = TextNormalizer.lookupKey(raw)
            if let label = index[key] { return label }
            if codes.isEmpty { return nil }
            return codes[Table.codeKey(key)]
        }

        /// True when `label` is one of the canonical values.
        public func contains(value label: String) -> Bool {
            values.contains(label)
        }

        /// The key codes are compared on: the lookup key, and for a number without leading zeros
        /// and without a zero fraction ("01" → "1", "1.0" → "1", "00" → "0").
        public static func codeKey(_ code: String) -> String {
            let key = TextNormalizer.lookupKey(code)
            var bytes = Array(key.utf8)
            if let dot = bytes.firstIndex(of: UInt8(ascii: ".")), dot > 0,
                bytes[(dot + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") })
            {
                bytes.removeSubrange(dot...)
            }
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return key }
            let firstSignificant = bytes.firstIndex(where: { $0 != 0x30 }) ?? (bytes.count - 1)
            return String(decoding: bytes[firstSignificant...], as: UTF8.self)
        }

        /// This table extended by `other` (see `Vocabulary.merged(with:)`).
        func extended(by other: Table) -> Table {
            var values = self.values
            var known = Set(values)
            for value in other.values where !known.contains(value) {
                values.append(value)
                known.insert(value)
            }
            var synonyms = self.synonyms
            // A value the extension adds is its own label again, not a synonym of the base's.
            for value in other.values { synonyms.removeValue(forKey: TextNormalizer.lookupKey(value)) }
            synonyms.merge(other.synonyms) { _, theirs in theirs }
            let codes = self.codes.merging(other.codes) { _, theirs in theirs }
            return Table(
                name: name, values: values, keyedSynonyms: synonyms, keyedCodes: codes,
                replacesBase: replacesBase)
        }

        /// The same table with another `replacesBase` flag.
        func withReplacesBase(_ flag: Bool) -> Table {
            Table(name: name, values: values, keyedSynonyms: synonyms, keyedCodes: codes, replacesBase: flag)
        }
    }
}
