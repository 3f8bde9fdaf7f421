/// Why one row of a returned worklist was not imported: the file, the line, the column at fault.
///
/// Reads `returned/郎岱镇.csv:7: 核实人: missing: the person who verified must sign`.
public struct SignoffProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The worklist column at fault (empty when the row as a whole could not be read).
    public var column: String
    public var message: String

    public init(file: String, line: Int, column: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        column.isEmpty ? "\(file):\(line): \(message)" : "\(file):\(line): \(column): \(message)"
    }
}
