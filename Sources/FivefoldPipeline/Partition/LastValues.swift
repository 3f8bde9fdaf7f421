import Foundation
import FivefoldModel

/// The value each field had in the last record read of a partition, by level and field code,
/// in front of the normalisation memo. Consecutive records repeat many values: a household's
/// 户编号 on each of its member rows, blank cells, 是/否 and the common code-list values. Comparing
/// a value's bytes with the last one's costs less than the memo's hash of every byte and probe of
/// a table that, for a partition's ID numbers, is out of the first-level cache.
///
/// A field whose values seldom repeat from one record to the next (ID numbers, names, dates) stops
/// being compared once it has missed more than it hit over its first `trial` values: then each
/// value goes to the memo as before. Values longer than `width` bytes are not kept. Hand-written
/// (a one-entry cache per field, in raw memory so that a look-up takes no retain of an array):
/// no package does this. Not thread-safe: one per partition, like the memo.
final class LastValues {
    static let levels = 2
    static let codes = 256
    /// The longest value kept, in bytes (an ID number is 18; most code-list values are 3–12).
    static let width = 32
    /// Look-ups after which a field whose hits are fewer than its misses stops being compared.
    static let trial: Int32 = 512

    private let count = LastValues.levels * LastValues.codes
    /// `width` bytes per field: the last value's bytes.
    private let bytes: UnsafeMutablePointer<UInt8>
    /// The last value's length; -1 when there is none, -2 when the field is no longer compared.
    private let lengths: UnsafeMutablePointer<Int32>
    private let hits: UnsafeMutablePointer<Int32>
    private let misses: UnsafeMutablePointer<Int32>
    /// The last value's object, retained here (released when replaced or at the end).
    private let values: UnsafeMutablePointer<Unmanaged<FieldValue.Shared>?>

    init() {
        bytes = .allocate(capacity: count * Self.width)
        lengths = .allocate(capacity: count)
        lengths.initialize(repeating: -1, count: count)
        hits = .allocate(capacity: count)
        hits.initialize(repeating: 0, count: count)
        misses = .allocate(capacity: count)
        misses.initialize(repeating: 0, count: count)
        values = .allocate(capacity: count)
        values.initialize(repeating: nil, count: count)
    }

    deinit {
        for k in 0..<count { values[k]?.release() }
        bytes.deallocate()
        lengths.deallocate()
        hits.deallocate()
        misses.deallocate()
        values.deallocate()
    }

    /// The object for `value` of the field with `code` at `level` (0 household, 1 member): the
    /// last one when its bytes are the same, else `make()`'s, which is kept for the next record.
    @inline(__always)
    func shared(_ value: UnsafeBufferPointer<UInt8>, level: Int, code: UInt8, make: () -> FieldValue.Shared) -> FieldValue.Shared {
        let k = level &* Self.codes &+ Int(code)
        let length = lengths[k]
        if length == -2 { return make() }
        let n = value.count
        let slot = bytes + k &* Self.width
        if length == Int32(truncatingIfNeeded: n), let last = values[k], n == 0 || memcmp(slot, value.baseAddress!, n) == 0 {
            hits[k] &+= 1
            return last.takeUnretainedValue()
        }
        let made = make()
        misses[k] &+= 1
        if misses[k] >= Self.trial && hits[k] < misses[k] {
            // Seldom the same as the record before: compared no more.
            values[k]?.release()
            values[k] = nil
            lengths[k] = -2
            return made
        }
        values[k]?.release()
        if n <= Self.width {
            if n > 0 { slot.update(from: value.baseAddress!, count: n) }
            lengths[k] = Int32(n)
            values[k] = Unmanaged.passRetained(made)
        } else {
            lengths[k] = -1
            values[k] = nil
        }
        return made
    }
}
