import FivefoldModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// GBK archive XML is the slowest input: libxml2 converts it through iconv, one more pass over
// every byte. This stream converts GB18030 to UTF-8 with `GB18030Codec`'s table before libxml2
// sees it (which is then told the input is UTF-8), about twice as fast as iconv. An invalid byte
// ends the stream with an error naming its line; the text before it is still delivered, so the
// records before the bad byte are read.

/// A byte source that decodes another, GB18030-encoded, source to UTF-8.
final class GB18030DecodingStream: ByteSource {
    private let source: any ByteSource
    private let codec: GB18030Codec
    private let displayName: String
    private var prefix: [UInt8]
    private let raw: UnsafeMutablePointer<UInt8>
    private let rawCapacity = 1 << 20
    private var start = 0, end = 0
    private var eof = false
    private var pendingError: IngestError?
    /// Line of the next output byte (ASCII line feeds are the same in both encodings).
    private var line = 1

    /// Decodes `prefix` (bytes already read from `source`) and then the rest of `source`.
    init(source: any ByteSource, prefix: [UInt8], displayName: String) throws {
        self.source = source
        self.prefix = prefix
        self.displayName = displayName
        codec = try GB18030Codec()
        raw = .allocate(capacity: rawCapacity)
    }

    deinit { raw.deallocate() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let pendingError { throw pendingError }
        guard buffer.count >= 8 else { return 0 }
        let out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        while true {
            if end - start < 4 && !eof { try refill() }
            if start == end && eof { return 0 }
            let take = min(end - start, buffer.count / 2)
            let result = codec.convertToUTF8(raw + start, count: take, into: out, isFinal: eof && take == end - start)
            start += result.consumed
            line += Self.lineFeeds(out, count: result.produced)
            if result.invalid {
                let error = IngestError(location: SourceLocation(file: displayName, line: line), message: "invalid GB18030 byte sequence")
                if result.produced == 0 { throw error }
                pendingError = error
            }
            if result.produced > 0 { return result.produced }
            if eof { return 0 }
            try refill()
        }
    }

    /// The line feeds in `p[..<n]`, found with `memchr` (a byte-by-byte loop over the whole
    /// decoded archive cost ~5 instructions a byte; lines are ~1 KB apart).
    static func lineFeeds(_ p: UnsafeMutablePointer<UInt8>, count n: Int) -> Int {
        var count = 0
        var at = UnsafeMutableRawPointer(p)
        let end = at + n
        while at < end, let found = memchr(at, 0x0A, end - at) {
            count += 1
            at = found + 1
        }
        return count
    }

    private func refill() throws {
        if start > 0 {
            raw.update(from: raw + start, count: end - start)
            end -= start
            start = 0
        }
        if !prefix.isEmpty {
            let n = min(prefix.count, rawCapacity - end)
            prefix.withUnsafeBufferPointer { (raw + end).update(from: $0.baseAddress!, count: n) }
            prefix.removeFirst(n)
            end += n
            return
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: raw + end, count: rawCapacity - end))
        if n == 0 { eof = true } else { end += n }
    }
}
