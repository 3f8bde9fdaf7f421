// Writes gzip files and gzip members. Generated datasets ship the interview source as
// `survey.xml.gz` (SPEC §3), and the generator compresses it in parallel: each batch of
// households becomes one complete gzip member, and the members are concatenated, which is a
// valid gzip file (RFC 1952 §2.2; `GzipStream`, `gzip -d` and zcat all read every member). The
// header is written here, not by zlib, with mtime 0, no file name and OS "unknown" (255), so the
// bytes are the same on every machine for a given zlib.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFivefoldZlib

/// A buffered gzip writer to one file, and a one-shot gzip member encoder.
///
/// Call ``close()`` to end the member, flush, and learn of write errors.
public final class GzipWriter {
    /// The file being written.
    public let path: String
    private let file: WritableFile
    private let deflater: DeflateStream
    private var crc: uLong = crc32(0, nil, 0)
    private var size: UInt32 = 0
    private var pending: [UInt8] = []
    private let flushThreshold = 1 << 20

    /// The fixed 10-byte member header: magic, deflate, no flags, mtime 0, no extra flags, OS 255.
    static let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]

    /// Creates (or truncates) `path` and starts a gzip member.
    ///
    /// - Parameter level: zlib compression level 0–9 (default 6).
    /// - Throws: ``IngestError`` when the file cannot be created or zlib cannot start.
    public init(path: String, level: Int32 = 6) throws {
        self.path = path
        deflater = try DeflateStream(level: level)
        file = try WritableFile(path: path)
        pending = GzipWriter.header
    }

    deinit {
        if file.isOpen { try? close() }
    }

    /// Compresses and buffers `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        guard file.isOpen else { throw IngestError(file: path, "write after close") }
        try bytes.withUnsafeBytes { raw in
            crc = crc32(crc, raw.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(raw.count))
            size = size &+ UInt32(truncatingIfNeeded: raw.count)
            try deflater.compress(raw, finish: false, appendingTo: &pending)
        }
        if pending.count >= flushThreshold { try flush() }
    }

    /// Ends the gzip member, flushes and closes the file.
    public func close() throws {
        guard file.isOpen else { return }
        defer { file.close() }
        try deflater.compress(UnsafeRawBufferPointer(start: nil, count: 0), finish: true, appendingTo: &pending)
        GzipWriter.appendTrailer(crc: UInt32(truncatingIfNeeded: crc), size: size, to: &pending)
        try flush()
    }

    /// One complete gzip member holding `data`, ready to be concatenated with others.
    ///
    /// - Throws: ``IngestError`` when zlib fails.
    public static func member(_ data: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        let deflater = try DeflateStream(level: level)
        var out = header
        out.reserveCapacity(data.count / 4 + 64)
        let crc = data.withUnsafeBytes { raw in
            crc32(crc32(0, nil, 0), raw.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(raw.count))
        }
        try data.withUnsafeBytes { try deflater.compress($0, finish: true, appendingTo: &out) }
        appendTrailer(crc: UInt32(truncatingIfNeeded: crc), size: UInt32(truncatingIfNeeded: data.count), to: &out)
        return out
    }

    /// CRC-32 and input size modulo 2³², little-endian (RFC 1952).
    static func appendTrailer(crc: UInt32, size: UInt32, to out: inout [UInt8]) {
        for value in [crc, size] {
            out.append(UInt8(value & 0xFF))
            out.append(UInt8((value >> 8) & 0xFF))
            out.append(UInt8((value >> 16) & 0xFF))
            out.append(UInt8((value >> 24) & 0xFF))
        }
    }

    private func flush() throws {
        try file.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
