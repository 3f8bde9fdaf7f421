// The byte-level CSV state machine. It finds field boundaries in the reader's buffer without
// copying or decoding (a field is a byte range until someone asks for its value), counts
// physical lines so that locations stay right across quoted newlines, and classifies every row
// as blank, well-formed, or broken in a way the reader can recover from at the next line.
// A row that runs into the end of the buffer is re-parsed from its start after a refill: simpler
// than suspending the state machine, and it costs one partial row per 1 MiB chunk.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line-break bytes.
private enum ASCII {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
}

extension CSVReader {
    /// A field's bytes, relative to the row start; `escaped` when it holds doubled quotes.
    struct FieldSpan {
        var start: Int32
        var end: Int32
        var escaped: Bool
    }

    /// What the bytes at `pos` hold.
    enum ParseOutcome {
        /// The row continues past the buffered data: refill and parse again.
        case needMore
        /// No data left.
        case end
        /// An empty (or all-space) line of `length` bytes including its terminator.
        case blank(length: Int)
        /// A complete row: `length` with terminator, `contentLength` without; `newlines` line
        /// breaks consumed (embedded ones and the terminator).
        case row(length: Int, contentLength: Int, newlines: Int, hasNUL: Bool)
        /// A quote inside an unquoted field, or something other than a delimiter or line end
        /// after a closing quote, at `offset`, after `newlines` embedded line breaks.
        case stray(field: Int, offset: Int, newlines: Int, afterClosingQuote: Bool)
        /// A quoted field that never closes within the limits.
        case unterminated(field: Int, why: String)
    }

    /// Where the scan of a row stands: the offset from the row start, the line breaks consumed
    /// so far (embedded ones), and whether a NUL byte occurred.
    struct RowScan {
        var i = 0
        var newlines = 0
        var hasNUL = false
    }

    /// Parses the row at `pos` into `spans`: a blank line, else one field after another, each
    /// quoted or not, until the line ends, the buffer runs out or the row turns out broken.
    ///
    /// This is the ingest hot loop. Its steps are `@inline(__always)`, so they compile into this
    /// one function as before the split (count-only ingest measured no slower; see git log).
    func parseRow() -> ParseOutcome {
        let n = end - pos
        if n == 0 { return eof ? .end : .needMore }
        let p = UnsafePointer(buffer + pos)
        if let blank = blankLine(p, n) { return blank }
        spanCount = 0
        var scan = RowScan()
        while true {
            let outcome = scan.i < n && p[scan.i] == format.quote ? quotedField(p, n, &scan) : unquotedField(p, n, &scan)
            if let outcome { return outcome }
        }
    }

    /// The outcome for an empty line or one of spaces and tabs only (unless one of them is the
    /// delimiter), or nil when the row at `p` has content.
    @inline(__always)
    private func blankLine(_ p: UnsafePointer<UInt8>, _ n: Int) -> ParseOutcome? {
        let delimiter = format.delimiter
        var i = 0
        while i < n && (p[i] == 0x20 || p[i] == 0x09) && p[i] != delimiter { i += 1 }
        if i == n { return eof ? .blank(length: n) : .needMore }
        if p[i] == ASCII.lf { return .blank(length: i + 1) }
        if p[i] == ASCII.cr {
            if i + 1 < n { return .blank(length: p[i + 1] == ASCII.lf ? i + 2 : i + 1) }
            return eof ? .blank(length: i + 1) : .needMore
        }
        return nil
    }

    /// Scans the quoted field whose opening quote is at `scan.i` and adds its span. Returns nil
    /// when a delimiter follows (consumed: the next field starts at `scan.i`), else the row's
    /// outcome: ended, broken, or in need of more data.
    @inline(__always)
    private func quotedField(_ p: UnsafePointer<UInt8>, _ n: Int, _ scan: inout RowScan) -> ParseOutcome? {
        let quote = format.quote
        let maxBytes = format.maxQuotedFieldBytes, maxLines = format.maxQuotedFieldLines
        var i = scan.i + 1
        let contentStart = i
        var escaped = false
        var fieldLines = 0
        while true {
            if i >= n {
                return eof ? .unterminated(field: spanCount, why: "reaches end of file") : .needMore
            }
            let c = p[i]
            if c == quote {
                if i + 1 >= n {
                    if !eof { return .needMore }
                    break
                }
                if p[i + 1] == quote { escaped = true; i += 2; continue }
                break
            }
            if c == ASCII.lf {
                if p[i - 1] != ASCII.cr { scan.newlines += 1; fieldLines += 1 }
            } else if c == ASCII.cr {
                scan.newlines += 1
                fieldLines += 1
            } else if c == 0 {
                scan.hasNUL = true
            } else if gbPairs && c >= 0x81 {
                i += 1
            }
            i += 1
            if fieldLines > maxLines {
                return .unterminated(field: spanCount, why: "spans more than \(maxLines) lines")
            }
            if i - contentStart > maxBytes {
                return .unterminated(field: spanCount, why: "longer than \(maxBytes) bytes")
            }
        }
        addSpan(contentStart, i, escaped)
        i += 1  // the closing quote
        scan.i = i
        if i >= n {
            if !eof { return .needMore }
            return .row(length: n, contentLength: n, newlines: scan.newlines, hasNUL: scan.hasNUL)
        }
        let c = p[i]
        if c == format.delimiter {
            scan.i = i + 1
            return nil
        }
        if c != ASCII.cr && c != ASCII.lf {
            return .stray(field: spanCount - 1, offset: i, newlines: scan.newlines, afterClosingQuote: true)
        }
        return lineEnd(p, n, scan)
    }

    /// Scans the unquoted field starting at `scan.i` and adds its span; returns as `quotedField`.
    @inline(__always)
    private func unquotedField(_ p: UnsafePointer<UInt8>, _ n: Int, _ scan: inout RowScan) -> ParseOutcome? {
        let fieldStart = scan.i
        let stop = stopBytes
        var i = fieldStart
        while i < n {
            let c = p[i]
            if !stop[Int(c)] { i += 1; continue }
            if c == 0 { scan.hasNUL = true; i += 1; continue }
            if c >= 0x80 { i += 2; continue }  // a GB character, in pair mode only
            break
        }
        scan.i = i
        if i >= n {
            if !eof { return .needMore }
            addSpan(fieldStart, n, false)
            return .row(length: n, contentLength: n, newlines: scan.newlines, hasNUL: scan.hasNUL)
        }
        let c = p[i]
        if c == format.quote {
            if i == fieldStart + 1, p[fieldStart] == 0x3D { return formulaText(p, n, &scan, fieldStart: fieldStart) }
            return .stray(field: spanCount, offset: i, newlines: scan.newlines, afterClosingQuote: false)
        }
        addSpan(fieldStart, i, false)
        if c == format.delimiter {
            scan.i = i + 1
            return nil
        }
        return lineEnd(p, n, scan)
    }

    /// An unquoted field `="…"`: the text form of a formula that exports write for Excel to keep a
    /// long number as text (`="5202031002010001"`), unquoted as Excel itself reads it. Its span is
    /// the literal `="…"` (`TableScanner.SpreadsheetTextMarkers` reads it without the marker).
    /// Anything else after the closing quote, or a line without one, is a stray quote as before.
    /// Off the hot path: only an unquoted field that meets a quote comes here.
    private func formulaText(_ p: UnsafePointer<UInt8>, _ n: Int, _ scan: inout RowScan, fieldStart: Int) -> ParseOutcome? {
        let quote = format.quote
        var j = fieldStart + 2
        while j < n && p[j] != quote && p[j] != ASCII.cr && p[j] != ASCII.lf { j += 1 }
        if j >= n { return eof ? .stray(field: spanCount, offset: fieldStart + 1, newlines: scan.newlines, afterClosingQuote: false) : .needMore }
        guard p[j] == quote else { return .stray(field: spanCount, offset: fieldStart + 1, newlines: scan.newlines, afterClosingQuote: false) }
        let k = j + 1
        if k >= n {
            if !eof { return .needMore }
            addSpan(fieldStart, k, false)
            return .row(length: n, contentLength: n, newlines: scan.newlines, hasNUL: scan.hasNUL)
        }
        if p[k] == format.delimiter {
            addSpan(fieldStart, k, false)
            scan.i = k + 1
            return nil
        }
        guard p[k] == ASCII.cr || p[k] == ASCII.lf else {
            return .stray(field: spanCount, offset: fieldStart + 1, newlines: scan.newlines, afterClosingQuote: false)
        }
        addSpan(fieldStart, k, false)
        scan.i = k
        return lineEnd(p, n, scan)
    }

    /// The row whose content ends at the CR or LF at `scan.i`, its terminator (LF, CR or CRLF)
    /// included; a CR at the end of the buffer waits for the next byte.
    @inline(__always)
    private func lineEnd(_ p: UnsafePointer<UInt8>, _ n: Int, _ scan: RowScan) -> ParseOutcome {
        let contentLength = scan.i
        var i = scan.i
        if p[i] == ASCII.cr {
            if i + 1 < n {
                i += p[i + 1] == ASCII.lf ? 2 : 1
            } else {
                if !eof { return .needMore }
                i += 1
            }
        } else {
            i += 1
        }
        return .row(length: i, contentLength: contentLength, newlines: scan.newlines + 1, hasNUL: scan.hasNUL)
    }

    @inline(__always)
    private func addSpan(_ start: Int, _ end: Int, _ escaped: Bool) {
        if spanCount == spanCapacity {
            let grown = UnsafeMutablePointer<FieldSpan>.allocate(capacity: spanCapacity * 2)
            grown.moveInitialize(from: spans, count: spanCount)
            spans.deallocate()
            spans = grown
            spanCapacity *= 2
        }
        spans[spanCount] = FieldSpan(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), escaped: escaped)
        spanCount += 1
    }

    /// Moves unconsumed bytes to the front of the buffer and reads more; sets `eof` when the
    /// source is exhausted. Offsets relative to `pos` stay valid.
    func refillOrEOF() throws {
        if eof { return }
        if pos > 0 {
            if end > pos { memmove(buffer, buffer + pos, end - pos) }
            end -= pos
            pos = 0
        }
        if capacity - end < chunkSize {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: end + chunkSize + 4096)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = end + chunkSize + 4096
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if n == 0 { eof = true } else {
            end += n
            lastByte = buffer[end - 1]
        }
    }

    /// Consumes bytes from `pos` through the end of the physical line that contains
    /// `pos + offset` (terminator included), reading more as needed, and returns them (cut to
    /// the first 64 KiB). Used to skip a broken row and resume at the next line.
    func consumeThroughLineEnd(from offset: Int) throws -> [UInt8] {
        let rawLimit = 64 * 1024
        var raw: [UInt8] = []
        func keep(_ count: Int) {
            let take = min(count, rawLimit - raw.count)
            if take > 0 { raw += UnsafeBufferPointer(start: buffer + pos, count: take) }
        }
        var i = pos + offset
        while true {
            while i < end && buffer[i] != 0x0A && buffer[i] != 0x0D { i += 1 }
            if i < end {
                if buffer[i] == 0x0D && i + 1 == end && !eof {
                    let rel = i - pos
                    try refillOrEOF()
                    i = pos + rel
                    continue
                }
                let stop = buffer[i] == 0x0D && i + 1 < end && buffer[i + 1] == 0x0A ? i + 2 : i + 1
                keep(stop - pos)
                pos = stop
                return raw
            }
            if eof {
                keep(end - pos)
                pos = end
                return raw
            }
            if end - pos > format.maxRowBytes {
                // Drop what is buffered: the line is too long to keep whole.
                keep(end - pos)
                pos = end
                i = end
            }
            let rel = i - pos
            try refillOrEOF()
            i = pos + rel
        }
    }

    /// The decoded value of field `index` of the current row.
    func fieldString(at index: Int) -> String {
        guard index >= 0 && index < spanCount else { return "" }
        let span = spans[index]
        var p = UnsafePointer(buffer + pos + Int(span.start))
        var count = Int(span.end - span.start)
        if span.escaped {
            scratch.removeAll(keepingCapacity: true)
            let quote = format.quote
            var k = 0
            while k < count {
                let c = p[k]
                scratch.append(c)
                k += (c == quote && k + 1 < count && p[k + 1] == quote) ? 2 : 1
            }
            count = scratch.count
            return scratch.withUnsafeBufferPointer { decode($0.baseAddress!, count) }
        }
        if count == 0 { return "" }
        p = UnsafePointer(buffer + pos + Int(span.start))
        return decode(p, count)
    }

    @inline(__always)
    private func decode(_ p: UnsafePointer<UInt8>, _ count: Int) -> String {
        if let gb { return gb.decode(p, count: count) }
        return String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
    }

    /// The current row's bytes, terminator included.
    func currentRowBytes() -> [UInt8] {
        Array(UnsafeBufferPointer(start: buffer + pos, count: rowLength))
    }

    /// Text of a quarantined row: decoded leniently, final terminator removed, NUL shown as ␀.
    func rawText<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var bytes = Array(bytes)
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        let text = bytes.withUnsafeBufferPointer { decode($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
        guard bytes.contains(0) else { return text }
        var shown = String.UnicodeScalarView()
        shown.append(contentsOf: text.unicodeScalars.map { $0 == "\0" ? "\u{2400}" : $0 })
        return String(shown)
    }
}
