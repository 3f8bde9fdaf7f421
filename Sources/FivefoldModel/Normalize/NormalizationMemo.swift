import Foundation

/// Remembers what `FieldNormalizer` made of raw values, for the kinds whose values repeat: code
/// lists, yes/no, sets, small counts and years (a province has millions of 健康 / 是 / 户主 / 4
/// but a handful of spellings of each), and within a partition the ID numbers, dates and amounts
/// that every source and registry repeats for the same person or household. Normalising them
/// (folding, look-up keys, code tables, ID checks) was a tenth of a run.
///
/// Looked up by the raw UTF-8 bytes, before any `String` is made: a value seen before costs a
/// hash of its bytes and one comparison, and its `FieldValue` (whose `raw` has exactly those
/// bytes) is shared. Hand-written open addressing because `Dictionary<String, …>` would need the
/// `String` first and hashes non-ASCII text through Unicode normalisation. A slot whose values do
/// not repeat (its table fills up while misses outnumber hits) stops remembering. Not
/// thread-safe: one memo per worker.
package final class NormalizationMemo {
    private let normalizer: FieldNormalizer
    private var slots: [Slot]

    /// One kind's table.
    private struct Slot {
        let capacity: Int
        var enabled = true
        var hits = 0
        var count = 0
        /// Power-of-two table of entry indexes + 1 (0 = empty).
        var table: [Int32] = []
        var hashes: [UInt64] = []
        var values: [FieldValue] = []
        /// Each entry's raw bytes: start and length in `arena`.
        var starts: [Int32] = []
        var lengths: [Int32] = []
        var arena: [UInt8] = []

        init(capacity: Int) { self.capacity = capacity }
    }

    /// - Parameter capacities: one slot per kind of value the caller will ask about, and how many
    ///   values each remembers at most.
    package init(normalizer: FieldNormalizer, capacities: [Int]) {
        self.normalizer = normalizer
        slots = capacities.map(Slot.init)
    }

    /// How many values of `kind` are worth remembering: 0 for kinds whose normalisation costs no
    /// more than the look-up (names, free text, codes, phone numbers).
    package static func capacity(_ kind: FieldKind) -> Int {
        switch kind {
        case .boolean, .enumeration, .set, .integer, .year: return 4096
        case .idNumber, .quantity, .date, .dateOrMonth: return 1 << 16
        case .text, .personName, .regionCode, .phone: return 0
        }
    }

    /// `normalizer.normalize(raw, kind: kind)`, remembered under `slot` (one slot per kind).
    func normalize(_ raw: String, kind: FieldKind, slot: Int) -> FieldValue {
        var text = raw
        return text.withUTF8 { normalize($0, kind: kind, slot: slot) }
    }

    /// The same for raw UTF-8 bytes (valid UTF-8 is assumed: they are decoded as UTF-8 once).
    package func normalize(_ bytes: UnsafeBufferPointer<UInt8>, kind: FieldKind, slot s: Int) -> FieldValue {
        guard slots[s].enabled else { return normalizer.normalize(String(decoding: bytes, as: UTF8.self), kind: kind) }
        let hash = Self.hash(bytes)
        if let found = find(bytes, hash: hash, slot: s) {
            slots[s].hits += 1
            return slots[s].values[found]
        }
        let value = normalizer.normalize(String(decoding: bytes, as: UTF8.self), kind: kind)
        if slots[s].count < slots[s].capacity {
            insert(bytes, hash: hash, value: value, slot: s)
        } else if slots[s].hits < slots[s].count {
            slots[s] = Slot(capacity: slots[s].capacity)
            slots[s].enabled = false
        }
        return value
    }

    /// FNV-1a over the bytes, then a final mix (the table index takes the low bits).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, slot s: Int) -> Int? {
        let table = slots[s].table
        guard !table.isEmpty else { return nil }
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let e = Int(table[i]) - 1
            if e < 0 { return nil }
            if slots[s].hashes[e] == hash && Int(slots[s].lengths[e]) == bytes.count {
                let start = Int(slots[s].starts[e])
                let same = slots[s].arena.withUnsafeBufferPointer { arena in
                    bytes.count == 0 || memcmp(arena.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
                }
                if same { return e }
            }
            i = (i + 1) & mask
        }
    }

    private func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, value: FieldValue, slot s: Int) {
        if slots[s].table.count < 2 * (slots[s].count + 1) {
            // Grow to four times the entries and re-place them.
            let size = max(64, (slots[s].count + 1) * 4).nextPowerOfTwo
            var table = [Int32](repeating: 0, count: size)
            for e in 0..<slots[s].count {
                var i = Int(truncatingIfNeeded: slots[s].hashes[e]) & (size - 1)
                while table[i] != 0 { i = (i + 1) & (size - 1) }
                table[i] = Int32(e + 1)
            }
            slots[s].table = table
        }
        let e = slots[s].count
        let mask = slots[s].table.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[s].table[i] != 0 { i = (i + 1) & mask }
        slots[s].table[i] = Int32(e + 1)
        slots[s].hashes.append(hash)
        slots[s].values.append(value)
        slots[s].starts.append(Int32(slots[s].arena.count))
        slots[s].lengths.append(Int32(bytes.count))
        slots[s].arena.append(contentsOf: bytes)
        slots[s].count += 1
    }
}

private extension Int {
    var nextPowerOfTwo: Int {
        var v = 1
        while v < self { v <<= 1 }
        return v
    }
}
