// Raw deflate through zlib, the compressing half of `GzipStream`. It exists so that gzip output
// (the interview source of generated datasets, and any `.gz` Fivefold writes) is produced in
// one place that owns the zlib stream and checks every return code. The gzip framing is left to
// `GzipWriter`: zlib's own gzip header carries the build's OS code, which would make the bytes
// differ between machines.

import CFivefoldZlib

/// A raw deflate compressor; owns its zlib stream.
final class DeflateStream {
    /// zlib keeps a back-pointer to the stream, so it needs a stable address.
    private let stream: UnsafeMutablePointer<z_stream>
    private var out: [UInt8]

    /// Opens a raw deflate stream at `level` (0–9, or -1 for zlib's default, 6).
    init(level: Int32) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        out = [UInt8](repeating: 0, count: 64 * 1024)
        let rc = fivefold_deflateInit2(stream, level, -15, 8, Z_DEFAULT_STRATEGY)
        guard rc == Z_OK else {
            stream.deallocate()
            throw IngestError(message: "cannot initialise zlib deflate (code \(rc))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Compresses `input`, appending compressed bytes to `output`; `finish` ends the stream
    /// (after which `reset()` starts a new one).
    func compress(_ input: UnsafeRawBufferPointer, finish: Bool, appendingTo output: inout [UInt8]) throws {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(input.count)
        let flush = finish ? Z_FINISH : Z_NO_FLUSH
        while true {
            let produced: Int = try out.withUnsafeMutableBytes { buffer in
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = UInt32(buffer.count)
                let rc = deflate(stream, flush)
                guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
                    throw IngestError(message: "zlib deflate failed (code \(rc))")
                }
                return buffer.count - Int(stream.pointee.avail_out)
            }
            output.append(contentsOf: out[0..<produced])
            // More output is pending while deflate filled the whole buffer; otherwise all input
            // has been consumed (and, when finishing, the stream has ended).
            if produced < out.count && stream.pointee.avail_in == 0 { break }
        }
    }

    /// Starts a new stream with the same parameters.
    func reset() {
        deflateReset(stream)
    }
}
