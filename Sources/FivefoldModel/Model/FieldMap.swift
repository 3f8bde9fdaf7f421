/// The fields of one record: canonical field → value, as a small array searched linearly.
///
/// A record holds some 10–25 fields. Hashing the key on every read and write made a
/// `Dictionary` one of the largest costs of a province run (hash seeding and finalising for
/// millions of look-ups); comparing the ids' precomputed 64-bit hashes in a short array is
/// several times cheaper and allocates one buffer instead of a hash table.
public struct FieldMap: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: FieldID, value: FieldValue)

    // Inlinable (with the subscript): record reads are the hottest calls of the rules, and they
    // cross a module boundary (FivefoldCheck reads FivefoldModel's records).
    @usableFromInline var keys_: [FieldID] = []
    /// Shared value objects (`FieldValue.Shared`), parallel to `keys_`.
    @usableFromInline var values_: [FieldValue.Shared] = []
    /// False when no value has a problem (set as values are stored, never cleared): nearly every
    /// record has none, and `problems` was asked of every record twice a run (the value rules
    /// and the vocabulary tally), each time reading every value.
    @usableFromInline var mayHaveProblems = false

    public init() {}

    public init(dictionaryLiteral elements: (FieldID, FieldValue)...) {
        for (k, v) in elements { self[k] = v }
    }

    public init(_ dictionary: [FieldID: FieldValue]) {
        for (k, v) in dictionary.sorted(by: { $0.key < $1.key }) { self[k] = v }
    }

    /// A map of distinct `keys` and their `values` (parallel). Many records of one table have the
    /// same fields in the same order; passing the same keys array to each shares it (a map then
    /// allocates only its values).
    package init(distinctKeys keys: [FieldID], values: [FieldValue]) {
        self.init(distinctKeys: keys, shared: values.map(FieldValue.Shared.init), mayHaveProblems: values.contains { $0.problem != nil })
    }

    /// The same with values already shared (the normalisation memo's), from a caller that
    /// already knows whether some value has a problem.
    package init(distinctKeys keys: [FieldID], shared values: [FieldValue.Shared], mayHaveProblems: Bool) {
        precondition(keys.count == values.count)
        keys_ = keys
        values_ = values
        self.mayHaveProblems = mayHaveProblems
    }

    public mutating func reserveCapacity(_ n: Int) {
        keys_.reserveCapacity(n)
        values_.reserveCapacity(n)
    }

    public var count: Int { keys_.count }
    public var isEmpty: Bool { keys_.isEmpty }
    public var keys: [FieldID] { keys_ }
    public var values: [FieldValue] { values_.map(\.value) }
    /// The values as held, parallel to `keys`: read in place, without copying each value out.
    package var sharedValues: [FieldValue.Shared] { values_ }

    /// The position of `key`: the one search every read below makes (a linear scan of the
    /// ids, compared as numbers).
    @inlinable @inline(__always)
    func position(_ key: FieldID) -> Int? {
        for i in keys_.indices where keys_[i] == key { return i }
        return nil
    }

    @inlinable
    public subscript(_ key: FieldID) -> FieldValue? {
        get { position(key).map { values_[$0].value } }
        set {
            if newValue?.problem != nil { mayHaveProblems = true }
            if let i = position(key) {
                if let newValue { values_[i] = FieldValue.Shared(newValue) } else {
                    keys_.remove(at: i)
                    values_.remove(at: i)
                }
            } else if let newValue {
                keys_.append(key)
                values_.append(FieldValue.Shared(newValue))
            }
        }
    }

    /// The normalised text of `key`'s value, nil when absent, blank or invalid. Reads that one
    /// text in place: `self[key]?.normalized` copies the whole `FieldValue` first (retaining and
    /// releasing its raw text and problem too), and the rules read a normalised value millions of
    /// times a run (7 M reads at 10 k households).
    @inlinable public func normalized(_ key: FieldID) -> String? {
        guard let i = position(key) else { return nil }
        return values_[i].value.normalized
    }

    /// `key`'s value as the object the map holds (one retain, where `self[key]` copies the value's
    /// strings out): what every record normalised from the same text shares, so two sources
    /// that wrote a field alike usually hold the very same object.
    @inlinable package func shared(_ key: FieldID) -> FieldValue.Shared? {
        position(key).map { values_[$0] }
    }

    /// Whether `key`'s value was present but could not be normalised, read in place (as
    /// `normalized(_:)`; `self[key]?.isInvalid` copied the whole value).
    @inlinable public func isInvalid(_ key: FieldID) -> Bool {
        guard let i = position(key) else { return false }
        return values_[i].value.problem != nil
    }

    /// The fields whose value has a problem (could not be normalised), in key order. Looks at
    /// each value in place: iterating the map would copy every field to find the few bad ones.
    @inlinable public func problems(excluding excluded: FieldID? = nil) -> [Element] {
        var result: [Element] = []
        guard mayHaveProblems else { return result }
        for i in values_.indices where values_[i].value.problem != nil && keys_[i] != excluded {
            result.append((keys_[i], values_[i].value))
        }
        // Nearly every record has none: no sort call for them (165 k a run at 10 k households).
        return result.count < 2 ? result : result.sorted { $0.key < $1.key }
    }

    public struct Iterator: IteratorProtocol {
        fileprivate let keys: [FieldID]
        fileprivate let values: [FieldValue.Shared]
        fileprivate var index = 0

        public mutating func next() -> Element? {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (keys[index], values[index].value)
        }
    }

    public func makeIterator() -> Iterator { Iterator(keys: keys_, values: values_) }

    /// The number of fields (`Sequence` cannot know it without iterating).
    public var underestimatedCount: Int { keys_.count }

    public static func == (a: FieldMap, b: FieldMap) -> Bool {
        a.count == b.count && zip(a.keys_, a.values_).allSatisfy { b[$0.0] == $0.1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
    }
}
