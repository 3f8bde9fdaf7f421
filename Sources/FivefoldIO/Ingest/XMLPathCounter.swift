// Which element paths an XML dump holds, with counts: what a user needs to write `record_path`
// and `member_path` for a file nobody documented, and what an error names when a configured
// path matches nothing. A second, minimal SAX2 handler (start and end tags only) over the same
// safe options as the record reader: no entity substitution, no DTD loading, no network.

import CLibXML2

/// Counts element paths (`档案/户/成员列表/成员`) and attribute paths (`档案/户/@户编号`).
final class XMLPathCounter {
    private let context: xmlParserCtxtPtr
    private let sink: Sink

    final class Sink {
        var stack: [String] = []
        var counts: [String: Int] = [:]
        var order: [String] = []
        var names: [UnsafePointer<UInt8>: String] = [:]
        /// Distinct paths kept at most (a generic dump with keys as element names could have many).
        let maxPaths = 2000

        func add(_ path: String) {
            if let n = counts[path] {
                counts[path] = n + 1
            } else if counts.count < maxPaths {
                counts[path] = 1
                order.append(path)
            }
        }

        func name(_ pointer: UnsafePointer<UInt8>) -> String {
            if let known = names[pointer] { return known }
            let decoded = String(cString: pointer)
            names[pointer] = decoded
            return decoded
        }
    }

    init?(encoding: String?, options: Int32) {
        sink = Sink()
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, localname, _, _, _, _, attributeCount, _, attributes in
            guard let localname else { return }
            let sink = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
            sink.stack.append(sink.name(localname))
            let path = sink.stack.joined(separator: "/")
            sink.add(path)
            if attributeCount > 0, let attributes {
                for k in 0..<Int(attributeCount) {
                    if let local = attributes[5 * k] { sink.add(path + "/@" + sink.name(local)) }
                }
            }
        }
        handler.endElementNs = { ctx, _, _, _ in
            let sink = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
            _ = sink.stack.popLast()
        }
        handler.serror = { _, _ in }
        guard let context = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(sink).toOpaque(), nil, 0, "paths") else {
            return nil
        }
        self.context = context
        xmlCtxtUseOptions(context, options)
        if let encoding, let converter = xmlFindCharEncodingHandler(encoding) {
            xmlSwitchToEncoding(context, converter)
        }
    }

    deinit {
        if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
        xmlFreeParserCtxt(context)
    }

    /// Parses the next bytes; false once the document is malformed.
    func parse(_ bytes: UnsafeRawBufferPointer, final: Bool) -> Bool {
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        xmlParseChunk(context, base, Int32(bytes.count), final ? 1 : 0)
        return context.pointee.wellFormed != 0
    }

    /// Paths in the order first seen, with how often each occurred.
    var paths: [(path: String, count: Int)] { sink.order.map { ($0, sink.counts[$0]!) } }
}
