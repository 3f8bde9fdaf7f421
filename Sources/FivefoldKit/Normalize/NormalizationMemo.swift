import Foundation

/// Remembers what `FieldNormalizer` made of raw values, for the kinds whose values repeat: code
/// lists, yes/no, sets, small counts and years (a province has millions of 健康 / 是 / 户主 / 4
/// but a handful of spellings of each), and within a partition the ID numbers, dates and amounts
/// that every source and registry repeats for the same person or household. Normalising them
/// (folding, look-up keys, code tables, ID checks) was a tenth of a run.
///
/// Keys compare the UTF-8 bytes: Swift's own `String` hashing normalises non-ASCII text to NFC
/// first, which costs more than the normalisation it would save. Two raw values with the same
/// bytes have the same `FieldValue`, so a remembered value is exactly what normalising again
/// would return. A field whose values turn out not to repeat (its table fills up while misses
/// outnumber hits) stops being remembered. Not thread-safe: one memo per worker.
final class NormalizationMemo {
    private let normalizer: FieldNormalizer
    private var tables: [[ByteKey: FieldValue]]
    private var hits: [Int]
    private var enabled: [Bool]
    private let capacities: [Int]

    /// - Parameter capacities: one slot per kind of value the caller will ask about, and how many
    ///   values each remembers at most.
    init(normalizer: FieldNormalizer, capacities: [Int]) {
        self.normalizer = normalizer
        self.capacities = capacities
        tables = Array(repeating: [:], count: capacities.count)
        hits = Array(repeating: 0, count: capacities.count)
        enabled = Array(repeating: true, count: capacities.count)
    }

    /// How many values of `kind` are worth remembering: 0 for kinds whose normalisation costs no
    /// more than the look-up (names, free text, codes, phone numbers).
    static func capacity(_ kind: FieldKind) -> Int {
        switch kind {
        case .boolean, .enumeration, .set, .integer, .year: return 4096
        case .idNumber, .quantity, .date: return 1 << 16
        case .text, .personName, .regionCode, .phone: return 0
        }
    }

    /// `normalizer.normalize(raw, kind: kind)`, remembered under `slot` (one slot per field).
    func normalize(_ raw: String, kind: FieldKind, slot: Int) -> FieldValue {
        guard enabled[slot] else { return normalizer.normalize(raw, kind: kind) }
        let key = ByteKey(raw)
        if let known = tables[slot][key] {
            hits[slot] += 1
            return known
        }
        let value = normalizer.normalize(raw, kind: kind)
        if tables[slot].count < capacities[slot] {
            tables[slot][key] = value
        } else if hits[slot] < tables[slot].count {
            enabled[slot] = false
            tables[slot] = [:]
        }
        return value
    }
}

/// A string keyed by its UTF-8 bytes (see `NormalizationMemo`).
struct ByteKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: ByteKey, b: ByteKey) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { xs in
            y.withUTF8 { ys in xs.count == ys.count && (xs.count == 0 || memcmp(xs.baseAddress!, ys.baseAddress!, xs.count) == 0) }
        }
    }
}
