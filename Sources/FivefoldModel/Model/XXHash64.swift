// The ledger decides whether tonight's input is last night's again by hashing every input file.
// Inputs reach gigabytes, so the hash must run near memory speed: XXH64 reads 32 bytes a round
// in four independent lanes (several GB/s in a release build), where the byte-at-a-time FNV of
// `StableHash` manages a few hundred MB/s. It is not cryptographic: it guards against accidents
// (a re-exported dump, a touched file), not against someone forging an input.

import Foundation

/// XXH64 (seed 0), streaming: `update` with any number of chunks, then `digest`.
///
/// Matches the reference implementation (`xxhsum -H1`): the empty input hashes to
/// `ef46db3751d8e999`, "abc" to `44bc2cf5ad770999`.
public struct XXHash64 {
    static let p1: UInt64 = 11_400_714_785_074_694_791
    static let p2: UInt64 = 14_029_467_366_897_019_727
    static let p3: UInt64 = 1_609_587_929_392_839_161
    static let p4: UInt64 = 9_650_029_242_287_828_579
    static let p5: UInt64 = 2_870_177_450_012_600_261

    private var v1 = p1 &+ p2
    private var v2 = p2
    private var v3: UInt64 = 0
    private var v4: UInt64 = 0 &- p1
    private var total: UInt64 = 0
    /// Bytes not yet consumed by a 32-byte round.
    private var pending: [UInt8] = []

    public init() { pending.reserveCapacity(32) }

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        (acc ^ round(0, v)) &* p1 &+ p4
    }

    @inline(__always) static func load64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        total &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
            offset = take
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { stripes($0.baseAddress!, 32) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (bytes.count - offset) & ~31
        if whole > 0 { stripes(base + offset, whole) }
        offset += whole
        if offset < bytes.count {
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: bytes.count - offset))
        }
    }

    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    private mutating func stripes(_ p: UnsafeRawPointer, _ count: Int) {
        var a = v1, b = v2, c = v3, d = v4
        var i = 0
        while i < count {
            a = Self.round(a, Self.load64(p, i))
            b = Self.round(b, Self.load64(p, i + 8))
            c = Self.round(c, Self.load64(p, i + 16))
            d = Self.round(d, Self.load64(p, i + 24))
            i += 32
        }
        v1 = a; v2 = b; v3 = c; v4 = d
    }

    /// The hash of everything passed to `update` so far.
    public func digest() -> UInt64 {
        var h: UInt64
        if total >= 32 {
            h = Self.rotl(v1, 1) &+ Self.rotl(v2, 7) &+ Self.rotl(v3, 12) &+ Self.rotl(v4, 18)
            h = Self.merge(h, v1)
            h = Self.merge(h, v2)
            h = Self.merge(h, v3)
            h = Self.merge(h, v4)
        } else {
            h = Self.p5
        }
        h &+= total
        pending.withUnsafeBytes { raw in
            let p = raw.baseAddress
            var i = 0
            let n = raw.count
            while i + 8 <= n {
                h ^= Self.round(0, Self.load64(p!, i))
                h = Self.rotl(h, 27) &* Self.p1 &+ Self.p4
                i += 8
            }
            if i + 4 <= n {
                h ^= UInt64(UInt32(littleEndian: p!.loadUnaligned(fromByteOffset: i, as: UInt32.self))) &* Self.p1
                h = Self.rotl(h, 23) &* Self.p2 &+ Self.p3
                i += 4
            }
            while i < n {
                h ^= UInt64(raw[i]) &* Self.p5
                h = Self.rotl(h, 11) &* Self.p1
                i += 1
            }
        }
        h ^= h >> 33
        h &*= Self.p2
        h ^= h >> 29
        h &*= Self.p3
        h ^= h >> 32
        return h
    }

    /// 16 lower-case hex digits of `digest()`.
    public func hexDigest() -> String {
        let s = String(digest(), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The hash of one byte string.
    public static func hex(_ data: Data) -> String {
        var h = XXHash64()
        h.update(data)
        return h.hexDigest()
    }

    /// The hash of a whole file, read in 1 MiB chunks.
    ///
    /// - Throws: `CocoaError` when the file cannot be opened or read.
    public static func hex(contentsOf path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var h = XXHash64()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            h.update(chunk)
        }
        return h.hexDigest()
    }
}
