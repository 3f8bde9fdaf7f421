// Fivefold's outputs must re-import where its inputs came from: the corrected system tables keep
// the input's encoding, BOM, delimiter and line terminator (SPEC §6), worklists open in Excel
// (UTF-8 with BOM), and cells people open in a spreadsheet must not run as formulas. This writer
// does all of that, buffered, and can copy an input row verbatim so that unchanged rows stay
// byte-identical.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered CSV writer to one file; owns the file descriptor.
///
/// Call ``close()`` to flush and learn of write errors; a writer dropped without it still
/// flushes, silently.
public final class CSVWriter {
    /// The file being written.
    public let path: String
    /// The output encoding: ``TextEncoding/utf8`` or ``TextEncoding/gb18030`` (`auto` is UTF-8).
    public let encoding: TextEncoding
    /// The bytes that end each row written by ``writeRow(_:)``.
    public let lineTerminator: String
    /// The field separator.
    public let delimiter: UInt8
    /// The quote character.
    public let quote: UInt8
    /// Whether cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'` so that a
    /// spreadsheet shows them as text instead of running them as formulas.
    public let neutralizesFormulas: Bool

    private let file: WritableFile
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20
    private let encoder: Transcoder?
    private var line: [UInt8] = []

    /// Creates (or truncates) `path` and, when asked, writes a byte-order mark.
    ///
    /// - Parameters:
    ///   - encoding: UTF-8 (default) or GB18030.
    ///   - bom: write a byte-order mark first (U+FEFF in the output encoding).
    ///   - lineTerminator: `"\r\n"` (default), `"\n"` or `"\r"`.
    ///   - neutralizeFormulas: prefix formula-like cells with `'`; off by default.
    /// - Throws: ``IngestError`` when the file cannot be created.
    public init(
        path: String, encoding: TextEncoding = .utf8, bom: Bool = false, lineTerminator: String = "\r\n",
        delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), neutralizeFormulas: Bool = false
    ) throws {
        self.path = path
        self.encoding = encoding == .gb18030 ? .gb18030 : .utf8
        self.lineTerminator = lineTerminator
        self.delimiter = delimiter
        self.quote = quote
        self.neutralizesFormulas = neutralizeFormulas
        encoder = encoding == .gb18030 ? try Transcoder.utf8ToGB18030() : nil
        file = try WritableFile(path: path)
        buffer.reserveCapacity(flushThreshold + 4096)
        if bom { try append(Array("\u{FEFF}".utf8)) }
    }

    deinit {
        if file.isOpen { try? flush() }
    }

    /// Writes one row, quoting a field only when it holds the delimiter, the quote, CR or LF, or
    /// starts or ends with a space or tab.
    public func writeRow<S: Sequence>(_ fields: S) throws where S.Element: StringProtocol {
        try writeRow(fields.map { String($0) })
    }

    /// The same for an array of strings, the common case: cells are read in place (called across
    /// modules, a generic row walked each field's UTF-8 through witness tables and copied it into
    /// an array: ~14 000 instructions a row of the part files).
    public func writeRow(_ fields: [String]) throws {
        try writeRow(fields, bare: [])
    }

    /// The same, with the fields marked in `bare` written without quotes although they hold the
    /// quote character or start with a tab, as long as they hold no delimiter, CR or LF:
    /// spreadsheet text cells such as `="5202031002010001"` or a tab before a number, which
    /// exports write unquoted and which, quoted (`"=""…"""`), a system would not re-import as such.
    public func writeRow(_ fields: [String], bare: [Bool]) throws {
        line.removeAll(keepingCapacity: true)
        for (i, field) in fields.enumerated() {
            if i > 0 { line.append(delimiter) }
            if i < bare.count, bare[i], !neutralizesFormulas, !field.utf8.contains(where: { $0 == delimiter || $0 == 0x0D || $0 == 0x0A }) {
                line += field.utf8
            } else {
                appendField(field)
            }
        }
        line += lineTerminator.utf8
        try append(line)
    }

    /// Copies `bytes` verbatim (already encoded and terminated), e.g. ``CSVRow/rawBytes``.
    public func writeRaw(_ bytes: [UInt8]) throws {
        guard file.isOpen else { throw IngestError(file: path, "write after close") }
        buffer += bytes
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Flushes buffered rows and closes the file.
    ///
    /// - Throws: ``IngestError`` when the data cannot be written.
    public func close() throws {
        guard file.isOpen else { return }
        defer { file.close() }
        try flush()
    }

    private func appendField(_ field: String) {
        var text = field
        text.withUTF8 { v in
            // A formula-like first character gets a leading ' (which then counts as the first
            // byte for the quoting rules below, and is doubled if it is the quote).
            var prefix: UInt8?
            if neutralizesFormulas, let c = v.first,
                c == UInt8(ascii: "=") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: "@")
                    || c == 0x09 || c == 0x0D
            {
                prefix = UInt8(ascii: "'")
            }
            let first = prefix ?? v.first
            let needsQuotes = first == 0x20 || first == 0x09 || v.last == 0x20 || v.last == 0x09
                || prefix == delimiter || prefix == quote
                || v.contains { $0 == delimiter || $0 == quote || $0 == 0x0D || $0 == 0x0A }
            guard needsQuotes else {
                if let prefix { line.append(prefix) }
                line.append(contentsOf: v)
                return
            }
            line.append(quote)
            if let prefix {
                if prefix == quote { line.append(quote) }
                line.append(prefix)
            }
            for c in v {
                if c == quote { line.append(quote) }
                line.append(c)
            }
            line.append(quote)
        }
    }

    /// Encodes UTF-8 `bytes` into the output encoding and buffers them.
    private func append(_ utf8: [UInt8]) throws {
        guard file.isOpen else { throw IngestError(file: path, "write after close") }
        if let encoder, utf8.contains(where: { $0 >= 0x80 }) {
            let failure = utf8.withUnsafeBytes { encoder.convert($0, appendingTo: &buffer) }
            if failure != nil { throw IngestError(file: path, "text not representable in GB18030") }
        } else {
            buffer += utf8
        }
        if buffer.count >= flushThreshold { try flush() }
    }

    private func flush() throws {
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
