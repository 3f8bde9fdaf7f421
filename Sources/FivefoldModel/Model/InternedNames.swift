import Foundation

/// The names behind `FieldID`s (and other ids that are mostly compared and hashed, seldom
/// read as text): each distinct name once, numbered in the order first seen, with its stable
/// hash.
///
/// Why: an id that carries its name as a `String` is not a trivial value. Every copy of it out
/// of a record's key array, every comparison and every array of ids retained and released the
/// string (through `swift_bridgeObjectRetain`, even for literals), and equality compared the
/// strings after the hashes. An id that is a number into this table is copied as four bytes and
/// compared as one integer.
///
/// Names are only ever added. A reader needs no lock: an id is handed to another thread only
/// after its name was stored (the id itself is made from the stored index), the storage never
/// moves (fixed chunks), and a stored entry is never written again.
package final class InternedNames: @unchecked Sendable {
    package struct Entry {
        package let name: String
        package let hash: UInt64
    }

    /// Entries are stored in chunks of `chunkSize`, allocated when first needed, behind a chunk
    /// table that never grows (128 KB): 16 M names at most. A run names a few hundred: ids are
    /// made from the pipeline's and the catalog's names and from this program's own part files,
    /// never from a data file's values.
    private static let chunkSize = 1024, chunkCount = 16384
    private let chunks: UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>
    private var count = 0
    private var index: [String: UInt32] = [:]
    private let lock = NSLock()

    package init() {
        chunks = .allocate(capacity: Self.chunkCount)
        chunks.initialize(repeating: nil, count: Self.chunkCount)
    }

    deinit {
        // The process-wide tables live as long as the process; a table made alone (in a test)
        // gives its names and chunks back.
        for c in 0..<Self.chunkCount {
            guard let chunk = chunks[c] else { break }
            chunk.deinitialize(count: min(Self.chunkSize, count - c * Self.chunkSize))
            chunk.deallocate()
        }
        chunks.deallocate()
    }

    /// The number of `name`, adding it when new.
    package func intern(_ name: String) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let known = index[name] { return known }
        let n = count
        let (c, i) = n.quotientAndRemainder(dividingBy: Self.chunkSize)
        // Past 16 M distinct names the program is being fed names as data: stop plainly.
        precondition(c < Self.chunkCount, "more than \(Self.chunkSize * Self.chunkCount) distinct names")
        if chunks[c] == nil { chunks[c] = .allocate(capacity: Self.chunkSize) }
        (chunks[c]! + i).initialize(to: Entry(name: name, hash: StableHash.value([name])))
        count = n + 1
        index[name] = UInt32(n)
        return UInt32(n)
    }

    /// The entry numbered `n` (made by `intern`).
    @inline(__always)
    package func entry(_ n: UInt32) -> Entry {
        let (c, i) = Int(n).quotientAndRemainder(dividingBy: Self.chunkSize)
        return chunks[c]![i]
    }
}
