import FivefoldModel

// Reads CSV dumps of any size in bounded memory, turning every row into either an accepted row
// or a quarantined one, never losing count. The parser is a hand-written state machine over raw
// bytes (see CSVReader+Parsing.swift) because the Swift CSV packages are 40–80× slower here
// (TECHNOTES: ~590 MB/s hand-written against 7–14 MB/s) and SwiftCSV loads the whole file.
// GBK text is parsed as raw bytes too: its trail bytes never equal `,` `"` CR or LF, so fields
// can be split before decoding, and only requested fields are decoded.

/// A streaming reader of one CSV file: header on open, then rows through a callback.
///
/// Rows that cannot be read (wrong field count, NUL bytes, stray quotes, unterminated quoted
/// fields, undecodable bytes, overlong rows) are quarantined with a reason, and reading resumes
/// at the next line; `read == accepted + quarantined` always holds. Blank lines are skipped and
/// not counted. Gzipped files are recognised by their magic bytes.
public final class CSVReader {
    /// The header's field names: decoded, BOM stripped, each trimmed of white space.
    public private(set) var header: [String] = []
    /// The encoding the file is read in: ``TextEncoding/utf8`` or ``TextEncoding/gb18030``.
    public private(set) var encoding: TextEncoding = .utf8
    /// Whether the file starts with a UTF-8 byte-order mark.
    public private(set) var hasBOM = false
    /// The header line's terminator: `"\r\n"`, `"\n"` or `"\r"` (`"\n"` when the file is only a
    /// header without one). Writers reuse it to keep output like the input.
    public private(set) var lineTerminator = "\n"
    /// The beginning of the file through the header line, as in the file: BOM, the lines above
    /// the header (`CSVFormat.headerRow`), the header and its terminator.
    public private(set) var headerRawBytes: [UInt8] = []
    /// Problems with the header that do not stop reading: empty and duplicate names.
    public private(set) var headerWarnings: [String] = []
    /// The lines above the header (`CSVFormat.headerRow`), as in the file, BOM excluded:
    /// writers copy them so that a corrected table keeps its title lines.
    public private(set) var preambleRawBytes: [UInt8] = []
    /// Non-blank rows above the header that were skipped (report titles); not counted as read.
    public private(set) var skippedRows = 0
    /// The name used in locations and messages.
    public let displayName: String
    /// The format the file is read with (its encoding as given, possibly `.auto`).
    public let format: CSVFormat
    /// Whether the file was gzip-compressed.
    public let isGzipped: Bool
    /// Stop `read` once this many rows have been read (a sample, e.g. for `fivefold check`).
    public var rowLimit: Int?

    // Parser state, shared with CSVReader+Parsing.swift.
    let source: any ByteSource
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    let chunkSize = 1 << 20
    /// Start of unconsumed data (the current row) and end of valid data in `buffer`.
    var pos = 0
    var end = 0
    var eof = false
    /// The physical line on which the byte at `pos` sits.
    var line = 1
    /// Field boundaries of the row being parsed, relative to `pos`.
    var spans: UnsafeMutablePointer<FieldSpan>
    var spanCapacity = 64
    var spanCount = 0
    /// Length of the current row including its terminator (valid inside the row callback).
    var rowLength = 0
    /// Bytes that stop the unquoted-field scan: delimiter, quote, CR, LF, NUL (and GB lead bytes
    /// when the delimiter or quote could be a GB trail byte).
    let stopBytes: UnsafeMutablePointer<Bool>
    var gbPairs = false
    var gb: GB18030Codec?
    /// A GB18030 table for the reasons of rows refused as UTF-8, made at the first such row.
    private var otherCodec: GB18030Codec?
    var scratch: [UInt8] = []
    private var consumed = false
    /// The last byte of the file read so far (a line break unless the file was cut off).
    var lastByte: UInt8?
    /// The last row read, when it was refused: its line and the reason.
    private var lastRefused: (line: Int, reason: String)?

    /// Why the file looks cut off, once `read` has reached its end: it does not end with a line
    /// break and its last row was refused (cut short, cut inside a character or a quoted field).
    /// A download or copy that stopped, or an export that died, leaves exactly this; read as it
    /// is, the households after the cut are reported missing from the source. Nil otherwise (a
    /// file whose cut falls between two fields cannot be told from a whole one).
    public private(set) var brokenOff: String?

    /// Opens `path` and reads its header.
    ///
    /// - Parameters:
    ///   - displayName: the name for locations and messages (e.g. `wall/cards.csv`); defaults to
    ///     `path`.
    ///   - format: delimiter, quote, encoding and limits.
    /// - Throws: ``IngestError`` when the file cannot be opened or decompressed, has no header, or
    ///   its header is malformed or undecodable.
    public init(path: String, displayName: String? = nil, format: CSVFormat = CSVFormat()) throws {
        let name = displayName ?? path
        self.displayName = name
        self.format = format
        for (label, byte) in [("delimiter", format.delimiter), ("quote", format.quote)] {
            guard byte != 0, byte != 0x0A, byte != 0x0D, byte < 0x80 else {
                throw IngestError(file: name, "\(label) must be an ASCII character other than CR, LF and NUL")
            }
        }
        guard format.delimiter != format.quote else {
            throw IngestError(file: name, "delimiter and quote must differ")
        }
        let opened = try FileByteSource.open(path: path, displayName: name)
        source = opened.source
        isGzipped = opened.gzipped
        capacity = chunkSize + 4096
        buffer = .allocate(capacity: capacity)
        spans = .allocate(capacity: spanCapacity)
        stopBytes = .allocate(capacity: 256)
        stopBytes.initialize(repeating: false, count: 256)

        // Encoding: BOM, then UTF-8 validity of the first chunk(s). An all-ASCII start says
        // nothing, so keep reading (up to 4 MiB) until a non-ASCII byte shows up.
        // (The first read may return only the bytes sniffed for compression: read on to 1 KiB, so
        // the checks below see the file's start.)
        while end < 1024 && !eof { try refillOrEOF() }
        if let utf16 = TextEncoding.utf16Form(UnsafeBufferPointer(start: buffer, count: end)) {
            throw IngestError(file: name, "the file is \(utf16), as Excel's \"Unicode 文本 (*.txt)\" saves a sheet; fivefold reads CSV in UTF-8, GBK or GB18030: save it as \"CSV UTF-8 (逗号分隔) (*.csv)\" (LibreOffice: Text CSV, character set Unicode (UTF-8))")
        }
        let bom = end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
        if let binary = Self.binaryForm(UnsafeBufferPointer(start: buffer, count: end)) {
            throw IngestError(file: name, binary)
        }
        if let markup = Self.markupForm(UnsafeBufferPointer(start: buffer + (bom ? 3 : 0), count: min(end, 1024) - (bom ? 3 : 0))) {
            throw IngestError(file: name, markup)
        }
        hasBOM = bom
        var detected = format.encoding
        if detected == .auto {
            if bom {
                detected = .utf8
            } else {
                var scanned = 0
                while true {
                    while scanned < end && buffer[scanned] < 0x80 { scanned += 1 }
                    if scanned < end || eof || end >= 4 << 20 { break }
                    try refillOrEOF()
                }
                detected = TextEncoding.detect(
                    prefix: UnsafeRawBufferPointer(start: buffer, count: end), isWholeFile: eof)
            }
        }
        encoding = detected
        gb = detected == .gb18030 ? try GB18030Codec() : nil
        // GB trail bytes are 0x30–0x39 and 0x40–0xFE: a delimiter or quote in that range could
        // sit inside a character, so then the scanner steps over whole characters.
        gbPairs = detected == .gb18030 && (format.delimiter >= 0x30 || format.quote >= 0x30)
        for b in [format.delimiter, format.quote, 0x0A, 0x0D, 0x00] { stopBytes[Int(b)] = true }
        if gbPairs { for b in 0x81...0xFE { stopBytes[b] = true } }
        if bom { pos = 3 }
        try skipPreamble(before: format.headerRow)

        // Header: the first non-blank row at or after `headerRow`.
        var headerFields: [String] = []
        var rawHeader: [UInt8] = bom ? TextEncoding.utf8BOM : []
        var terminator = "\n"
        parse: while true {
            switch parseRow() {
            case .end:
                throw IngestError(file: name, "empty file: no header row")
            case .needMore:
                if end - pos > format.maxRowBytes {
                    throw IngestError(location: SourceLocation(file: name, line: line), message: "header row longer than \(format.maxRowBytes) bytes")
                }
                try refillOrEOF()
            case .blank(let length):
                pos += length
                line += 1
                lastRefused = nil
            case .row(let length, let contentLength, let newlines, _):
                let loc = SourceLocation(file: name, line: line)
                if let bad = invalidOffset(contentLength) {
                    var message = "header is not valid \(detected == .utf8 ? "UTF-8" : "GB18030") (field \(fieldIndex(containing: bad) + 1))"
                    if let hint = Self.encodingHint(UnsafeBufferPointer(start: buffer + pos, count: contentLength), read: detected) {
                        message += "; " + hint
                    }
                    throw IngestError(location: loc, message: message)
                }
                headerFields = (0..<spanCount).map { fieldString(at: $0).trimmingWhitespace() }
                rawHeader += UnsafeBufferPointer(start: buffer + pos, count: length)
                let tail = length - contentLength
                if tail == 2 { terminator = "\r\n" } else if tail == 1 { terminator = buffer[pos + contentLength] == 0x0D ? "\r" : "\n" }
                pos += length
                line += newlines
                break parse
            case .stray(let field, _, _, let afterQuote):
                throw IngestError(location: SourceLocation(file: name, line: line), message: "malformed header: \(CSVReader.strayReason(field: field, afterClosingQuote: afterQuote))")
            case .unterminated(let field, let why):
                throw IngestError(location: SourceLocation(file: name, line: line), message: "malformed header: unterminated quoted field \(field + 1) (\(why))")
            }
        }
        header = headerFields
        headerRawBytes = rawHeader.prefix(bom ? 3 : 0) + preambleRawBytes + rawHeader.dropFirst(bom ? 3 : 0)
        lineTerminator = terminator
        headerWarnings = CSVReader.warnings(for: headerFields)
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
        stopBytes.deallocate()
    }

    /// Reads every remaining row, passing accepted rows to `row` and the others to `quarantine`.
    ///
    /// Can be called once. Rows are delivered in file order.
    /// - Returns: the row counts; `read == accepted + quarantined`.
    /// - Throws: what `row` throws, or ``IngestError`` when the file cannot be read further
    ///   (an I/O error or corrupt gzip data).
    public func read(_ row: (CSVRow) throws -> Void, quarantine: (QuarantinedRow) -> Void) throws -> RowCounts {
        guard !consumed else { throw IngestError(file: displayName, "rows already read") }
        // One location made here, moved to each row's line (no look-up of the name per row).
        let here = SourceLocation(file: displayName, line: 0)
        consumed = true
        var counts = RowCounts()
        let expected = header.count
        while true {
            if let rowLimit, counts.read >= rowLimit { return counts }
            switch parseRow() {
            case .end:
                if let refused = lastRefused, let last = lastByte, last != 0x0A, last != 0x0D {
                    brokenOff = "line \(refused.line), its last row, ends without a line break and was refused (\(refused.reason))"
                }
                return counts
            case .needMore:
                if end - pos > format.maxRowBytes {
                    counts.read += 1
                    counts.quarantined += 1
                    let location = here.at(line: line)
                    let raw = try consumeThroughLineEnd(from: 0)
                    quarantine(QuarantinedRow(location: location, reason: "row longer than \(format.maxRowBytes) bytes", raw: rawText(raw)))
                    lastRefused = (location.line, "row longer than \(format.maxRowBytes) bytes")
                    line += 1
                } else {
                    try refillOrEOF()
                }
            case .blank(let length):
                pos += length
                line += 1
                lastRefused = nil
            case .row(let length, let contentLength, let newlines, let hasNUL) where spanCount > 1 && contentLength == spanCount - 1 && !hasNUL:
                // Delimiters only (`,,,,,,`): the empty rows a spreadsheet writes below its data
                // (a formatted but empty range). Skipped like blank lines and like empty sheet
                // rows, not counted; before, each was quarantined as "missing 户编号".
                pos += length
                line += newlines
                lastRefused = nil
            case .row(let length, let contentLength, let newlines, let hasNUL):
                counts.read += 1
                rowLength = length
                let location = here.at(line: line)
                if let reason = length > format.maxRowBytes
                    ? "row longer than \(format.maxRowBytes) bytes"
                    : problem(expected: expected, contentLength: contentLength, hasNUL: hasNUL)
                {
                    counts.quarantined += 1
                    lastRefused = (line, reason)
                    quarantine(QuarantinedRow(location: location, reason: reason, raw: rawText(UnsafeBufferPointer(start: buffer + pos, count: min(length, 64 * 1024)))))
                } else {
                    counts.accepted += 1
                    lastRefused = nil
                    try row(CSVRow(location: location, reader: self))
                }
                pos += length
                line += newlines
            case .stray(let field, let offset, let newlines, let afterQuote):
                counts.read += 1
                counts.quarantined += 1
                let location = here.at(line: line)
                // A quote error lines below the row's start most likely means the row opened a
                // quote it never closed: set aside only its first line, as for an unterminated
                // field, rather than every line up to the error.
                let raw = try consumeThroughLineEnd(from: newlines > 0 ? 0 : offset)
                let reason = CSVReader.strayReason(field: field, afterClosingQuote: afterQuote)
                lastRefused = (location.line, reason)
                quarantine(QuarantinedRow(location: location, reason: reason, raw: rawText(raw)))
                line += 1
            case .unterminated(let field, let why):
                counts.read += 1
                counts.quarantined += 1
                let location = here.at(line: line)
                let raw = try consumeThroughLineEnd(from: 0)
                let reason = "unterminated quoted field \(field + 1) (\(why))"
                lastRefused = (location.line, reason)
                quarantine(QuarantinedRow(location: location, reason: reason, raw: rawText(raw)))
                line += 1
            }
        }
    }

    /// Skips the physical lines above the header line, keeping their bytes and counting the
    /// non-blank ones. They are read as plain lines, not parsed: a title may hold anything.
    private func skipPreamble(before headerLine: Int) throws {
        while line < headerLine {
            if pos >= end && !eof { try refillOrEOF() }
            if pos >= end && eof {
                throw IngestError(location: SourceLocation(file: displayName, line: line), message: "the file ends before its header row \(headerLine)")
            }
            let raw = try consumeThroughLineEnd(from: 0)
            if raw.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) { skippedRows += 1 }
            preambleRawBytes += raw
            line += 1
        }
    }

    /// Why the current row cannot be accepted, or nil. Trailing empty fields count: a row with
    /// one field too many has shifted its values, whatever the last one holds (`RaggedRows`).
    private func problem(expected: Int, contentLength: Int, hasNUL: Bool) -> String? {
        if spanCount < expected, format.ragged == .quarantine {
            return "expected \(expected) fields, found \(spanCount)"
        }
        if spanCount > expected {
            let extraHasText = (expected..<spanCount).contains { spans[$0].end > spans[$0].start }
            if format.ragged == .quarantine || extraHasText {
                return "expected \(expected) fields, found \(spanCount)"
            }
        }
        if hasNUL { return "NUL byte in row" }
        if let bad = invalidOffset(contentLength) {
            let field = fieldIndex(containing: bad)
            let name = field < header.count && !header[field].isEmpty ? " (\(header[field]))" : ""
            var reason = "invalid \(encoding == .utf8 ? "UTF-8" : "GB18030") in field \(field + 1)\(name)"
            // The same words for every such row, so quarantine tallies group them.
            if let other = otherEncoding(contentLength) {
                reason += "; the row is valid \(other): if the file is \(other), set the table's encoding to \(other == "UTF-8" ? "utf-8" : "gbk") or auto"
            }
            return reason
        }
        return nil
    }

    /// The other encoding a row is valid in when it is not valid in the file's: a GBK file read
    /// as UTF-8 (declared so, or behind a UTF-8 byte-order mark), or UTF-8 read as GB18030.
    /// Runs only for rows already refused.
    private func otherEncoding(_ contentLength: Int) -> String? {
        if gb != nil {
            return UTF8Validation.firstInvalid(buffer + pos, count: contentLength) == nil ? "UTF-8" : nil
        }
        if otherCodec == nil { otherCodec = try? GB18030Codec() }
        return otherCodec?.firstInvalid(buffer + pos, count: contentLength) == nil ? "GB18030" : nil
    }

    /// Offset (from `pos`) of the first byte of the current row not valid in the file's encoding.
    private func invalidOffset(_ contentLength: Int) -> Int? {
        if let gb { return gb.firstInvalid(buffer + pos, count: contentLength) }
        return UTF8Validation.firstInvalid(buffer + pos, count: contentLength)
    }

    /// The field of the current row whose bytes include `offset`.
    private func fieldIndex(containing offset: Int) -> Int {
        for k in 0..<spanCount where offset < Int(spans[k].end) + 1 { return k }
        return max(0, spanCount - 1)
    }

    static func strayReason(field: Int, afterClosingQuote: Bool) -> String {
        afterClosingQuote
            ? "unexpected character after closing quote in field \(field + 1)"
            : "stray quote in unquoted field \(field + 1)"
    }

    /// Why a workbook file is no CSV: an Excel 97-2003 .xls (what county offices on older
    /// Excel or WPS still save), a WPS .et or a password-protected workbook is an OLE compound
    /// file, an .xlsx is a ZIP package. Read as text, the first stopped at "header is not valid
    /// GB18030 (field 1)", the second at "malformed header: stray quote in unquoted field 2".
    static func binaryForm(_ head: UnsafeBufferPointer<UInt8>) -> String? {
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "the file is an Excel 97-2003 workbook (.xls), a WPS .et or a password-protected workbook (an OLE file), not CSV: "
                + "open it in a spreadsheet and save it as .xlsx (without a password) or as CSV UTF-8"
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "the file is a ZIP package (an .xlsx workbook, or a ZIP archive), not CSV: for a workbook set format: xlsx, else unzip it"
        }
        return nil
    }

    /// Why a file that starts with markup is no CSV: a web system's "export to Excel" writes an
    /// HTML table (often under an .xls name), which read as CSV stopped at "malformed header:
    /// stray quote in unquoted field 1". Nil for anything else (a header never starts with `<`).
    static func markupForm(_ head: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        while i < head.count, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 }
        guard i < head.count, head[i] == UInt8(ascii: "<") else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: head[i...]), as: UTF8.self).lowercased()
        if text.hasPrefix("<html") || text.hasPrefix("<!doctype html") || text.hasPrefix("<table") || text.contains("<html") {
            return "the file is an HTML page, not CSV (what many web systems' \"export to Excel\" writes): open it in a spreadsheet and save it as CSV UTF-8 or .xlsx"
        }
        if text.hasPrefix("<?xml") {
            return "the file is XML, not CSV: set format: xml with its record_path (fivefold inspect --paths lists the element paths)"
        }
        return nil
    }

    static func warnings(for header: [String]) -> [String] {
        var warnings: [String] = []
        var firstColumn: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty {
                warnings.append("column \(i + 1): empty header name")
            } else if let first = firstColumn[name] {
                warnings.append("column \(i + 1): duplicate header name \(name) (first in column \(first))")
            } else {
                firstColumn[name] = i + 1
            }
        }
        return warnings
    }
}

extension CSVReader {
    /// Why a header is not valid in the encoding it was `read` in, when its bytes tell: UTF-8 that
    /// a program read as GBK and saved again, GBK under a table declared UTF-8 (auto-detection
    /// takes a file that is not UTF-8 for GB18030, so only a declaration or a byte-order mark
    /// gets here), or UTF-8 under a table declared GBK.
    static func encodingHint(_ header: UnsafeBufferPointer<UInt8>, read: TextEncoding) -> String? {
        guard let base = header.baseAddress else { return nil }
        if read == .utf8 {
            if holdsGB18030Replacement(header) {
                return "it holds 84 31 A4 37, GB18030's replacement character: the file looks like UTF-8 text that a program read as GBK "
                    + "and saved again as GBK, so every value in it is garbled too: export it again from its source, or open the original choosing UTF-8 before saving it"
            }
            if let codec = try? GB18030Codec(), codec.firstInvalid(base, count: header.count) == nil {
                let names = codec.decode(base, count: header.count)
                let shown = names.count > 40 ? names.prefix(40) + "…" : names
                return "it reads as GB18030 (\(shown)): if the file is GBK, set the table's encoding to gbk or auto"
            }
        } else if header.contains(where: { $0 >= 0x80 }), UTF8Validation.firstInvalid(base, count: header.count) == nil {
            return "the header is valid UTF-8: if the file is UTF-8, set the table's encoding to utf-8 or auto"
        }
        return nil
    }

    /// Whether `bytes` hold 84 31 A4 37, U+FFFD in GB18030. UTF-8 read as GBK and saved as GBK
    /// comes back as UTF-8 (GBK's pairs re-encode to the original bytes, the byte-order mark
    /// included) except where a name of an odd byte count met the byte after it: that pair was
    /// not GBK, was read as U+FFFD and saved as these four bytes (LibreOffice does this).
    static func holdsGB18030Replacement(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        for i in 0...(bytes.count - 4) where bytes[i] == 0x84 && bytes[i + 1] == 0x31 && bytes[i + 2] == 0xA4 && bytes[i + 3] == 0x37 {
            return true
        }
        return false
    }
}
