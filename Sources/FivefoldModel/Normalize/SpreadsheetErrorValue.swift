// A cell whose formula failed holds an error value, and a spreadsheet saves it as text: a
// 帮扶责任人 column filled with VLOOKUP from a roster reads #N/A where the household is not on
// the roster, Excel and WPS write #N/A, #REF!, #VALUE! …, LibreOffice the same or Err:502. As
// text such a value is a perfectly good name: the household "has" a cadre called #N/A, and
// household.no_cadre stays silent. FieldNormalizer refuses it for every field kind instead, so
// each one is a value.invalid finding saying what it is.

/// Recognises the error values spreadsheets write in place of a formula's result.
public enum SpreadsheetErrorValue {
    /// Excel's and WPS's error values (LibreOffice shows the classic ones too), upper-cased.
    static let names: Set<String> = [
        "#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#GETTING_DATA",
        "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    ]

    /// Whether folded `text` is a spreadsheet error value: one of `names` (any case) or
    /// LibreOffice's `Err:` and three digits. Cheap for every other text: it looks at the first
    /// byte first.
    @inline(__always)
    public static func matches(_ text: String) -> Bool {
        guard let first = text.utf8.first, first == UInt8(ascii: "#") || first == UInt8(ascii: "E") else { return false }
        return matchesSlowly(text)
    }

    static func matchesSlowly(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count <= 14 else { return false }
        if utf8[0] == UInt8(ascii: "#") { return names.contains(text.uppercased()) }
        return utf8.count == 7 && text.hasPrefix("Err:") && utf8[4...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The reason a `value.invalid` finding quotes.
    public static let problem = "电子表格公式的错误值（公式未取到值，如 VLOOKUP 未找到匹配），不是数据"
}
