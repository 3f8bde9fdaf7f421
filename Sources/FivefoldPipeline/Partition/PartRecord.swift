import FivefoldModel
import FivefoldLedger
import FivefoldReport

/// A kind of record the part files carry from pass 2 to pass 3 (and from shards to `merge`):
/// a finding, a correction, a worklist item. Each kind says how it is stored as the fields of a
/// CSV row and how it is read back, so the assembly works on named properties
/// (`row.rule`, `item.findingID`), never on column numbers.
///
/// The header is the file's version: a shard merge reads part files written by other runs, and
/// a file whose header is not the one this build writes is refused (`PartCodec`), never read
/// with its columns shifted.
protocol PartRecord {
    /// The header row of a part file of this kind.
    static var partHeader: [String] { get }
    /// The record as a row in `partHeader` order.
    var partFields: [String] { get }
    /// The record of a row in `partHeader` order; nil when the row is not one `partFields` writes.
    init?(partFields: [String])
}

extension FindingRow: PartRecord {
    static var partHeader: [String] { FindingsWriter.header }
    var partFields: [String] { fields }

    init?(partFields f: [String]) {
        guard f.count == Self.partHeader.count else { return nil }
        self.init(f)
    }
}

extension Correction: PartRecord {
    static var partHeader: [String] { CorrectionsWriter.header }
    var partFields: [String] { CorrectionsWriter.row(self) }

    init?(partFields f: [String]) {
        guard f.count == Self.partHeader.count else { return nil }
        self = CorrectionsWriter.correction(f)
    }
}

extension WorklistWriter.Item: PartRecord {
    /// Township, then the sort key (each column named with a leading `_`), then the worklist row.
    static let partHeader = ["_township", "_village", "_cadre", "_household", "_rule", "_member", "_field", "_id"] + WorklistWriter.header
    var partFields: [String] { fields }

    init?(partFields f: [String]) { self.init(fields: f) }

    /// The id of the finding the item is for (the last column of its sort key).
    var findingID: String { key[6] }
}
