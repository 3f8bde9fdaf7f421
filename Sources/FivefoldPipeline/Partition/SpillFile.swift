import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FivefoldModel
import FivefoldIO

/// The spill format: mapped raw records, routed to partitions between the scan and the
/// per-partition evaluation, so that a run holds one partition in memory, never the province.
///
/// A record is `tag u8, line u32, count u8, (code u8, length u32, UTF-8 bytes)*`. Tags: 1 a
/// household, 2 a member of the household before it (XML), 3 a standalone row (member table,
/// registry). Hand-written because it is on the hot path of every run and needs no schema
/// evolution: files live only for the duration of one run.
enum SpillTag: UInt8 {
    case household = 1, member = 2, row = 3
}

/// Canonical field ids ↔ one-byte codes.
enum FieldCodes {
    static let all: [FieldID] = {
        var seen = Set<FieldID>()
        var result: [FieldID] = []
        let ids = FieldCatalog.household.map(\.id) + FieldCatalog.member.map(\.id) + VillageFields.all + RegistryConfig.extraFields + AccountabilityFields.all
        for id in ids where seen.insert(id).inserted { result.append(id) }
        precondition(result.count < 256)
        return result
    }()
    static let codes: [FieldID: UInt8] = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, UInt8($0)) })
    /// The kind of each coded field at each level, so normalising a spilled value needs no look-up.
    static let householdKinds: [FieldKind] = all.map { ExtraFieldKinds.kind($0, level: .household) }
    static let memberKinds: [FieldKind] = all.map { ExtraFieldKinds.kind($0, level: .member) }
}

/// Appends spill records to one file through a buffer.
final class SpillWriter {
    /// A scan has one writer per table and partition open at once (thousands in a province), so
    /// the buffer is small: 32 KB each, below glibc's mmap threshold (a 128 KB buffer each was
    /// an mmap and its page faults per writer, and memory in proportion to the partitions).
    static let bufferSize = 32 << 10

    private let file: WritableFile
    /// The bytes not yet written: `used` of `capacity`. Raw memory, not a `[UInt8]`: appending
    /// to an array byte by byte (and through its generic `append(contentsOf:)`) was most of the
    /// cost of spilling; a record is now measured, then copied in with one bounds check.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0
    let path: String

    init(path: String) throws {
        self.path = path
        do { file = try WritableFile(path: path) } catch {
            throw PipelineError(file: path, keyPath: "", message: "cannot create a work file: \(error)")
        }
        // malloc'd, not touched: a writer that receives little costs little resident memory.
        capacity = Self.bufferSize + 4096
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Appends a record; `codes` are the fields' `FieldCodes`, parallel to `fields`.
    func append(_ tag: SpillTag, line: Int, fields: [(FieldID, String)], codes: [UInt8]) throws {
        var size = 6
        for (_, value) in fields { size += 5 + value.utf8.count }
        if used + size > capacity {
            try flush()
            if size > capacity {
                buffer.deallocate()
                capacity = size
                buffer = .allocate(capacity: capacity)
            }
        }
        let out = buffer
        var o = used
        func put32(_ v: UInt32) {
            UnsafeMutableRawPointer(out + o).storeBytes(of: v.littleEndian, as: UInt32.self)
            o += 4
        }
        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            put32(UInt32(bytes.count))
            if let base = bytes.baseAddress { (out + o).update(from: base, count: bytes.count) }
            o += bytes.count
        }
        out[o] = tag.rawValue
        o += 1
        put32(UInt32(truncatingIfNeeded: line))
        out[o] = UInt8(fields.count)
        o += 1
        // The values' bytes read in place (a native string's are contiguous): a copy of each
        // (field, value) pair to iterate retained and released its string.
        fields.withUnsafeBufferPointer { fields in
            for i in fields.indices {
                out[o] = codes[i]
                o += 1
                if fields[i].1.utf8.withContiguousStorageIfAvailable(put) == nil {
                    var v = fields[i].1
                    v.withUTF8(put)
                }
            }
        }
        used = o
        if used >= Self.bufferSize { try flush() }
    }

    func flush() throws {
        guard used > 0 else { return }
        do { try file.write(UnsafeRawBufferPointer(start: buffer, count: used)) } catch {
            throw PipelineError(file: path, keyPath: "", message: "cannot write a work file: \(error)")
        }
        used = 0
    }
}

/// Reads a spill file back, record by record.
enum SpillReader {
    /// A field of the record being read: its code (its index in `FieldCodes.all`) and its UTF-8
    /// text, in the file's buffer (valid during the call to `body` only).
    typealias Field = (code: UInt8, bytes: UnsafeBufferPointer<UInt8>)

    /// Calls `body` with each record of the file, in order: its tag, line and fields. The
    /// fields' buffer is reused from one record to the next.
    static func forEach(path: String, _ body: (SpillTag, Int, [Field]) throws -> Void) throws {
        // No record was routed to this partition when the file does not exist.
        guard let data = FileManager.default.contents(atPath: path) else { return }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let end = bytes.count
            var i = 0
            var fields: [Field] = []
            fields.reserveCapacity(32)
            func corrupt() -> PipelineError { PipelineError(file: path, keyPath: "", message: "corrupt work file at byte \(i)") }
            func u32() throws -> Int {
                guard i + 4 <= end else { throw corrupt() }
                let v = Int(UInt32(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt32.self)))
                i += 4
                return v
            }
            while i < end {
                guard let tag = SpillTag(rawValue: bytes[i]) else { throw corrupt() }
                i += 1
                let line = try u32()
                guard i < end else { throw corrupt() }
                let count = Int(bytes[i])
                i += 1
                fields.removeAll(keepingCapacity: true)
                for _ in 0..<count {
                    guard i < end else { throw corrupt() }
                    let code = bytes[i]
                    i += 1
                    let length = try u32()
                    guard length <= end - i else { throw corrupt() }
                    fields.append((code, UnsafeBufferPointer(rebasing: bytes[i..<(i + length)])))
                    i += length
                }
                try body(tag, line, fields)
            }
        }
    }
}
