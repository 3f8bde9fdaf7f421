import Foundation

/// Remembers what `FieldNormalizer` made of raw values, for the kinds whose values repeat: code
/// lists, yes/no, sets, small counts and years (a province has millions of 健康 / 是 / 户主 / 4
/// but a handful of spellings of each), and within a partition the ID numbers, names, dates,
/// amounts, 户编号 and place names that every source and registry repeats for the same person,
/// household or village. Normalising them (folding, look-up keys, code tables, ID checks) was a
/// tenth of a run.
///
/// Looked up by the raw UTF-8 bytes, before any `String` is made: a value seen before costs a
/// hash of its bytes and one comparison, and its `FieldValue` (whose `raw` has exactly those
/// bytes) is shared. Hand-written open addressing because `Dictionary<String, …>` would need the
/// `String` first and hashes non-ASCII text through Unicode normalisation. A slot whose values do
/// not repeat (its table fills up while misses outnumber hits) stops remembering. Not
/// thread-safe: one memo per worker.
package final class NormalizationMemo {
    private let normalizer: FieldNormalizer
    /// The slots, owned here; `refs` reaches them without retaining (a retain and release, atomic,
    /// per value looked up otherwise).
    private var slots: [Slot]
    private var refs: [Unmanaged<Slot>]

    /// One kind's table. A class whose storage is read in place: the look-up runs for most values
    /// of a run, and through `[Slot]` of structs each read of an entry array went through the
    /// slots array (a copy of `table` per look-up, retained and released).
    private final class Slot {
        let capacity: Int
        var enabled = true
        var hits = 0
        var count = 0
        /// Power-of-two open-addressing table. Each entry carries its hash, length and place in
        /// `arena`, so a probe reads one entry (16 bytes) rather than four parallel arrays: at
        /// 100 k households the ID numbers' tables outgrow the cache and each array was a miss.
        var table: UnsafeMutablePointer<Entry>?
        var tableSize = 0
        var values: [FieldValue.Shared] = []
        /// The remembered values' raw bytes, end to end: `arenaUsed` of `arenaCapacity`.
        var arena: UnsafeMutablePointer<UInt8>?
        var arenaUsed = 0
        var arenaCapacity = 0

        struct Entry {
            var hash: UInt64
            /// Start in `arena` and length, 0 length and `index` 0 for an empty entry.
            var start: UInt32
            var length: UInt16
            /// The entry's index in `values` + 1 (0: empty).
            var index: UInt16
        }

        init(capacity: Int) {
            // Indexes and lengths are 16 bits: at most 65 535 values are remembered, and a value
            // longer than that is normalised without being remembered.
            self.capacity = min(capacity, Int(UInt16.max))
        }

        deinit {
            table?.deallocate()
            arena?.deallocate()
        }
    }

    /// - Parameter capacities: one slot per kind of value the caller will ask about, and how many
    ///   values each remembers at most.
    package init(normalizer: FieldNormalizer, capacities: [Int]) {
        self.normalizer = normalizer
        slots = capacities.map(Slot.init)
        refs = slots.map { Unmanaged.passUnretained($0) }
    }

    /// How many values of `kind` are worth remembering. Every kind repeats within a partition:
    /// besides code lists, IDs and dates, a person's name is in every source and registry, a
    /// household's 户编号 on each of its member rows in every source, a village's name and code
    /// on each of its households, a cadre's phone on each household they help. Names, codes,
    /// phones and text were once thought cheaper to normalise than to look up; measured, they
    /// are not (15.98 → 15.81 → 15.68 G instructions at 10 k households). A slot whose values
    /// do not repeat (free text that is unique) retires itself when it fills.
    package static func capacity(_ kind: FieldKind) -> Int {
        switch kind {
        case .boolean, .enumeration, .set, .integer, .year, .regionCode: return 4096
        case .idNumber, .quantity, .date, .dateOrMonth, .personName, .phone, .text: return 1 << 16
        }
    }

    /// `normalizer.normalize(raw, kind: kind)`, remembered under `slot` (one slot per kind).
    func normalize(_ raw: String, kind: FieldKind, slot: Int) -> FieldValue {
        var text = raw
        return text.withUTF8 { normalize($0, kind: kind, slot: slot) }
    }

    /// The same for raw UTF-8 bytes (valid UTF-8 is assumed: they are decoded as UTF-8 once).
    package func normalize(_ bytes: UnsafeBufferPointer<UInt8>, kind: FieldKind, slot s: Int) -> FieldValue {
        shared(bytes, kind: kind, slot: s).value
    }

    /// The same, as the object every record with this value shares (what a field map holds).
    /// (`kind` is worked out only when the value is normalised: copying a `FieldKind` out of an
    /// array retains its vocabulary name, for every value looked up.)
    package func shared(_ bytes: UnsafeBufferPointer<UInt8>, kind: @autoclosure () -> FieldKind, slot s: Int) -> FieldValue.Shared {
        let (value, retire) = refs[s]._withUnsafeGuaranteedRef { slot -> (FieldValue.Shared, Bool) in
            guard slot.enabled, bytes.count <= Int(UInt16.max) else {
                return (FieldValue.Shared(normalizer.normalize(String(decoding: bytes, as: UTF8.self), kind: kind())), false)
            }
            let hash = Self.hash(bytes)
            if let found = find(bytes, hash: hash, in: slot) {
                slot.hits += 1
                return (slot.values[found], false)
            }
            let value = FieldValue.Shared(normalizer.normalize(String(decoding: bytes, as: UTF8.self), kind: kind()))
            if slot.count < slot.capacity && slot.arenaUsed + bytes.count <= Int(UInt32.max) {
                insert(bytes, hash: hash, value: value, in: slot)
                return (value, false)
            }
            return (value, slot.hits < slot.count)
        }
        if retire {
            let off = Slot(capacity: slots[s].capacity)
            off.enabled = false
            slots[s] = off
            refs[s] = Unmanaged.passUnretained(off)
        }
        return value
    }

    /// FNV-1a over the bytes, then a final mix (the table index takes the low bits). (Eight bytes
    /// at a time was tried: most values are a few bytes, and it took 0.1 G more instructions.)
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, in slot: Slot) -> Int? {
        guard let table = slot.table else { return nil }
        let mask = slot.tableSize - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = table[i]
            if entry.index == 0 { return nil }
            if entry.hash == hash && Int(entry.length) == bytes.count {
                if bytes.count == 0 || memcmp(slot.arena! + Int(entry.start), bytes.baseAddress!, bytes.count) == 0 {
                    return Int(entry.index) - 1
                }
            }
            i = (i + 1) & mask
        }
    }

    private func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, value: FieldValue.Shared, in slot: Slot) {
        if slot.tableSize < 2 * (slot.count + 1) {
            // Grow to four times the entries and re-place them.
            let size = max(64, (slot.count + 1) * 4).nextPowerOfTwo
            let table = UnsafeMutablePointer<Slot.Entry>.allocate(capacity: size)
            table.initialize(repeating: Slot.Entry(hash: 0, start: 0, length: 0, index: 0), count: size)
            if let old = slot.table {
                for k in 0..<slot.tableSize where old[k].index != 0 {
                    var i = Int(truncatingIfNeeded: old[k].hash) & (size - 1)
                    while table[i].index != 0 { i = (i + 1) & (size - 1) }
                    table[i] = old[k]
                }
                old.deallocate()
            }
            slot.table = table
            slot.tableSize = size
        }
        let table = slot.table!
        let mask = slot.tableSize - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while table[i].index != 0 { i = (i + 1) & mask }
        if slot.arenaUsed + bytes.count > slot.arenaCapacity {
            let capacity = max(4096, 2 * (slot.arenaUsed + bytes.count))
            let arena = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            if let old = slot.arena {
                arena.update(from: old, count: slot.arenaUsed)
                old.deallocate()
            }
            slot.arena = arena
            slot.arenaCapacity = capacity
        }
        if bytes.count > 0, let base = bytes.baseAddress { (slot.arena! + slot.arenaUsed).update(from: base, count: bytes.count) }
        slot.count += 1
        table[i] = Slot.Entry(hash: hash, start: UInt32(slot.arenaUsed), length: UInt16(bytes.count), index: UInt16(slot.count))
        slot.arenaUsed += bytes.count
        slot.values.append(value)
    }
}

private extension Int {
    var nextPowerOfTwo: Int {
        var v = 1
        while v < self { v <<= 1 }
        return v
    }
}
