// Every input file may arrive gzipped, and a file renamed without its `.gz` suffix must still
// read. `ByteSource` is the one interface the CSV and XML readers pull bytes through, so gzip is
// detected once (by its magic bytes) and inflated in one place, in bounded memory.

/// A forward-only stream of bytes read in large chunks.
public protocol ByteSource: AnyObject {
    /// Fills as much of `buffer` as it can and returns the number of bytes written; 0 means end
    /// of stream.
    ///
    /// - Throws: ``IngestError`` on an I/O error or corrupt compressed data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Reads until `buffer` is full or the stream ends; returns the number of bytes read.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var total = 0
        while total < buffer.count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
            if n == 0 { break }
            total += n
        }
        return total
    }
}
