import FivefoldModel

/// Department registries (SPEC §3 verification/registry), indexed by normalised ID number.
public struct Registries: Sendable {
    /// Registry name (`hukou`, `deaths`, …) → ID number → rows.
    public var tables: [String: [String: [MemberRecord]]] = [:]

    public init() {}

    /// Marks a registry as supplied, even when it turns out empty.
    public mutating func declare(_ registry: String) {
        if tables[registry] == nil { tables[registry] = [:] }
    }

    /// Adds one registry row under its ID number; rows without an ID number are ignored by lookups.
    public mutating func add(_ registry: String, _ row: MemberRecord) {
        guard let id = row[.idNumber] else { return }
        tables[registry, default: [:]][id, default: []].append(row)
    }

    /// The rows of a registry for one ID number.
    public func rows(_ registry: String, id: String) -> [MemberRecord] {
        tables[registry]?[id] ?? []
    }

    /// Whether the registry was supplied at all (an absent registry proves nothing).
    public func has(_ registry: String) -> Bool { tables[registry] != nil }
}
