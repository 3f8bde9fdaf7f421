// Every writer Fivefold has (CSV, gzip, spill files, generated datasets) ends in the same C
// calls: open for writing, write a whole buffer through short writes and EINTR, close once.
// This is their one owner of the descriptor, so those calls and their error text live here.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file created (or truncated) for writing; owns its descriptor and closes it exactly once.
package final class WritableFile {
    let path: String
    private var fd: Int32

    /// Creates or truncates `path`.
    ///
    /// - Throws: ``IngestError`` naming the file when it cannot be created.
    package init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IngestError(file: path, "cannot create: \(String(cString: strerror(errno)))") }
    }

    deinit { close() }

    /// False once closed.
    package var isOpen: Bool { fd >= 0 }

    /// Writes all of `bytes`, retrying short writes and interrupted calls.
    ///
    /// - Throws: ``IngestError`` on a write error or after ``close()``.
    package func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes all of `bytes` (see `write(_:)`).
    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw IngestError(file: path, "write after close") }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw IngestError(file: path, "write error: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    /// Closes the descriptor (a second call does nothing).
    package func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }
}
