import FivefoldModel

/// What reading returned worklists produced: the rows to import and the rows refused.
public struct SignoffBatch: Sendable {
    /// Good rows, ready to store.
    public var results: [SignedResult] = []
    /// Good rows of sample worklists (问题编号 `S…`): the items with their verdicts.
    public var sampleVerdicts: [SampleItem] = []
    /// One entry per problem of a refused row (a row can have several).
    public var problems: [SignoffProblem] = []
    /// Rows whose 核实结果, 核实人 and 核实日期 are all blank: not verified yet, skipped.
    public var pending = 0
    /// Rows refused (at least one problem).
    public var refusedRows = 0
    /// Per file, what a spreadsheet did to its id columns in rows that were still matched.
    public var spreadsheetChanges: [SpreadsheetChanges] = []

    /// One warning line per file whose id columns a spreadsheet changed.
    public var warnings: [String] { spreadsheetChanges.filter { !$0.isEmpty }.map(\.description) }

    /// Counts an accepted rendering in `file`'s `column`.
    mutating func noteSpreadsheet(file: String, column: String, changes: Set<SpreadsheetNumber.Change>, example: String) {
        // Stray spaces alone change nothing worth a warning.
        guard !changes.subtracting([.spaces]).isEmpty else { return }
        if let i = spreadsheetChanges.firstIndex(where: { $0.file == file }) {
            spreadsheetChanges[i].note(column: column, changes: changes, example: example)
        } else {
            var entry = SpreadsheetChanges(file: file)
            entry.note(column: column, changes: changes, example: example)
            spreadsheetChanges.append(entry)
        }
    }

    public init() {}
}
