import Foundation

/// Remembers what `FieldNormalizer` made of the raw values of one field, for the fields whose
/// values repeat: code lists, yes/no, sets, small counts and years. A province has millions of
/// 健康 / 是 / 户主 / 4 but a handful of distinct spellings of each, and normalising them
/// (folding, look-up keys, code tables) was a tenth of a run.
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
    static let capacity = 4096

    /// - Parameter slots: how many distinct fields (slots) the caller will ask about.
    init(normalizer: FieldNormalizer, slots: Int) {
        self.normalizer = normalizer
        tables = Array(repeating: [:], count: slots)
        hits = Array(repeating: 0, count: slots)
        enabled = Array(repeating: true, count: slots)
    }

    /// Whether values of `kind` are worth remembering at all.
    static func repeats(_ kind: FieldKind) -> Bool {
        switch kind {
        case .boolean, .enumeration, .set, .integer, .year: return true
        case .text, .personName, .idNumber, .regionCode, .quantity, .date, .phone: return false
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
        if tables[slot].count < Self.capacity {
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
