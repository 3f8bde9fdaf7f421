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
        var magic = [UInt8](repeating: 0, count: 2)
        let n = try magic.withUnsafeMutableBytes { try file.readFully(into: $0) }
        file.pending = Array(magic[..<n])
        if n == 2, magic[0] == 0x1f, magic[1] == 0x8b {
            return (try GzipStream(wrapping: file, displayName: displayName ?? path), true)
        }
        return (file, false)
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
