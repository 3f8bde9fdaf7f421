// Inflates gzip (and zlib) data through zlib's `inflate`, streaming: memory is one input buffer
// and zlib's 32 KiB window, whatever the file size. Window bits 15 + 32 make zlib detect the
// header itself. A `.gz` file may hold several concatenated members (`cat a.gz b.gz`, pigz,
// log rotation); they are inflated one after another, as `gzip -d` does.

import CFivefoldZlib

/// A gzip-decompressing view of another byte source; owns its zlib stream.
final class GzipStream: ByteSource {
    private let source: any ByteSource
    private let displayName: String
    /// zlib keeps a back-pointer to the stream, so it needs a stable address.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var inputEOF = false
    /// True between a member's first input byte and its end marker.
    private var inMember = false
    private var finished = false

    /// Wraps `source`, whose bytes are gzip or zlib data.
    init(wrapping source: any ByteSource, displayName: String, inputSize: Int = 256 * 1024) throws {
        self.source = source
        self.displayName = displayName
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: inputSize, alignment: 16)
        let rc = fivefold_inflateInit2(stream, 15 + 32)
        guard rc == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw IngestError(file: displayName, "cannot initialise zlib (code \(rc))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(clamping: buffer.count)
        let capacity = Int(stream.pointee.avail_out)
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !inputEOF {
                let n = try source.read(into: input)
                if n == 0 {
                    inputEOF = true
                } else {
                    stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_in = UInt32(n)
                }
            }
            if stream.pointee.avail_in == 0 && inputEOF {
                if inMember { throw IngestError(file: displayName, "truncated gzip data") }
                finished = true
                break
            }
            if !inMember {
                // Between members: anything but a new gzip header is trailing padding, which
                // `gzip -d` also ignores.
                if stream.pointee.next_in.pointee != 0x1f {
                    finished = true
                    break
                }
                inMember = true
            }
            let rc = inflate(stream, Z_NO_FLUSH)
            switch rc {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                inMember = false
                inflateReset(stream)
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "code \(rc)"
                throw IngestError(file: displayName, "corrupt gzip data: \(detail)")
            }
        }
        return capacity - Int(stream.pointee.avail_out)
    }
}
