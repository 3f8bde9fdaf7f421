/// An unusable pipeline file or input: one message naming where, the key path, and what was expected.
///
/// Text reads `pipelines/x.yaml:12:5: sources.archive.households.format: expected one of csv, xml, found "xls"`.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Dotted key path inside the pipeline file, e.g. `resolution.fields.house_grade.trust[2]`.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}
