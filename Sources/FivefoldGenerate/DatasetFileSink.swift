// One output file of a generated dataset: an owned file descriptor with a write buffer, and the
// file's prologue and epilogue (byte-order mark, CSV header, XML declaration and root element,
// transcoded to GBK or gzipped as the file requires). Batch bytes arrive already encoded.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FivefoldIO

/// A buffered writer to one dataset file; owns the descriptor.
final class DatasetFileSink {
    let path: String
    private let file: WritableFile
    private var buffer: [UInt8] = []
    private let threshold = 4 << 20

    init(path: String) throws {
        self.path = path
        do { file = try WritableFile(path: path) } catch { throw GeneratorError("\(error)") }
        buffer.reserveCapacity(threshold + (1 << 20))
    }

    /// Writes the file's byte-order mark and prologue.
    func start(_ file: OutputFile, gzipLevel: Int32) throws {
        if file.hasBOM { buffer += [0xEF, 0xBB, 0xBF] }
        try write(encoded(file.prologue, file, gzipLevel: gzipLevel))
    }

    /// Writes the file's epilogue, flushes and closes.
    func finish(_ file: OutputFile, gzipLevel: Int32) throws {
        try write(encoded(file.epilogue, file, gzipLevel: gzipLevel))
        try close()
    }

    private func encoded(_ text: String, _ file: OutputFile, gzipLevel: Int32) throws -> [UInt8] {
        if text.isEmpty { return [] }
        if file.isGBK {
            do { return try Transcoder(from: "UTF-8", to: "GBK").encode(text) } catch {
                throw GeneratorError("\(path): \(text) is not representable in GBK")
            }
        }
        if file == .interview { return try GzipWriter.member(Array(text.utf8), level: gzipLevel) }
        return Array(text.utf8)
    }

    func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= threshold { try flush() }
    }

    func close() throws {
        guard file.isOpen else { return }
        try flush()
        file.close()
    }

    private func flush() throws {
        do { try file.write(buffer) } catch { throw GeneratorError("\(error)") }
        buffer.removeAll(keepingCapacity: true)
    }
}
