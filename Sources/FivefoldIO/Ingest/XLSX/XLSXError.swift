// A workbook that cannot be read at all (not a ZIP, no workbook part, a sheet that is not there,
// malformed sheet XML) stops with one message naming the file, the part inside the package and,
// for XML errors, the line and column in that part. Callers turn it into their own stage's error.

/// A problem that stops reading an .xlsx workbook or one of its sheets.
///
/// Its description reads `book.xlsx: xl/worksheets/sheet1.xml:3:17: message`, or
/// `book.xlsx: message` when no part is concerned.
public struct XLSXError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The workbook file as the caller named it.
    public var file: String
    /// The part inside the ZIP package (e.g. `xl/worksheets/sheet1.xml`), when one is concerned.
    public var part: String?
    /// 1-based line in the part, when known.
    public var line: Int?
    /// 1-based column in the part, when known.
    public var column: Int?
    /// What is wrong, in a short sentence without trailing punctuation.
    public var message: String

    /// Creates an error about `file`, optionally at a place in one of its parts.
    public init(file: String, part: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.part = part
        self.line = line.flatMap { $0 > 0 ? $0 : nil }
        self.column = column.flatMap { $0 > 0 ? $0 : nil }
        self.message = message
    }

    /// `file: part:line:column: message`.
    public var description: String {
        guard let part else { return "\(file): \(message)" }
        var place = part
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(file): \(place): \(message)"
    }
}
