/// Where a record or a problem sits in an input file: `file:line[:column]`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file's number in `files` (interned): every record carries its location, and a file
    /// name held as a `String` was retained when each record was made and released when it was
    /// freed, atomically (most input paths are longer than a small string's 15 bytes).
    @usableFromInline var fileNumber: UInt32
    /// 1-based line on which the record starts.
    public var line: Int
    /// 1-based column, when known.
    public var column: Int?

    /// Every file name a location has named in this process, once.
    package static let files = InternedNames()

    public init(file: String, line: Int, column: Int? = nil) {
        fileNumber = Self.files.intern(file)
        self.line = line
        self.column = column
    }

    /// The file as the user named it (relative to the input folder where possible).
    public var file: String {
        get { Self.files.entry(fileNumber).name }
        set { fileNumber = Self.files.intern(newValue) }
    }

    /// The same file at `line` (no column), without looking the file's name up: for readers that
    /// make a location per row.
    @inlinable public func at(line: Int) -> SourceLocation {
        var location = self
        location.line = line
        location.column = nil
        return location
    }

    public var description: String {
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }
}
