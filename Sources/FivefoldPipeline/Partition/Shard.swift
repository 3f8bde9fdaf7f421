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
