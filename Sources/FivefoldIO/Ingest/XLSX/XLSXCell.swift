// A cell's value as the sheet stores it, typed by what a spreadsheet makes of it. Numbers keep
// their stored lexical form (`5.20203197709083E+017`), never a Double: an ID column must be able
// to tell a number that is certainly exact from one a spreadsheet has rounded
// (`exactIntegerDigits`), and a Double would hide that.

/// The value of one worksheet cell.
public enum XLSXCell: Sendable, Hashable {
    /// No cell, or a cell without a value (a formatted blank).
    case empty
    /// A string: shared (`t="s"`, rich-text runs joined), inline (`t="inlineStr"`) or a formula's
    /// string result (`t="str"`). `_xHHHH_` escapes are decoded.
    case text(String)
    /// A number as stored in `<v>` (trimmed), e.g. `3520.5`, `5202031012020000`,
    /// `5.20203197709083E+017`.
    case number(String)
    /// A boolean (`t="b"`).
    case bool(Bool)
    /// A date: a number styled with a date format, or an ISO 8601 cell (`t="d"`), as
    /// `yyyy-MM-dd`, or `yyyy-MM-dd HH:mm:ss` when it has a time of day; `yyyy-MM` for the 1st
    /// of a month styled to show the year and month alone (`yyyy-mm`, `yyyy"年"m"月"`).
    case date(String)
    /// An error value such as `#DIV/0!` or `#N/A` (`t="e"`).
    case error(String)

    /// What a person sees in the cell, or a CSV export holds: text as is; an integral number
    /// below 10^15 as plain digits (`42` for `42.0`, `123000` for `1.23E+5`), any other number
    /// as stored; dates as ``date(_:)``; `TRUE`/`FALSE`; error values as is; empty as "".
    public var displayText: String {
        switch self {
        case .empty: return ""
        case .text(let text): return text
        case .number(let stored): return XLSXCell.plainNumber(stored)
        case .bool(let value): return value ? "TRUE" : "FALSE"
        case .date(let text): return text
        case .error(let text): return text
        }
    }

    /// Whether the cell holds no value.
    public var isEmpty: Bool { self == .empty }

    /// `stored` without exponent or trailing `.0` when it is an integer of at most 15 digits
    /// (every such integer is exact in a Double), otherwise `stored` unchanged.
    static func plainNumber(_ stored: String) -> String {
        guard decimalDigits(stored) != nil, let value = Double(stored), value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return stored }
        return String(Int64(value))
    }
}
