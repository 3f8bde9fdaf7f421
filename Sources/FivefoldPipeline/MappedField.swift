import FivefoldModel

/// One canonical field mapped in a pipeline table (`fields:` or `member_fields:`), with where it
/// was declared, so a name that the data does not hold is reported at its key.
///
/// Three forms are accepted in the pipeline file: a header name (`size: 家庭人口数`), a list of
/// aliases (`size: [家庭人口数, 家庭人口]`, the first present wins), or a mapping
/// `{name: 人均纯收入, optional: true}` / `{aliases: [人均纯收入, 人均纯收入(元)], optional: true}`
/// for a column that may be absent from some dumps.
public struct MappedField: Sendable {
    public var field: FieldID
    /// Accepted header (or XML element/attribute) names, in priority order.
    public var names: [String]
    /// Whether the data may lack every name (the field is then simply not read for this table).
    public var optional: Bool
    /// Whether the field is a member field of an XML table (`member_fields`).
    public var isMember: Bool
    /// The key path in the pipeline file, e.g. `sources.system.households.fields.size`.
    public var keyPath: String
    /// Line and column of the key in the pipeline file.
    public var line: Int?
    public var column: Int?

    /// Creates a mapped field (the loader fills in where it was declared).
    public init(field: FieldID, names: [String], optional: Bool = false, isMember: Bool = false, keyPath: String = "", line: Int? = nil, column: Int? = nil) {
        self.field = field
        self.names = names
        self.optional = optional
        self.isMember = isMember
        self.keyPath = keyPath
        self.line = line
        self.column = column
    }

    /// The error for a field none of whose names the data holds: pipeline file, line and column
    /// of the key, the key path, the data file, what was found there and the closest name, or,
    /// when the names found are UTF-8 misread in another character set, what they were.
    func unresolved(pipelineFile: String, dataFile: String, found: [String], what: String, encoding: String? = nil) -> PipelineError {
        let wanted = names.map { "\"\($0)\"" }.joined(separator: " or ")
        var message = "no \(what) named \(wanted) in \(dataFile)"
        message += found.isEmpty ? "; it has none" : "; found: \(found.joined(separator: ", "))"
        if let misread = MisreadCharset.hint(found, wanted: names, declared: encoding) {
            // Mapping the garbled name would run on garbled values: say what happened instead.
            message += "; " + misread
        } else {
            if let closest = HeaderMatcher.closest(to: names, among: found) {
                message += "; closest: \"\(closest)\""
            }
            message += " (map the name the file uses, or add optional: true if the \(what) may be absent)"
        }
        return PipelineError(file: pipelineFile, line: line, column: column, keyPath: keyPath, message: message)
    }

    /// The error for a header that holds the field's name more than once (`columns`, 0-based):
    /// flattened household-and-member exports title both the head's and the member's ID number
    /// 身份证号. Reading the first was a guess: with the head's ID in every member row, the
    /// sample ran with exit 0 and 786 findings and 296 corrections instead of 59 and 9.
    func duplicated(_ name: String, columns: [Int], pipelineFile: String, dataFile: String) -> PipelineError {
        let places = columns.map { "\($0 + 1)" }.joined(separator: ", ")
        return PipelineError(
            file: pipelineFile, line: line, column: column, keyPath: keyPath,
            message: "\(dataFile) has \(columns.count) columns named \"\(name)\" (columns \(places)): which one holds \(field.rawValue) "
                + "cannot be told from the header. Rename the others in the file (e.g. 户主\(name)), then map the one meant")
    }

    /// The error for a table's key field (`TableScanner.isKey`) that is blank in `every` row:
    /// without it no row matches a household or person. In the interview, where a blank 户编号
    /// marks a household the system lacks, the run went on with every household reported
    /// missing from the source and every interview row as an unregistered household.
    /// `every` is what was read ("every row", "all 48 records"); `unit` is "row" or "record".
    func blankKey(pipelineFile: String, dataFile: String, every: String, unit: String) -> PipelineError {
        let wanted = names.joined(separator: "/")
        let message = "\(wanted) (\(field.rawValue)) is blank in \(every) of \(dataFile): it is the key of this table, "
            + "so no \(unit) would be matched to a household or person, and the run's findings on this source would be false (every household missing from it) or missing "
            + "(map the \(unit == "record" ? "element or attribute" : "column") that holds the \(wanted); fivefold inspect shows the file's values)"
        return PipelineError(file: pipelineFile, line: line, column: column, keyPath: keyPath, message: message)
    }
}
