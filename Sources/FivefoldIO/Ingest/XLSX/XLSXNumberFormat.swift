// A spreadsheet stores a date as a plain number; only the cell's number format says it is one.
// The built-in formats 14–22 and 45–47 are dates and times, and so are 27–36 and 50–58, the
// East Asian built-ins (`yyyy"年"m"月"d"日"` and the like) that Chinese-locale workbooks use
// without declaring them. A custom format is a date when it has a y, m, d, h or s token outside
// quoted text, `[…]` sections (colours, locales, conditions), `\`-escaped characters and the
// `_x`/`*x` padding directives; `[h]`, `[mm]`, `[ss]` (elapsed time) count as time tokens.

/// Tells date number formats from the others.
enum XLSXNumberFormat {
    /// Whether built-in format `id` (used without a `<numFmt>` declaration) is a date or time.
    static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// The built-in formats that show a year and month without the day: 17 (`mmm-yy`) and the
    /// Chinese-locale 27, 36, 50, 52 and 57 (`yyyy"年"m"月"`).
    static func isBuiltInMonth(_ id: Int) -> Bool {
        [17, 27, 36, 50, 52, 57].contains(id)
    }

    /// Whether the custom format code shows a year and month and nothing finer: a y and an m
    /// token, no d, h or s token and no elapsed-time section (`yyyy-mm`, `yyyy.mm`,
    /// `yyyy"年"m"月"`). Such a column is 出生年月: the day a spreadsheet stores for it (the 1st)
    /// was never typed.
    static func isMonthOnly(code: String) -> Bool {
        var tokens = Set<Character>()
        forEachToken(code) { tokens.insert(Character($0.lowercased())) }
        return tokens.contains("y") && tokens.contains("m") && !tokens.contains("d") && !tokens.contains("h") && !tokens.contains("s") && !tokens.contains("[")
    }

    /// Calls `body` with each date or time token letter outside quotes, escapes, padding and
    /// `[…]` sections (an elapsed-time section `[h]`, `[mm]` reports "[").
    private static func forEachToken(_ code: String, _ body: (Character) -> Void) {
        var inQuote = false
        var iterator = code.makeIterator()
        while let c = iterator.next() {
            if inQuote {
                if c == "\"" { inQuote = false }
                continue
            }
            switch c {
            case "\"": inQuote = true
            case "\\", "_", "*": _ = iterator.next()
            case "[":
                var section = ""
                while let d = iterator.next(), d != "]" { section.append(d) }
                let lower = section.lowercased()
                if !lower.isEmpty && lower.allSatisfy({ "hms".contains($0) }) { body("[") }
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S": body(c)
            default: continue
            }
        }
    }

    /// Whether the custom format code shows a date or time.
    static func isDate(code: String) -> Bool {
        var found = false
        forEachToken(code) { _ in found = true }
        return found
    }
}
