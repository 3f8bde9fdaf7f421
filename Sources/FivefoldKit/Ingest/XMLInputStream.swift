// libxml2 pulls its input through C callbacks. Feeding it from a `ByteSource` (rather than
// letting `xmlReaderForFile` open the path) keeps one gzip implementation, detected by magic
// bytes for every format, lets the reader sniff the declared encoding before parsing starts, and
// turns an I/O or gzip error into a clear message instead of a generic parser failure.

import CLibXML2

/// The context object behind libxml2's read and close callbacks.
final class XMLInputStream {
    private let source: any ByteSource
    private var prefix: [UInt8]
    private var prefixOffset = 0
    /// The error the byte source threw, if reading stopped because of it.
    private(set) var error: Error?

    init(source: any ByteSource, prefix: [UInt8]) {
        self.source = source
        self.prefix = prefix
    }

    /// Fills `buffer` with up to `length` bytes; returns the count, 0 at the end, -1 on error.
    func read(into buffer: UnsafeMutablePointer<CChar>, length: Int32) -> Int32 {
        guard length > 0 else { return 0 }
        if prefixOffset < prefix.count {
            let n = min(Int(length), prefix.count - prefixOffset)
            prefix.withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress! + prefixOffset, byteCount: n) }
            prefixOffset += n
            if prefixOffset == prefix.count {
                prefix = []
                prefixOffset = 0
            }
            return Int32(n)
        }
        do {
            return Int32(try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
        } catch {
            self.error = error
            return -1
        }
    }

    /// The read callback: a non-capturing closure that finds the stream through its context.
    static let readCallback: xmlInputReadCallback = { context, buffer, length in
        guard let context, let buffer else { return -1 }
        return Unmanaged<XMLInputStream>.fromOpaque(context).takeUnretainedValue().read(into: buffer, length: length)
    }

    /// The close callback: releases the reference retained for libxml2. libxml2 calls it exactly
    /// once, also when creating the reader fails.
    static let closeCallback: xmlInputCloseCallback = { context in
        if let context { Unmanaged<XMLInputStream>.fromOpaque(context).release() }
        return 0
    }
}
