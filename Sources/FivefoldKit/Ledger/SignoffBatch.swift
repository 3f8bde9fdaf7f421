/// What reading returned worklists produced: the rows to import and the rows refused.
public struct SignoffBatch: Sendable {
    /// Good rows, ready to store.
    public var results: [SignedResult] = []
    /// One entry per problem of a refused row (a row can have several).
    public var problems: [SignoffProblem] = []
    /// Rows whose 核实结果, 核实人 and 核实日期 are all blank: not verified yet, skipped.
    public var pending = 0
    /// Rows refused (at least one problem).
    public var refusedRows = 0

    public init() {}
}
