import Foundation

/// The ID number → partition map registry rows are routed by, made from the system's member
/// IDs while the scans run concurrently: each table that supplies IDs adds its map when its
/// scan ends (or fails), and a registry scan that needs the map waits for every supplier, then
/// takes the merged map. The lock and the wait live here, not in the scans.
final class SystemIDMap: @unchecked Sendable {
    private let ready = DispatchGroup()
    private let lock = NSLock()
    private var maps: [[UInt64: UInt16]] = []
    private var mergedMap: [UInt64: UInt16]?

    /// - Parameter suppliers: how many scans will call `supply`.
    init(suppliers: Int) {
        for _ in 0..<suppliers { ready.enter() }
    }

    /// Runs one supplier's scan, which fills in the IDs it collects; the IDs count only when
    /// the scan succeeds, and a waiting registry scan is released either way.
    func supply<T>(_ scan: (inout [UInt64: UInt16]?) throws -> T) rethrows -> T {
        defer { ready.leave() }
        var ids: [UInt64: UInt16]? = [:]
        let result = try scan(&ids)
        if let ids {
            lock.lock()
            maps.append(ids)
            lock.unlock()
        }
        return result
    }

    /// The merged map, once every supplier is done; where two suppliers place one ID, the one
    /// with more IDs wins.
    func merged() -> [UInt64: UInt16] {
        ready.wait()
        lock.lock()
        defer { lock.unlock() }
        if mergedMap == nil {
            var merged: [UInt64: UInt16] = [:]
            for map in maps.sorted(by: { $0.count > $1.count }) { merged.merge(map) { first, _ in first } }
            mergedMap = merged
            maps = []
        }
        return mergedMap!
    }
}
