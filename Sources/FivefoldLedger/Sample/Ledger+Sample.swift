import Foundation
import GRDB
import FivefoldModel

extension Ledger {
    /// Records a sample and its items in one transaction; each item's id (`S` + 16 hex digits)
    /// is made here from the sample's id and the household, so two samples never share one.
    ///
    /// - Returns: the sample with its id, and the items with theirs.
    public func record(_ sample: Sample, items: [SampleItem]) throws -> (Sample, [SampleItem]) {
        try guarded {
            try queue.write { db in
                var sample = sample
                try sample.insert(db)
                let id = sample.id!
                var stored: [SampleItem] = []
                for var item in items {
                    item.sampleID = id
                    item.itemID = SampleItem.idPrefix + StableHash.hex(["sample", String(id), item.householdID, item.findingID])
                    try item.insert(db)
                    stored.append(item)
                }
                return (sample, stored)
            }
        }
    }

    /// The latest sample, nil when none was drawn.
    public func latestSample() throws -> Sample? {
        try guarded { try queue.read { try Sample.order(Column("id").desc).fetchOne($0) } }
    }

    /// A sample's items, by county, stratum and household.
    public func sampleItems(of sampleID: Int64) throws -> [SampleItem] {
        try guarded {
            try queue.read {
                try SampleItem.filter(Column("sample_id") == sampleID)
                    .order(Column("county"), Column("stratum"), Column("household_id"), Column("item_id")).fetchAll($0)
            }
        }
    }

    /// One sample by its id.
    public func sample(_ id: Int64) throws -> Sample? {
        try guarded { try queue.read { try Sample.fetchOne($0, key: id) } }
    }

    /// One sample item by its id.
    public func sampleItem(_ itemID: String) throws -> SampleItem? {
        try guarded { try queue.read { try SampleItem.fetchOne($0, key: itemID) } }
    }

    /// Every sample item of a household, oldest sample first.
    public func sampleItems(household: String) throws -> [SampleItem] {
        try guarded {
            try queue.read { try SampleItem.filter(Column("household_id") == household).order(Column("sample_id")).fetchAll($0) }
        }
    }

    /// Stores signed verdicts on sample items in one transaction. A verdict replaces the item's
    /// earlier one only when its 核实日期 is not older; the same verdict again changes nothing.
    ///
    /// - Returns: how many changed an item and how many were already there (or older).
    @discardableResult
    public func store(sampleVerdicts items: [SampleItem]) throws -> (stored: Int, unchanged: Int) {
        try guarded {
            try queue.write { db in
                var stored = 0
                for item in items {
                    guard let current = try SampleItem.fetchOne(db, key: item.itemID) else { continue }
                    let same = current.verdict == item.verdict && current.signer == item.signer && current.signedOn == item.signedOn
                    if same || (current.signedOn ?? "") > (item.signedOn ?? "") { continue }
                    try item.update(db)
                    stored += 1
                }
                return (stored, items.count - stored)
            }
        }
    }
}
