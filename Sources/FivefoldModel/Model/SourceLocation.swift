/// Where a record or a problem sits in an input file: `file:line[:column]`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (relative to the input folder where possible).
    public var file: String
    /// 1-based line on which the record starts.
    public var line: Int
    /// 1-based column, when known.
    public var column: Int?

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }
}
