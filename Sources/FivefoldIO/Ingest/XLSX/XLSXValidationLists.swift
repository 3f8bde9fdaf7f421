// Data-validation drop-downs collected while rows are written. A worklist gives every row's
// 核实结果 cell the same code list, so cells with identical lists are gathered into one
// `<dataValidation>` whose `sqref` lists ranges, and vertically adjacent cells of one column
// merge into one range (`C2:C41`): a few elements instead of one per row.

/// The list validations of one sheet, merged by list and by adjacent cells.
struct XLSXValidationLists {
    /// The quoted formula of each distinct list, in first-use order.
    private var formulas: [String] = []
    /// For each formula, per column, the row ranges in increasing order.
    private var ranges: [String: [Int: [ClosedRange<Int>]]] = [:]

    /// The longest value list Excel accepts in a list formula, in characters.
    static let maximumListLength = 255

    /// The list formula (`"a,b,c"`) for `values`, or nil when it cannot be written: a value has
    /// a comma or a double quote (no escape exists in a list formula), or the list is too long.
    static func formula(_ values: [String]) -> String? {
        guard !values.isEmpty, !values.contains(where: { $0.contains(",") || $0.contains("\"") }) else { return nil }
        let joined = values.joined(separator: ",")
        guard joined.utf16.count <= maximumListLength else { return nil }
        return "\"" + joined + "\""
    }

    /// Adds the cell at 0-based `column`, 1-based `row` (rows arrive in increasing order).
    mutating func add(formula: String, column: Int, row: Int) {
        if ranges[formula] == nil {
            formulas.append(formula)
            ranges[formula] = [:]
        }
        var runs = ranges[formula]![column] ?? []
        if let last = runs.last, last.upperBound == row - 1 {
            runs[runs.count - 1] = last.lowerBound...row
        } else {
            runs.append(row...row)
        }
        ranges[formula]![column] = runs
    }

    /// The `<dataValidations>` element, or "" when there are none.
    var xml: String {
        guard !formulas.isEmpty else { return "" }
        var out = "<dataValidations count=\"\(formulas.count)\">"
        for formula in formulas {
            var references: [String] = []
            for (column, runs) in ranges[formula]!.sorted(by: { $0.key < $1.key }) {
                let letters = XLSXCellReference.letters(column)
                for run in runs {
                    references.append(run.count == 1 ? "\(letters)\(run.lowerBound)" : "\(letters)\(run.lowerBound):\(letters)\(run.upperBound)")
                }
            }
            let sqref: String = references.joined(separator: " ")
            out += "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"\(sqref)\">"
            out += "<formula1>\(XLSXStringEscape.xmlEscaped(formula))</formula1></dataValidation>"
        }
        return out + "</dataValidations>"
    }
}
