// VocabularyError says exactly where a vocabulary file is wrong.
//
// A data team edits these YAML files by hand; an error that names the file, line and column and
// what was expected is the difference between a one-minute fix and a support call.

/// A vocabulary file that cannot be used, with its location.
public struct VocabularyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (as given to `Vocabulary.load(path:)`), or `<string>` for parsed text.
    public let path: String
    /// 1-based line, 0 when unknown.
    public let line: Int
    /// 1-based column, 0 when unknown.
    public let column: Int
    /// What is wrong and what was expected.
    public let message: String

    /// An error at a location.
    public init(path: String, line: Int = 0, column: Int = 0, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message` (line and column omitted when unknown).
    public var description: String {
        line > 0 ? "\(path):\(line):\(column): \(message)" : "\(path): \(message)"
    }
}
