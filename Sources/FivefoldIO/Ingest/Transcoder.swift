// GBK/GB18030 is the other encoding Chinese dumps come in. glibc's iconv converts it correctly
// and streams (TECHNOTES: ~180 MB/s), where Foundation only decodes whole buffers, 6× slower, and
// knows no GBK. `Transcoder` is the one owner of an iconv descriptor; invalid input is reported
// with its offset, never a crash. It also builds the lookup table of `GB18030Codec`, which is the
// fast path the CSV reader uses per field.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts bytes between two encodings with iconv; owns the iconv descriptor.
///
/// Not thread-safe: iconv descriptors carry state, so use one transcoder per reader or writer.
public final class Transcoder {
    /// Why a conversion stopped early.
    public struct Failure: Error, Sendable, Equatable {
        /// Offset of the first byte that could not be converted.
        public var offset: Int
        /// True when the input ends inside a multi-byte sequence (iconv's `EINVAL`): in a
        /// stream, carry the bytes from `offset` into the next chunk. False for invalid bytes
        /// (`EILSEQ`).
        public var incomplete: Bool
    }

    private let descriptor: iconv_t
    /// The source encoding's iconv name.
    public let from: String
    /// The target encoding's iconv name.
    public let to: String

    /// Opens an iconv conversion from `from` to `to` (iconv names, e.g. `"GB18030"`, `"UTF-8"`).
    ///
    /// - Throws: ``IngestError`` when iconv does not know the pair.
    public init(from: String, to: String) throws {
        let cd = iconv_open(to, from)
        guard cd != iconv_t(bitPattern: -1) else {
            throw IngestError(message: "iconv cannot convert \(from) to \(to)")
        }
        descriptor = cd!
        self.from = from
        self.to = to
    }

    deinit { iconv_close(descriptor) }

    /// A GB18030 (and so GBK, GB2312) → UTF-8 decoder.
    public static func gb18030ToUTF8() throws -> Transcoder { try Transcoder(from: "GB18030", to: "UTF-8") }

    /// A UTF-8 → GB18030 encoder, for writers.
    public static func utf8ToGB18030() throws -> Transcoder { try Transcoder(from: "UTF-8", to: "GB18030") }

    /// Converts `input`, appending the result to `output`.
    ///
    /// - Returns: nil when all of `input` was converted, else where and why it stopped; the
    ///   bytes before that offset have been converted and appended.
    @discardableResult
    public func convert(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) -> Failure? {
        guard let base = input.baseAddress, input.count > 0 else { return nil }
        iconv(descriptor, nil, nil, nil, nil)  // back to the initial state
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        let chunk = max(64, input.count * 2)
        while inLeft > 0 {
            let start = output.count
            output.reserveCapacity(start + chunk)
            var outLeft = chunk
            var stop: Int32 = 0
            output.append(contentsOf: repeatElement(0, count: chunk))
            output.withUnsafeMutableBytes { out in
                var outPtr: UnsafeMutablePointer<CChar>? = (out.baseAddress! + start).assumingMemoryBound(to: CChar.self)
                if iconv(descriptor, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { stop = errno }
            }
            output.removeLast(outLeft)
            switch stop {
            case 0, E2BIG: continue
            case EINVAL: return Failure(offset: input.count - inLeft, incomplete: true)
            default: return Failure(offset: input.count - inLeft, incomplete: false)
            }
        }
        return nil
    }

    /// Decodes `bytes` (in ``from``, which must be convertible to UTF-8) into a string.
    ///
    /// - Throws: ``Failure`` at the first byte that cannot be converted.
    public func decode(_ bytes: UnsafeRawBufferPointer) throws -> String {
        var utf8: [UInt8] = []
        if let failure = convert(bytes, appendingTo: &utf8) { throw failure }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Encodes `string`'s UTF-8 into ``to``.
    ///
    /// - Throws: ``Failure`` when a character has no representation in the target encoding.
    public func encode(_ string: String) throws -> [UInt8] {
        var string = string
        var out: [UInt8] = []
        let failure = string.withUTF8 { convert(UnsafeRawBufferPointer($0), appendingTo: &out) }
        if let failure { throw failure }
        return out
    }
}
