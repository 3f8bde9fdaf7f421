// An XML file either reads to its end or stops at its first well-formedness error; either way the
// records before the stop have been delivered and the caller needs both facts for the summary.

/// The outcome of reading one XML file.
public struct XMLReadResult: Sendable, Equatable {
    /// Records delivered to the caller.
    public var records: Int
    /// The error that ended the file early (`file:line:column: message`), or nil when the
    /// whole file was read.
    public var fatal: IngestError?

    /// Creates a result.
    public init(records: Int, fatal: IngestError? = nil) {
        self.records = records
        self.fatal = fatal
    }
}
