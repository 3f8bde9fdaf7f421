// Reads record elements out of XML dumps of any size (the archive and interview sources), one
// record at a time, through libxml2's SAX2 parser pulling its input: memory stays bounded because
// it keeps no tree (LibXMLSAXParser.swift says why not `xmlTextReader`), and libxml2 converts declared
// encodings (GBK) itself. The input is pulled through our `ByteSource`, so a gzipped file is
// recognised by its magic bytes like CSV is (libxml2's own file reading would also inflate, but
// it would hide I/O and gzip errors behind parser errors, and we could not sniff the encoding). Untrusted input: the options
// never substitute entities or load DTDs, and `XMLEntityFence` refuses external entities.

import CLibXML2
import FivefoldModel

/// A streaming reader of records (and their members) from one XML file.
public final class XMLRecordReader {
    /// The name used in locations and messages.
    public let displayName: String
    /// Where records and members are.
    public let paths: XMLPaths
    /// Whether the file was gzip-compressed.
    public let isGzipped: Bool
    /// The encoding the document is read in: the override or detected GB18030, else the
    /// declared encoding, else UTF-8.
    public let encodingName: String

    private let source: any ByteSource
    /// The bytes read to sniff the encoding, parsed first.
    private var prefix: [UInt8]
    static let chunkSize = 256 * 1024
    private let encodingOverride: String?
    private var consumed = false

    /// The parser options: no network, no printed errors or warnings, compact text nodes; never
    /// NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE (see TECHNOTES on billion laughs and XXE).
    static let safeOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue)

    /// Opens `path` and sniffs its encoding.
    ///
    /// - Parameters:
    ///   - displayName: the name for locations and messages; defaults to `path`.
    ///   - paths: record and member element paths.
    ///   - encoding: ``TextEncoding/auto`` honours the declared encoding (a GBK or GB2312
    ///     declaration is read as GB18030, their superset) and reads undeclared non-UTF-8 text as
    ///     GB18030; ``TextEncoding/utf8`` or ``TextEncoding/gb18030`` overrides the declaration.
    /// - Throws: ``IngestError`` when the file cannot be opened or the record path is empty.
    public init(path: String, displayName: String? = nil, paths: XMLPaths, encoding: TextEncoding = .auto) throws {
        let name = displayName ?? path
        guard !paths.record.isEmpty else { throw IngestError(file: name, "empty XML record path") }
        self.displayName = name
        self.paths = paths
        let opened = try FileByteSource.open(path: path, displayName: name)
        isGzipped = opened.gzipped
        var prefix = [UInt8](repeating: 0, count: 64 * 1024)
        let n = try prefix.withUnsafeMutableBytes { try opened.source.readFully(into: $0) }
        prefix.removeSubrange(n...)
        let declared = XMLRecordReader.declaredEncoding(prefix)
        let utf16 = prefix.withUnsafeBufferPointer(TextEncoding.utf16Form)
        var override: String?
        switch encoding {
        case .utf8, .gb18030:
            override = encoding.iconvName
        case .auto:
            if utf16 != nil {
                // libxml2 reads UTF-16 itself (by its byte-order mark or its first `<?`); its
                // bytes are no UTF-8, so the sniffing below would have taken it for GB18030.
                override = nil
            } else if let declared, ["gbk", "gb2312", "gb18030", "cp936", "x-gbk", "euc-cn"].contains(declared.lowercased()) {
                override = "GB18030"
            } else if declared == nil, !prefix.isEmpty,
                !prefix.withUnsafeBufferPointer({ UTF8Validation.isValidAllowingCutTail($0.baseAddress!, count: $0.count) })
            {
                override = "GB18030"
            } else {
                override = nil
            }
        }
        encodingName = override ?? utf16 ?? declared?.uppercased() ?? "UTF-8"
        if override == "GB18030" {
            // Decode GB text ourselves (faster than libxml2's iconv pass) and hand libxml2 UTF-8.
            source = try GB18030DecodingStream(source: opened.source, prefix: prefix, displayName: name)
            self.prefix = []
            override = "UTF-8"
        } else {
            source = opened.source
            self.prefix = prefix
        }
        encodingOverride = override
        XMLEntityFence.install()
    }

    /// Reads the file, passing each complete record to `body` in document order.
    ///
    /// A well-formedness error ends the file: the records before it have been delivered, the
    /// record in progress is dropped, and the result's `fatal` says where and why. Can be called
    /// once. With `slotNames`, records carry the values of those names in `slots`, and `values`
    /// holds only the names not asked for.
    /// - Throws: what `body` throws, or ``IngestError`` when libxml2 cannot start.
    public func read(slotNames: XMLSlotNames? = nil, _ body: (XMLElementRecord) throws -> Void) throws -> XMLReadResult {
        guard !consumed else { throw IngestError(file: displayName, "records already read") }
        consumed = true
        var options = XMLRecordReader.safeOptions
        if encodingOverride != nil { options |= Int32(XML_PARSE_IGNORE_ENC.rawValue) }
        guard let parser = LibXMLSAXParser(
            source: source, prefix: prefix, paths: paths, file: displayName, encoding: encodingOverride, options: options,
            slotNames: slotNames)
        else {
            throw IngestError(file: displayName, "cannot start the XML parser")
        }
        prefix = []
        var count = 0
        let wellFormed = try parser.parse { record in
            count += 1
            try body(record)
        }
        if let ioError = parser.ioError {
            return XMLReadResult(records: count, fatal: (ioError as? IngestError) ?? IngestError(file: displayName, "\(ioError)"))
        }
        guard !wellFormed else { return XMLReadResult(records: count) }
        let stop = parser.stoppingError ?? (message: "malformed XML", line: 0, column: 0)
        let location = SourceLocation(file: displayName, line: stop.line, column: stop.column > 0 ? stop.column : nil)
        return XMLReadResult(records: count, fatal: IngestError(location: location, message: stop.message))
    }

    /// Reads the file (instead of its records) and counts every element and attribute path, in
    /// the order first seen: `[("档案", 1), ("档案/户", 48), ("档案/户/@户编号", 48), …]`.
    ///
    /// Stops after `maxBytes` of (decoded) input when given, so a look at a big dump stays quick;
    /// `complete` says whether the whole file was read. Can be called once, instead of `read`.
    public func elementPaths(maxBytes: Int? = nil) throws -> (paths: [(path: String, count: Int)], complete: Bool) {
        guard !consumed else { throw IngestError(file: displayName, "records already read") }
        consumed = true
        var options = XMLRecordReader.safeOptions
        if encodingOverride != nil { options |= Int32(XML_PARSE_IGNORE_ENC.rawValue) }
        guard let counter = XMLPathCounter(encoding: encodingOverride, options: options) else {
            throw IngestError(file: displayName, "cannot start the XML parser")
        }
        var chunk = prefix
        prefix = []
        var total = 0
        var finished = false
        while true {
            if chunk.isEmpty {
                chunk = [UInt8](repeating: 0, count: XMLRecordReader.chunkSize)
                let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
                chunk.removeSubrange(n...)
                finished = chunk.isEmpty
            }
            total += chunk.count
            let ok = chunk.withUnsafeBytes { counter.parse($0, final: finished) }
            chunk = []
            if !ok || finished { return (counter.paths, finished) }
            if let maxBytes, total >= maxBytes { return (counter.paths, false) }
        }
    }

    /// The `encoding` named in the XML declaration, if any.
    static func declaredEncoding(_ prefix: [UInt8]) -> String? {
        var bytes = Array(prefix.prefix(512))
        if bytes.starts(with: TextEncoding.utf8BOM) { bytes.removeFirst(3) }
        guard bytes.starts(with: Array("<?xml".utf8)), let close = bytes.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = bytes[..<close]
        let key = Array("encoding".utf8)
        guard let at = (0..<max(0, declaration.count - key.count)).first(where: { declaration[$0..<$0 + key.count].elementsEqual(key) })
        else { return nil }
        var i = at + key.count
        while i < declaration.count, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "=")].contains(declaration[i]) { i += 1 }
        guard i < declaration.count, declaration[i] == UInt8(ascii: "\"") || declaration[i] == UInt8(ascii: "'") else { return nil }
        let quote = declaration[i]
        guard let end = declaration[(i + 1)...].firstIndex(of: quote), end > i + 1 else { return nil }
        return String(decoding: declaration[(i + 1)..<end], as: UTF8.self)
    }
}
