// Reads a file through its POSIX descriptor in large chunks, with no buffering of its own beyond
// the caller's buffer. `open(path:displayName:)` is the entry point the readers use: it sniffs
// the first two bytes and, when they are gzip's magic 1f 8b, wraps the file in a `GzipStream`, so
// a gzipped file is recognised whatever its name.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read through its descriptor; owns and closes the descriptor.
public final class FileByteSource: ByteSource {
    private let fd: Int32
    private let displayName: String
    /// Bytes already read to sniff the format, served before the descriptor is read again.
    private var pending: [UInt8] = []

    /// Opens `path` for reading.
    ///
    /// - Parameter displayName: the name used in error messages; defaults to `path`.
    /// - Throws: ``IngestError`` when the file cannot be opened.
    public init(path: String, displayName: String? = nil) throws {
        self.displayName = displayName ?? path
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw IngestError(file: displayName ?? path, "cannot open: \(String(cString: strerror(errno)))")
        }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            throw IngestError(file: displayName ?? path, "cannot open: is a directory")
        }
        self.fd = fd
    }

    deinit { Glibc.close(fd) }

    /// Opens `path`, inflating it transparently when it starts with gzip's magic bytes.
    ///
    /// - Returns: the stream of (decompressed) bytes and whether the file was gzipped.
    /// - Throws: ``IngestError`` when the file cannot be opened or read.
    public static func open(path: String, displayName: String? = nil) throws -> (source: any ByteSource, gzipped: Bool) {
        let file = try FileByteSource(path: path, displayName: displayName)
        var magic = [UInt8](repeating: 0, count: 6)
        let n = try magic.withUnsafeMutableBytes { try file.readFully(into: $0) }
        file.pending = Array(magic[..<n])
        if n >= 2, magic[0] == 0x1f, magic[1] == 0x8b {
            let gzip = try GzipStream(wrapping: file, displayName: displayName ?? path)
            let head = try PeekedSource(gzip, count: 512)
            try refuseTar(head.peeked, file: displayName ?? path, gzipped: true)
            return (head, true)
        }
        let head = try PeekedSource(file, count: 512)
        try refuseTar(head.peeked, file: displayName ?? path, gzipped: false)
        if let other = otherCompression(Array(magic[..<n])) {
            // Read as text, the compressed bytes gave "header is not valid GB18030".
            throw IngestError(
                file: displayName ?? path,
                "the file is \(other.name)-compressed; fivefold reads plain or gzipped files: decompress it (\(other.command)) or compress it with gzip")
        }
        return (head, false)
    }

    /// A tar archive (a .tar.gz sent for a .gz: "ustar" at byte 257 of its first header) is named,
    /// with the file inside it: read as the table, its header block gave "Start tag expected" or
    /// a header of NUL-padded names.
    static func refuseTar(_ head: [UInt8], file: String, gzipped: Bool) throws {
        guard head.count >= 262, Array(head[257..<262]) == Array("ustar".utf8) else { return }
        let name = String(decoding: head[..<100].prefix { $0 != 0 }, as: UTF8.self)
        throw IngestError(
            file: file,
            "the file is a tar archive\(gzipped ? " (gzipped: a .tar.gz)" : ""), not the table itself; it holds \(name.isEmpty ? "files" : "\"\(name)\" first"): "
                + "extract it (tar -xf) and give the pipeline the file inside")
    }

    /// The compression other than gzip that `magic` (the first bytes of a file) announces, and
    /// the command that undoes it; nil for anything else.
    static func otherCompression(_ magic: [UInt8]) -> (name: String, command: String)? {
        // "BZh", the block size digit, then the first bytes of the block magic (π): no text starts so.
        if magic.count >= 6, magic.starts(with: [0x42, 0x5A, 0x68]), (0x31...0x39).contains(magic[3]), magic[4] == 0x31, magic[5] == 0x41 {
            return ("bzip2", "bunzip2")
        }
        if magic.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return ("xz", "unxz") }
        if magic.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return ("zstd", "unzstd") }
        if magic.starts(with: [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return ("7z", "7z x") }
        if magic.starts(with: [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07]) { return ("RAR", "unrar x") }
        return nil
    }

    /// Reads the next bytes of the file; 0 at end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        if !pending.isEmpty {
            let n = min(pending.count, buffer.count)
            pending.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
            pending.removeFirst(n)
            return n
        }
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw IngestError(file: displayName, "read error: \(String(cString: strerror(errno)))")
        }
    }
}

/// A source whose first bytes were read ahead to sniff the format; it serves them again first.
final class PeekedSource: ByteSource {
    private let base: any ByteSource
    /// The bytes read ahead (fewer than asked for only when the stream is shorter).
    let peeked: [UInt8]
    private var served = 0

    init(_ base: any ByteSource, count: Int) throws {
        self.base = base
        var head = [UInt8](repeating: 0, count: count)
        let n = try head.withUnsafeMutableBytes { try base.readFully(into: $0) }
        peeked = Array(head[..<n])
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        if served < peeked.count {
            let n = min(peeked.count - served, buffer.count)
            peeked.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + served, byteCount: n) }
            served += n
            return n
        }
        return try base.read(into: buffer)
    }
}
