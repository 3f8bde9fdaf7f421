import Yams

// Yams describes some of its errors with the whole document attached: a key given twice in a
// mapping printed all 30 KB of the pipeline as "Context", and no line. A pipeline or vocabulary
// file's YAML error is one line here, with the place and what to do.

/// A YAML syntax problem of a pipeline or vocabulary file, as one line and its place.
struct YAMLProblem {
    /// 1-based line and column, when Yams knows them.
    var line: Int?
    var column: Int?
    /// What is wrong (without the "not valid YAML:" prefix).
    var message: String

    init(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            line = mark.line
            column = mark.column
            message = context.map { "\(problem) (\($0.text))" } ?? problem
        case .duplicatedKeysInMapping(let duplicates, let context):
            line = context.mark.line
            column = context.mark.column
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            message = "\(keys) is given twice in one mapping, where YAML allows a key once: keep one entry and put everything for that key in it"
        default:
            message = "\(error)"
        }
    }
}
