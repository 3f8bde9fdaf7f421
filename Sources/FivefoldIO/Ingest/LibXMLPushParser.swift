// The single owner of a libxml2 push-parser context, driven through SAX2 callbacks into an
// `XMLRecordAssembler`.
//
// Why SAX2 push parsing and not `xmlTextReader`: the text reader parses ahead in 512-byte
// pieces and, on a well-formedness error, refuses to hand out the nodes it had already parsed,
// so records just before the error were lost; SAX2 reports every event before the error. SAX2
// also gives the exact line of each start tag (the reader stores lines in 16 bits, capped at
// 65535), and it builds no tree, so it is faster. No DTD callbacks are installed: declarations
// are not kept, so user-defined entities (billion laughs, external entities) are never expanded:
// a reference to one is an "Entity … not defined" error.

import CLibXML2

/// Owns one libxml2 push parser context and the record assembler it feeds.
final class LibXMLPushParser {
    private let context: xmlParserCtxtPtr
    private let sink: Sink

    /// The callback target: the assembler, the parser context (for line numbers) and the errors.
    final class Sink {
        var assembler: XMLRecordAssembler!
        var context: xmlParserCtxtPtr?
        var firstError: (message: String, line: Int, column: Int)?
        var firstFatal: (message: String, line: Int, column: Int)?

        var line: Int { Int(context?.pointee.input?.pointee.line ?? 0) }

        /// Runs `body` on the sink behind a callback's context pointer without retaining it.
        @inline(__always)
        static func with<R>(_ pointer: UnsafeMutableRawPointer?, _ body: (Sink) -> R) -> R {
            Unmanaged<Sink>.fromOpaque(pointer!)._withUnsafeGuaranteedRef(body)
        }
    }

    /// Creates a parser for a document named `url` (used in messages only).
    ///
    /// - Parameter encoding: an iconv name that replaces the document's encoding, or nil.
    init?(paths: XMLPaths, file: String, url: String, encoding: String?, options: Int32, slotNames: XMLSlotNames? = nil) {
        sink = Sink()
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, localname, _, _, _, _, attributeCount, _, attributes in
            guard let localname else { return }
            Sink.with(ctx) { sink in
                let assembler = sink.assembler!
                var values: [XMLAttribute] = []
                if attributeCount > 0, let attributes, assembler.wantsAttributes(localname) {
                    for k in 0..<Int(attributeCount) {
                        let base = attributes + 5 * k
                        guard let local = base[0], let start = base[3], let end = base[4] else { continue }
                        var value = XMLRecordAssembler.trimmed(UnsafeBufferPointer(start: start, count: end - start))
                        // Without entity substitution libxml2 passes `&` in attribute values on as `&#38;`.
                        if value.utf8.contains(0x26) { value = LibXMLPushParser.decodeAmpersands(value) }
                        values.append(XMLAttribute(local: local, prefix: base[1], value: value))
                    }
                }
                assembler.start(localname, line: sink.line, attributes: values)
            }
        }
        handler.endElementNs = { ctx, _, _, _ in Sink.with(ctx) { $0.assembler.end() } }
        handler.characters = { ctx, text, length in
            Sink.with(ctx) { sink in
                if let text, sink.assembler.wantsText { sink.assembler.text(UnsafeBufferPointer(start: text, count: Int(length))) }
            }
        }
        handler.cdataBlock = handler.characters
        handler.serror = { ctx, error in
            guard let ctx, let error else { return }
            Sink.with(ctx) { sink in
                var message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
                while message.last == "\n" || message.last == " " { message.removeLast() }
                let entry = (message, Int(error.pointee.line), Int(error.pointee.int2))
                if sink.firstError == nil { sink.firstError = entry }
                if sink.firstFatal == nil && error.pointee.level == XML_ERR_FATAL { sink.firstFatal = entry }
            }
        }
        guard let context = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(sink).toOpaque(), nil, 0, url) else {
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

    /// Parses the next bytes (`final` at the end of input); returns false once the document is
    /// known to be malformed, after which nothing more is parsed.
    func parse(_ bytes: UnsafeRawBufferPointer, final: Bool) -> Bool {
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        xmlParseChunk(context, base, Int32(bytes.count), final ? 1 : 0)
        return context.pointee.wellFormed != 0
    }

    /// Records completed since the last call.
    func takeCompleted() -> [XMLElementRecord] {
        guard !sink.assembler.completed.isEmpty else { return [] }
        defer { sink.assembler.completed.removeAll(keepingCapacity: true) }
        return sink.assembler.completed
    }

    /// The error that stopped parsing (the first fatal one, else the first), with its place.
    var stoppingError: (message: String, line: Int, column: Int)? { sink.firstFatal ?? sink.firstError }

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
