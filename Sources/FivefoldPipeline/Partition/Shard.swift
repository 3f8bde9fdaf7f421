/// One slice of a province-wide run (`--shard i/N`): the households of the counties whose
/// stable hash falls on `index`. A whole run is shard 0 of 1.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let whole = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `i/N` (0-based `i`).
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Deals counties (first 6 digits of the region code → households) to `count` shards:
    /// largest first, each to the least-loaded shard, ties broken by county code and shard index.
    public static func assign(counties: [String: Int], count: Int) -> [String: Int] {
        guard count > 1 else { return counties.mapValues { _ in 0 } }
        var load = [Int](repeating: 0, count: count)
        var result: [String: Int] = [:]
        for (county, size) in counties.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            let target = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            result[county] = target
            load[target] += size
        }
        return result
    }
}

/// Packs a normalised 18-character ID number into 64 bits for compact in-memory maps.
enum PackedID {
    static func pack(_ id: String) -> UInt64? {
        // On the contiguous bytes: iterating `utf8` costs several times more per byte.
        var id = id
        return id.withUTF8(pack(bytes:))
    }

    private static func pack(bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for byte in bytes {
            count += 1
            if count <= 17 {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + UInt64(byte - 48)
            } else if count == 18 {
                let check: UInt64
                if byte == UInt8(ascii: "X") { check = 10 } else if byte >= 48, byte <= 57 { check = UInt64(byte - 48) } else { return nil }
                value = value * 11 + check
            } else {
                return nil
            }
        }
        return count == 18 ? value : nil
    }

    /// The ID number `pack` packed; "" for 0 (no ID number).
    static func unpack(_ packed: UInt64) -> String {
        guard packed != 0 else { return "" }
        var bytes = [UInt8](repeating: 0, count: 18)
        let check = packed % 11
        bytes[17] = check == 10 ? UInt8(ascii: "X") : UInt8(48 + check)
        var rest = packed / 11
        for i in stride(from: 16, through: 0, by: -1) {
            bytes[i] = UInt8(48 + rest % 10)
            rest /= 10
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
