import Foundation
import FivefoldModel
import FivefoldIO
import FivefoldCheck
import FivefoldReport

/// The system's ID numbers of one partition, as the duplicate rules need them across partitions
/// and shards, in a compact form: one fixed-size key per member and head (ID numbers packed into
/// 64 bits) and, once per household, the texts a finding about it needs.
///
/// A province has millions of members and a few thousand duplicates. The assembly reads the keys
/// of one ID bucket at a time, keeps only the ID numbers that occur more than once, and reads the
/// texts of just those households; everyone else costs 23 bytes written and read, not a row of
/// eleven strings parsed (which made the duplicate step the slowest of a province's assembly).
struct IdentityBatch: Sendable {
    /// One member (or head) of a system household.
    struct Key: Equatable, Sendable {
        var role: IdentityRow.Role
        /// The packed ID number as received and as corrected; 0 when absent. (A valid ID number
        /// never packs to 0: its birth year would be 0000.)
        var received: UInt64
        var corrected: UInt64
        /// Index of the household in `households`, and of the name in its `names`.
        var household: UInt32
        var name: UInt16
        /// The other sources of the household that list this member (`ListedBy` bits): a move
        /// tells which of them still need fixing. Stored in the role byte's upper bits.
        var listedBy: UInt8 = 0
    }

    /// Bits of `Key.listedBy`.
    enum ListedBy {
        static let sources: [(bit: UInt8, source: SourceID)] = [(1, .archive), (2, .wall), (4, .interview)]

        /// The names a wall card lists, split once per household (an array: a card lists a few
        /// names, and searching them costs less than hashing each into a set).
        static func wallNames(_ c: HouseholdCase) -> [String] {
            c.records[.wall]?.fields[.memberNames]?.normalized.map(SetValue.items) ?? []
        }

        static func mask(_ person: LinkedMember?, wall: [String]) -> UInt8 {
            guard let person else { return 0 }
            var mask: UInt8 = 0
            if person.records[.archive] != nil { mask |= 1 }
            if !wall.isEmpty, person.records.values.contains(where: { $0[.name].map(wall.contains) ?? false }) { mask |= 2 }
            if person.records[.interview] != nil { mask |= 4 }
            return mask
        }

        static func decode(_ mask: UInt8) -> [SourceID] { sources.filter { mask & $0.bit != 0 }.map(\.source) }
    }

    /// What a finding about a household needs: where it is and its members' names (a head's
    /// name is last).
    struct Household: Equatable, Sendable {
        var householdID: String
        var regionCode: String
        var entry: HouseholdDirectory.Entry
        var names: [String]
        /// 家庭人口数 as the system records it, and the member rows it has as corrected: a move
        /// decided in the assembly re-judges `household.size_mismatch` with them.
        var size = ""
        var memberCount = 0
    }

    var keys: [Key] = []
    var households: [Household] = []

    init() {}

    /// Members and heads of the system records, received and corrected side by side.
    ///
    /// `removed` holds household id + "\u{1f}" + member key of the rows the row policies dropped:
    /// the corrected side has them no more, and members it gained (appended) have no received side.
    init(received: [HouseholdCase], corrected: [HouseholdCase], directory: HouseholdDirectory, removed: Set<String> = []) {
        for (before, after) in zip(received, corrected) {
            guard let system = before.system, let fixed = after.system else { continue }
            let h = UInt32(households.count)
            var names: [String] = []
            var added = false
            // Each person's listing bits by their system record's key; for a key two people share,
            // the last (as a dictionary built in order would keep). A few people: searched, not
            // hashed; the bits worked out here, so no person is copied out to be searched.
            let wall = ListedBy.wallNames(before)
            var people: [(key: String, listedBy: UInt8)] = []
            people.reserveCapacity(before.people.count)
            for p in before.people { if let s = p.system { people.append((s.memberKey, ListedBy.mask(p, wall: wall))) } }
            for (m, n) in Self.pairs(system.members, fixed.members, household: before.householdID, removed: removed) {
                let a = Self.pack(m?[.idNumber]), b = Self.pack(n?[.idNumber])
                guard a != 0 || b != 0 else { continue }
                keys.append(Key(
                    role: .member, received: a, corrected: b, household: h, name: UInt16(truncatingIfNeeded: names.count),
                    listedBy: m.map { m in
                        let key = m.memberKey
                        return people.last(where: { $0.key == key })?.listedBy ?? 0
                    } ?? 0))
                names.append(m?[.name] ?? n?[.name] ?? "")
                added = true
            }
            if !system.isMemberOnly {
                let a = Self.pack(IdentityRow.headID(system)), b = Self.pack(IdentityRow.headID(fixed))
                if a != 0 || b != 0 {
                    keys.append(Key(role: .head, received: a, corrected: b, household: h, name: UInt16(truncatingIfNeeded: names.count)))
                    names.append(system[.headName] ?? "")
                    added = true
                }
            }
            guard added else { continue }
            let entry = directory[before.householdID] ?? HouseholdDirectory.Entry(township: "", village: "", headName: "", cadreName: "", cadrePhone: "")
            households.append(Household(
                householdID: before.householdID, regionCode: before.regionCode, entry: entry, names: names,
                size: system.isMemberOnly ? "" : system.fields[.size]?.raw ?? "", memberCount: fixed.members.count))
        }
    }

    /// Received members beside their corrected selves: corrections keep the order, a dropped row
    /// has no corrected side, and rows after the received ones were added.
    static func pairs(_ before: [MemberRecord], _ after: [MemberRecord], household: String, removed: Set<String>) -> [(MemberRecord?, MemberRecord?)] {
        var result: [(MemberRecord?, MemberRecord?)] = []
        var j = 0
        for m in before {
            if !removed.isEmpty, removed.contains(household + "\u{1f}" + m.memberKey) {
                result.append((m, nil))
            } else {
                result.append((m, j < after.count ? after[j] : nil))
                j += 1
            }
        }
        while j < after.count {
            result.append((nil, after[j]))
            j += 1
        }
        return result
    }

    /// A normalised ID number packed into 64 bits, 0 when absent. Normalised ID numbers are
    /// always 17 digits and a digit or X, so they always pack; anything else would be absent.
    static func pack(_ id: String?) -> UInt64 {
        guard let id, !id.isEmpty else { return 0 }
        return PackedID.pack(id) ?? 0
    }

    /// The ID bucket of a packed ID number (a multiplicative hash: the last digits are not uniform).
    static func bucket(_ packed: UInt64) -> Int {
        Int((packed &* 0x9E37_79B9_7F4A_7C15) >> 58) % PartFiles.idBuckets
    }

    /// The identity row of a key and the household it names.
    static func row(_ key: Key, _ h: Household) -> IdentityRow {
        IdentityRow(
            role: key.role, receivedID: PackedID.unpack(key.received), correctedID: PackedID.unpack(key.corrected), listedBy: key.listedBy,
            householdID: h.householdID, regionCode: h.regionCode, name: h.names[Int(key.name)], entry: h.entry,
            size: h.size, memberCount: h.memberCount)
    }

    /// Every key as an identity row.
    var rows: [IdentityRow] { keys.map { Self.row($0, households[Int($0.household)]) } }
}

/// Writing and reading `IdentityBatch`es. `ids-<partition>.bin` holds the keys by bucket (a key
/// is under the bucket of its received and of its corrected ID): a header of `idBuckets + 1`
/// 64-bit offsets, then each bucket's keys, so one bucket is read without the others (one file a
/// partition, not one a bucket: 64 small files per partition cost more in file creation than in
/// writing). `idhouses-<partition>.bin` holds the households (their texts, 家庭人口数 and member count, then the names). Little-endian; strings as a 32-bit
/// length and UTF-8. Only Fivefold writes these files.
enum IdentityFiles {
    static let keySize = 23
    static var headerSize: Int { 8 * (PartFiles.idBuckets + 1) }

    static func write(_ batch: IdentityBatch, partition p: Int, folder: String) throws {
        var buckets = [[UInt8]](repeating: [], count: PartFiles.idBuckets)
        for key in batch.keys {
            var record: [UInt8] = []
            record.reserveCapacity(keySize)
            record.append((key.role == .member ? 0 : 1) | key.listedBy << 1)
            append(key.received, bytes: 8, to: &record)
            append(key.corrected, bytes: 8, to: &record)
            append(UInt64(key.household), bytes: 4, to: &record)
            append(UInt64(key.name), bytes: 2, to: &record)
            var targets: [Int] = []
            if key.received != 0 { targets.append(IdentityBatch.bucket(key.received)) }
            if key.corrected != 0, !targets.contains(IdentityBatch.bucket(key.corrected)) { targets.append(IdentityBatch.bucket(key.corrected)) }
            for b in targets { buckets[b].append(contentsOf: record) }
        }
        var keys: [UInt8] = []
        var offset = 0
        for b in 0...PartFiles.idBuckets {
            append(UInt64(offset), bytes: 8, to: &keys)
            if b < PartFiles.idBuckets { offset += buckets[b].count }
        }
        for bucket in buckets { keys += bucket }
        try save(keys, to: "\(folder)/ids-\(p).bin")
        var out: [UInt8] = []
        for h in batch.households {
            let texts = [h.householdID, h.regionCode, h.entry.township, h.entry.village, h.entry.headName, h.entry.cadreName, h.entry.cadrePhone,
                         h.size, String(h.memberCount)] + h.names
            append(UInt64(texts.count), bytes: 4, to: &out)
            for t in texts {
                append(UInt64(t.utf8.count), bytes: 4, to: &out)
                out.append(contentsOf: t.utf8)
            }
        }
        try save(out, to: "\(folder)/idhouses-\(p).bin")
    }

    private static func save(_ bytes: [UInt8], to path: String) throws {
        let file = try WritableFile(path: path)
        try file.write(bytes)
        file.close()
    }

    private static func append(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
        for i in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    private static func damaged(_ path: String) -> PipelineError {
        PipelineError(file: path, keyPath: "", message: "damaged intermediate file; run the shard again")
    }

    /// The keys of one bucket of a partition's key file.
    static func keys(path: String, bucket: Int) throws -> [IdentityBatch.Key] {
        guard let file = FileHandle(forReadingAtPath: path) else { throw damaged(path) }
        defer { try? file.close() }
        let header = try file.read(upToCount: headerSize) ?? Data()
        guard header.count == headerSize else { throw damaged(path) }
        func offset(_ b: Int) -> UInt64 {
            let h = [UInt8](header)
            return (0..<8).reduce(UInt64(0)) { $0 | UInt64(h[8 * b + $1]) << (8 * UInt64($1)) }
        }
        let start = offset(bucket), end = offset(bucket + 1)
        guard start <= end, (end - start) % UInt64(keySize) == 0 else { throw damaged(path) }
        if start == end { return [] }
        try file.seek(toOffset: UInt64(headerSize) + start)
        let data = try file.read(upToCount: Int(end - start)) ?? Data()
        guard data.count == Int(end - start) else { throw damaged(path) }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var keys: [IdentityBatch.Key] = []
            keys.reserveCapacity(b.count / keySize)
            func read(_ at: Int, _ n: Int) -> UInt64 {
                var v: UInt64 = 0
                for i in 0..<n { v |= UInt64(b[at + i]) << (8 * UInt64(i)) }
                return v
            }
            var i = 0
            while i < b.count {
                guard b[i] < 16 else { throw damaged(path) }
                keys.append(IdentityBatch.Key(
                    role: b[i] & 1 == 0 ? .member : .head, received: read(i + 1, 8), corrected: read(i + 9, 8),
                    household: UInt32(read(i + 17, 4)), name: UInt16(read(i + 21, 2)), listedBy: b[i] >> 1))
                i += keySize
            }
            return keys
        }
    }

    /// The households of a partition whose indexes are in `wanted` (the rest are skipped
    /// without decoding), by index.
    static func households(path: String, wanted: Set<UInt32>) throws -> [UInt32: IdentityBatch.Household] {
        guard !wanted.isEmpty else { return [:] }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var result: [UInt32: IdentityBatch.Household] = [:]
            var i = 0
            var index: UInt32 = 0
            func u32() throws -> Int {
                guard i + 4 <= b.count else { throw damaged(path) }
                let v = Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24
                i += 4
                return v
            }
            while i < b.count && result.count < wanted.count {
                let count = try u32()
                guard count >= 9 else { throw damaged(path) }
                let keep = wanted.contains(index)
                var texts: [String] = []
                for _ in 0..<count {
                    let length = try u32()
                    guard length <= b.count - i else { throw damaged(path) }
                    if keep { texts.append(String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + length)]), as: UTF8.self)) }
                    i += length
                }
                if keep {
                    result[index] = IdentityBatch.Household(
                        householdID: texts[0], regionCode: texts[1],
                        entry: HouseholdDirectory.Entry(township: texts[2], village: texts[3], headName: texts[4], cadreName: texts[5], cadrePhone: texts[6]),
                        names: Array(texts[9...]), size: texts[7], memberCount: Int(texts[8]) ?? 0)
                }
                index += 1
            }
            guard result.count == wanted.count else { throw damaged(path) }
            return result
        }
    }
}
