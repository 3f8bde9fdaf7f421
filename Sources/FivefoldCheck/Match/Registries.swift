import FivefoldModel

/// Department registries (SPEC §3 verification/registry), indexed by normalised ID number.
public struct Registries: Sendable {
    /// The registries supplied (declared or with rows), by name (`hukou`, `deaths`, …).
    private var supplied: Set<SourceID> = []
    /// ID number → its rows in every registry, in the order added. Keyed by the ID alone: a member
    /// is in a few registries (hukou, insurance), and the rules ask about each member in several;
    /// one look-up of the ID (an 18-character key to hash) finds them all, where a look-up per
    /// registry hashed the ID and the name again for each (RegistryRules alone did 10 per
    /// member). A flat list, not a dictionary per ID: a few rows are searched, not hashed.
    ///
    /// Keyed by the ID packed into 64 bits (`PackedID`): hashing and comparing an 18-byte
    /// `String` key was ~1.5 % of a run (every registry row added, every member looked up). A
    /// normalised ID always packs; anything else is kept under its text.
    private var byID: [UInt64: [Entry]] = [:]
    private var byText: [String: [Entry]] = [:]

    /// One row and the registry it is from.
    /// The registry is a `SourceID` (an interned name): every row added and every entry compared
    /// hashed or compared a `String` when it was one.
    public typealias Entry = (registry: SourceID, row: MemberRecord)

    public init() {}

    /// Marks a registry as supplied, even when it turns out empty.
    public mutating func declare(_ registry: SourceID) {
        supplied.insert(registry)
    }

    /// Adds one registry row under its ID number; rows without an ID number are ignored by lookups.
    public mutating func add(_ registry: SourceID, _ row: MemberRecord) {
        guard let id = row[.idNumber] else { return }
        supplied.insert(registry)
        if let packed = PackedID.pack(id) { byID[packed, default: []].append((registry, row)) } else { byText[id, default: []].append((registry, row)) }
    }

    /// The rows of a registry for one ID number.
    public func rows(_ registry: SourceID, id: String) -> [MemberRecord] {
        guard let entries = rows(id: id) else { return [] }
        return entries.compactMap { $0.registry == registry ? $0.row : nil }
    }

    /// Every registry's rows for one ID number, in the order added; nil when no registry has it.
    public func rows(id: String) -> [Entry]? {
        if let packed = PackedID.pack(id) { return byID[packed] }
        return byText[id]
    }

    /// Whether the registry was supplied at all (an absent registry proves nothing).
    public func has(_ registry: SourceID) -> Bool { supplied.contains(registry) }
}
