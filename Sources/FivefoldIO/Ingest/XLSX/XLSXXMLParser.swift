// A libxml2 SAX2 push parser for the XML parts of an .xlsx package, fed chunk by chunk as the ZIP
// entry inflates, so a sheet of any size is parsed without holding it in memory.
//
// Why not `LibXMLSAXParser`: it drives an `XMLRecordAssembler`, which trims text, keeps only the
// text of elements without element children (an inline string's text sits in `<is><t>`), and
// builds a dictionary per record; a sheet needs the exact text of `<v>` and `<t>` and the `r`,
// `s`, `t` attributes of every cell. The safety settings are the same: `XMLRecordReader`'s safe
// options (no network, no entity substitution, no DTD loading), `XMLEntityFence`, and no DTD
// callbacks, so an entity declared in a `<!DOCTYPE>` is never expanded: a reference to it is an
// "Entity … not defined" error.

import CLibXML2

/// Owns one libxml2 push parser context that reports to an ``XLSXXMLHandler``.
final class XLSXXMLParser {
    private let context: xmlParserCtxtPtr
    private let sink: Sink

    /// What the C callbacks reach through their context pointer.
    final class Sink {
        let handler: XLSXXMLHandler
        var elements: [UnsafePointer<UInt8>?] = []
        var attributes: [UnsafePointer<UInt8>?] = []
        var errors = XMLErrorLog()

        init(handler: XLSXXMLHandler) { self.handler = handler }

        @inline(__always)
        func index(of name: UnsafePointer<UInt8>?) -> Int {
            for (i, known) in elements.enumerated() where known == name { return i }
            return -1
        }

        /// Runs `body` on the sink behind a callback's context pointer without retaining it.
        @inline(__always)
        static func with<R>(_ pointer: UnsafeMutableRawPointer?, _ body: (Sink) -> R) -> R {
            Unmanaged<Sink>.fromOpaque(pointer!)._withUnsafeGuaranteedRef(body)
        }
    }

    /// Creates a parser for the part named `url` (used in libxml2's messages only).
    init?(url: String, handler: XLSXXMLHandler) {
        XMLEntityFence.install()
        sink = Sink(handler: handler)
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, localname, _, _, _, _, count, _, attributes in
            Sink.with(ctx) { sink in
                let element = sink.index(of: localname)
                sink.handler.start(element, attributes: XLSXXMLAttributes(raw: attributes, count: Int(count), names: sink.attributes))
            }
        }
        sax.endElementNs = { ctx, localname, _, _ in
            Sink.with(ctx) { sink in sink.handler.end(sink.index(of: localname)) }
        }
        sax.characters = { ctx, text, length in
            Sink.with(ctx) { sink in
                if let text, sink.handler.wantsText { sink.handler.text(UnsafeBufferPointer(start: text, count: Int(length))) }
            }
        }
        sax.cdataBlock = sax.characters
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            Sink.with(ctx) { $0.errors.note(error) }
        }
        guard let context = xmlCreatePushParserCtxt(&sax, Unmanaged.passUnretained(sink).toOpaque(), nil, 0, url) else {
            return nil
        }
        self.context = context
        // Intern the names in the parser's dictionary: events then carry the same pointers.
        sink.elements = handler.elementNames.map { UnsafePointer(xmlDictLookup(context.pointee.dict, $0, -1)) }
        sink.attributes = handler.attributeNames.map { UnsafePointer(xmlDictLookup(context.pointee.dict, $0, -1)) }
        xmlCtxtUseOptions(context, XMLRecordReader.safeOptions)
    }

    deinit {
        if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
        xmlFreeParserCtxt(context)
    }

    /// Parses the next bytes (`final` at the end of input); returns false once the document is
    /// known to be malformed or the handler found a problem, after which nothing more is parsed.
    func parse(_ bytes: UnsafeRawBufferPointer, final: Bool) -> Bool {
        guard context.pointee.wellFormed != 0, sink.handler.contentError == nil else { return false }
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        xmlParseChunk(context, base, Int32(bytes.count), final ? 1 : 0)
        if sink.handler.contentError != nil { xmlStopParser(context) }
        return context.pointee.wellFormed != 0 && sink.handler.contentError == nil
    }

    /// Why parsing stopped: the handler's problem, else the first fatal XML error (else the
    /// first error), with its line and column (0 when unknown).
    var stoppingError: (message: String, line: Int, column: Int)? {
        if let problem = sink.handler.contentError { return (problem, Int(xmlSAX2GetLineNumber(context)), 0) }
        return sink.errors.stopping
    }
}
