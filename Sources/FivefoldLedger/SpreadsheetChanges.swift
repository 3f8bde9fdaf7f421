import FivefoldModel

/// What a spreadsheet did to the id columns of one returned file (户编号 rounded to 15 digits,
/// scientific notation …), counted so that the sign-off says it once per file, not per row.
public struct SpreadsheetChanges: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// Per column, in the order first seen: rows whose cell was a rendering, and per change.
    public private(set) var columns: [(name: String, rows: Int, changes: [SpreadsheetNumber.Change: Int], example: String)] = []

    public init(file: String) { self.file = file }

    /// Counts one row whose `column` cell (`example`) was accepted as a rendering with `changes`.
    mutating func note(column: String, changes: Set<SpreadsheetNumber.Change>, example: String) {
        guard !changes.isEmpty else { return }
        if let i = columns.firstIndex(where: { $0.name == column }) {
            columns[i].rows += 1
            for change in changes { columns[i].changes[change, default: 0] += 1 }
        } else {
            columns.append((column, 1, Dictionary(uniqueKeysWithValues: changes.map { ($0, 1) }), example))
        }
    }

    public var isEmpty: Bool { columns.isEmpty }

    /// One line, in Chinese, e.g. `r.csv: 户编号: 电子表格把 19 行的户编号转成了数字（19 行被四舍五入为15位有效数字，如 5202031012020000）…`.
    public var description: String {
        let parts = columns.map { column -> String in
            let what = column.changes.sorted { $0.key < $1.key }.map { "\($0.value) 行\($0.key.chinese)" }.joined(separator: "，")
            return "\(column.name): 电子表格改动了 \(column.rows) 行的\(column.name)（\(what)，如 \(column.example)），已按各行问题编号核对一致后接受"
        }
        return "\(file): 警告: " + parts.joined(separator: "；") + "。下次请用 .xlsx 核实清单，或把这些列设为文本格式"
    }

    public static func == (a: SpreadsheetChanges, b: SpreadsheetChanges) -> Bool { a.description == b.description }
}
