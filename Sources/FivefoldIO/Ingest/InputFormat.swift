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
        var i = head.prefix(n).starts(with: TextEncoding.utf8BOM) ? 3 : 0
        while i < n, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 }
        return i < n && head[i] == UInt8(ascii: "<") ? .xml : .csv
    }
}
