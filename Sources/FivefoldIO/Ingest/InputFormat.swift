// A dump's format is usually clear from its name, but files arrive renamed and gzipped
// (`survey.dat`), so tools that take "any input file" look at the content: after an optional
// BOM and white space, XML starts with `<`; a ZIP package is an XLSX workbook; anything else is
// read as CSV.

/// The input formats Fivefold reads.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Delimited text with a header row.
    case csv
    /// XML with record elements.
    case xml
    /// An Excel workbook (.xlsx: a ZIP package); one sheet is a table.
    case xlsx

    /// Guesses the format of `path`: a ZIP package is an XLSX workbook; otherwise the first
    /// non-space byte (after gunzipping and a BOM) tells XML (`<`) from CSV.
    ///
    /// - Throws: ``IngestError`` when the file cannot be opened or read.
    public static func sniff(path: String) throws -> InputFormat {
        let source = try FileByteSource.open(path: path).source
        var head = [UInt8](repeating: 0, count: 4096)
        let n = try head.withUnsafeMutableBytes { try source.readFully(into: $0) }
        if head.prefix(n).starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        // UTF-16 XML (`<?` as 16-bit units, after a byte-order mark or not): XML. A UTF-16 CSV is
        // left to the CSV reader, which says how to save it as UTF-8.
        if head.withUnsafeBufferPointer({ TextEncoding.utf16Form(UnsafeBufferPointer(rebasing: $0[..<n])) }) != nil {
            let units = Array(head.prefix(n).drop { $0 == 0xFF || $0 == 0xFE }.prefix(4))
            if units == [0x3C, 0x00, 0x3F, 0x00] || units == [0x00, 0x3C, 0x00, 0x3F] { return .xml }
        }
        var i = head.prefix(n).starts(with: TextEncoding.utf8BOM) ? 3 : 0
        while i < n, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 }
        return i < n && head[i] == UInt8(ascii: "<") ? .xml : .csv
    }
}
