// The single owner of a libxml2 SAX2 parser context that pulls its input through a `ByteSource`
// (`xmlCreateIOParserCtxt`), driven through SAX2 callbacks into an `XMLRecordAssembler`.
//
// Why SAX2 and not `xmlTextReader`: the text reader parses ahead in 512-byte pieces and, on a
// well-formedness error, refuses to hand out the nodes it had already parsed, so records just
// before the error were lost; SAX2 reports every event before the error. SAX2 also gives the
// exact line of each start tag (the reader stores lines in 16 bits, capped at 65535), and it
// builds no tree, so it is faster. No DTD callbacks are installed: declarations are not kept, so
// user-defined entities (billion laughs, external entities) are never expanded: a reference to
// one is an "Entity … not defined" error.
//
// Why pulled and not pushed (`xmlParseChunk`): a push parser looks ahead in each chunk for the
// end of every start tag and text run before parsing it, a second pass over the bytes; pulled,
// libxml2 parses straight through (~10 % of libxml2's own instructions on the GBK archive).
// Records completed so far are handed to the caller each time libxml2 asks for more input, so
// memory stays bounded by one input buffer's records.

import CLibXML2

/// Owns one libxml2 parser context, the input it pulls and the record assembler it feeds.
final class LibXMLSAXParser {
    private let context: xmlParserCtxtPtr
    private let sink: Sink
    private let input: Input

    /// The read callback's state: where the bytes come from, and where completed records go.
    final class Input {
        let source: any ByteSource
        var prefix: [UInt8]
        var prefixAt = 0
        /// The caller's record handler during `parse`.
        var deliver: ((XMLElementRecord) throws -> Void)?
        /// What the handler threw, or the error reading the source: either stops the parse.
        var bodyError: Error?
        var ioError: Error?
        unowned let sink: Sink

        init(source: any ByteSource, prefix: [UInt8], sink: Sink) {
            self.source = source
            self.prefix = prefix
            self.sink = sink
        }

        /// Hands the records completed so far to the caller; false when it threw.
        func drain() -> Bool {
            guard let deliver, !sink.assembler.completed.isEmpty else { return true }
            let records = sink.assembler.completed
            sink.assembler.completed.removeAll(keepingCapacity: true)
            do {
                for record in records { try deliver(record) }
            } catch {
                bodyError = error
                return false
            }
            return true
        }

        /// libxml2's read callback: the next bytes, 0 at the end, -1 on an error (kept here).
        func read(_ buffer: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int32 {
            guard drain() else { return -1 }
            // A document known to be malformed is not read further: nothing after it is delivered.
            if let context = sink.context, context.pointee.wellFormed == 0 { return 0 }
            guard let buffer, length > 0 else { return 0 }
            if prefixAt < prefix.count {
                let n = min(length, prefix.count - prefixAt)
                prefix.withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress! + prefixAt, byteCount: n) }
                prefixAt += n
                return Int32(n)
            }
            do {
                return Int32(try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: length)))
            } catch {
                ioError = error
                return -1
            }
        }
    }

    /// The callback target: the assembler, the parser context (for line numbers) and the errors.
    final class Sink {
        /// Set once, before parsing (it needs the parser's name dictionary).
        var assembler: XMLRecordAssembler! {
            didSet { unretainedAssembler = Unmanaged.passUnretained(assembler) }
        }
        /// The same, reached without retaining it: each start tag, end tag and text event read
        /// `assembler` (a retain and a release, atomic, three times an element otherwise).
        private var unretainedAssembler: Unmanaged<XMLRecordAssembler>?
        var context: xmlParserCtxtPtr?
        var errors = XMLErrorLog()

        var line: Int { Int(context?.pointee.input?.pointee.line ?? 0) }

        /// Runs `body` on the sink behind a callback's context pointer without retaining it.
        @inline(__always)
        static func with<R>(_ pointer: UnsafeMutableRawPointer?, _ body: (Sink) -> R) -> R {
            Unmanaged<Sink>.fromOpaque(pointer!)._withUnsafeGuaranteedRef(body)
        }

        /// Runs `body` on the sink and its assembler, retaining neither.
        @inline(__always)
        static func withAssembler<R>(_ pointer: UnsafeMutableRawPointer?, _ body: (Sink, XMLRecordAssembler) -> R) -> R {
            with(pointer) { sink in sink.unretainedAssembler!._withUnsafeGuaranteedRef { body(sink, $0) } }
        }
    }

    /// Creates a parser of the document in `prefix` then `source`; `file` names it in records.
    ///
    /// - Parameter encoding: an iconv name that replaces the document's encoding, or nil.
    init?(source: any ByteSource, prefix: [UInt8], paths: XMLPaths, file: String, encoding: String?, options: Int32, slotNames: XMLSlotNames? = nil) {
        sink = Sink()
        input = Input(source: source, prefix: prefix, sink: sink)
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, localname, _, _, _, _, attributeCount, _, attributes in
            guard let localname else { return }
            Sink.withAssembler(ctx) { sink, assembler in
                var values: [XMLAttribute] = []
                if attributeCount > 0, let attributes, assembler.wantsAttributes(localname) {
                    for k in 0..<Int(attributeCount) {
                        let base = attributes + 5 * k
                        guard let local = base[0], let start = base[3], let end = base[4] else { continue }
                        var value = XMLRecordAssembler.trimmed(UnsafeBufferPointer(start: start, count: end - start))
                        // Without entity substitution libxml2 passes `&` in attribute values on as `&#38;`.
                        if value.utf8.contains(0x26) { value = LibXMLSAXParser.decodeAmpersands(value) }
                        values.append(XMLAttribute(local: local, prefix: base[1], value: value))
                    }
                }
                assembler.start(localname, line: sink.line, attributes: values)
            }
        }
        handler.endElementNs = { ctx, _, _, _ in Sink.withAssembler(ctx) { $1.end() } }
        handler.characters = { ctx, text, length in
            Sink.withAssembler(ctx) { _, assembler in
                if let text, assembler.wantsText { assembler.text(UnsafeBufferPointer(start: text, count: Int(length))) }
            }
        }
        handler.cdataBlock = handler.characters
        handler.serror = { ctx, error in
            guard let ctx, let error else { return }
            Sink.with(ctx) { $0.errors.note(error) }
        }
        let read: xmlInputReadCallback = { ctx, buffer, length in
            Unmanaged<Input>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.read(buffer, Int(length)) }
        }
        guard let context = xmlCreateIOParserCtxt(
            &handler, Unmanaged.passUnretained(sink).toOpaque(), read, nil, Unmanaged.passUnretained(input).toOpaque(), XML_CHAR_ENCODING_NONE)
        else {
            return nil
        }
        self.context = context
        sink.context = context
        // Intern the path names in the parser's dictionary: events then carry the same pointers.
        func intern(_ names: [String]) -> [InternedName] {
            names.map { xmlDictLookup(context.pointee.dict, $0, -1)! }
        }
        sink.assembler = XMLRecordAssembler(record: intern(paths.record), member: intern(paths.member ?? []), file: file, slotNames: slotNames)
        xmlCtxtUseOptions(context, options)
        if let encoding, let converter = xmlFindCharEncodingHandler(encoding) {
            xmlSwitchToEncoding(context, converter)
        }
    }

    deinit {
        if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
        xmlFreeParserCtxt(context)
    }

    /// Parses the whole document, handing each completed record to `body` in document order;
    /// returns whether the document was well formed. Records completed before a well-formedness
    /// error are delivered; the one in progress is not.
    ///
    /// - Throws: what `body` throws.
    func parse(_ body: (XMLElementRecord) throws -> Void) throws -> Bool {
        try withoutActuallyEscaping(body) { body in
            input.deliver = body
            defer { input.deliver = nil }
            xmlParseDocument(context)
            if let error = input.bodyError { throw error }
            _ = input.drain()
            if let error = input.bodyError { throw error }
        }
        return context.pointee.wellFormed != 0 && input.ioError == nil
    }

    /// The error reading the source, if that stopped the parse.
    var ioError: Error? { input.ioError }

    /// The error that stopped parsing (the first fatal one, else the first), with its place.
    var stoppingError: (message: String, line: Int, column: Int)? { sink.errors.stopping }

    /// `&#38;` → `&`, left to right.
    static func decodeAmpersands(_ value: String) -> String {
        let pattern = Array("&#38;".utf8)
        let bytes = Array(value.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x26 && i + 5 <= bytes.count && bytes[i..<i + 5].elementsEqual(pattern) {
                out.append(0x26)
                i += 5
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
