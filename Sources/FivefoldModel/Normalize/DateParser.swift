// DateParser reads the date forms the dumps really hold, without DateFormatter or regexes.
//
// The same birth date arrives as 2016-03-05 from the national system, 2016/3/5 or 42434 from a
// spreadsheet, 2016年3月5日 from a typed archive, and 20160305 from an ID-number-minded clerk, often
// with full-width digits. `DateFormatter` would need one formatter per form, is slow, and is
// lenient in the wrong places (it rolls 2月30日 over to 3月1日), so this is a small hand-written
// tokenizer with explicit calendar validation.

/// Parses dates in the forms Chinese poverty-alleviation dumps hold.
///
/// Accepted (after full-width folding and trimming):
/// - `2016-03-05`, `2016/3/5`, `2016.3.5` (one separator kind, month and day of 1–2 digits);
/// - `2016年3月5日`, `2016年03月05号`, `2016年3月5` (spaces between parts tolerated), also
///   followed by a time (`2016年3月5日 0:00:00`);
/// - `20160305`;
/// - spreadsheet serial numbers of the 1900 date system in `serialRange` (`42434` or `42434.0`,
///   a time fraction is ignored);
/// - any of the separated forms followed by a time (`2016-03-05 00:00:00`, `2016-03-05T08:30`),
///   which is ignored.
///
/// Every result is a real calendar day: `2016年2月30日` is rejected, never rolled over.
public enum DateParser {
    /// Serial numbers accepted as spreadsheet dates (1927-05-18 … 2064-04-08): every five-digit
    /// serial up to 60 000.
    ///
    /// The window keeps ordinary integers (a size of 3, a year of 2016, an income of 3500) from
    /// being read as dates. It starts at 10 000, not higher: a birth-date column saved by a
    /// spreadsheet as numbers holds the elderly members' serials too, and a window starting at
    /// 20 000 (1954-10-03) refused every member born before then (`16238`, 1944-06-15, for
    /// 赵桂兰) as an invalid date and reported it as a mismatch with the archive. Four-digit
    /// serials (born before 1927-05-18) stay refused: `1966` in a date column is a year.
    public static let serialRange: ClosedRange<Int> = 10_000...60_000

    /// The date `raw` names, or nil when it is blank, in no accepted form, or not a real day.
    public static func parse(_ raw: String) -> CivilDate? {
        if let iso = isoDate(raw) { return iso }
        var text = TextNormalizer.fold(raw)
        if text.isEmpty { return nil }
        // 二〇一六年三月五日 (a date written by hand, typed as written): its digits first.
        if let first = text.utf8.first, first >= 0xE4, let digits = ChineseNumeral.date(text) { text = digits }
        var tokens = Tokens()
        guard tokens.scan(text), tokens.count > 0 else { return nil }
        let first = tokens[0]
        guard first.isNumber else { return nil }

        switch first.length {
        case 8:
            guard tokens.isTimeSuffix(from: 1) else { return nil }
            return date(year: first.value / 10_000, month: first.value / 100 % 100, day: first.value % 100)
        case 5:
            guard serialRange.contains(first.value) else { return nil }
            if tokens.count == 1
                || (tokens.count == 3 && tokens[1].separator == "." && tokens[2].isNumber)
            {
                return date(fromSpreadsheetSerial: first.value)
            }
            return nil
        case 4:
            return parseSeparated(tokens, year: first.value)
        default:
            return nil
        }
    }

    /// The fast path for exactly `yyyy-MM-dd` (every normalised date, read again by the rules):
    /// the same result the tokenizer gives for it, without folding and tokens.
    @inline(__always)
    public static func isoDate(_ text: String) -> CivilDate? {
        let utf8 = text.utf8
        guard utf8.count == 10 else { return nil }
        return utf8.withContiguousStorageIfAvailable { b -> CivilDate? in
            func digit(_ i: Int) -> Int? {
                let v = Int(b[i]) - 48
                return v >= 0 && v <= 9 ? v : nil
            }
            guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
                let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
                let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
            else { return nil }
            return date(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
        } ?? nil
    }

    /// The year and month of a birth date given without its day (出生年月), or nil.
    ///
    /// `text` is folded (`TextNormalizer.fold`: full-width digits to ASCII, spaces trimmed and
    /// collapsed). Accepted: `1966-08`, `1966-8`, `1966/8`, `1966.08` (a month of 1–2 digits
    /// after one separator) and `1966年8月` (spaces around the parts tolerated); the year has 4
    /// digits, the month is 1–12. Refused: `196608`, which a yyMMdd date (`200312`, 2020-03-12)
    /// or a yyyyMMdd cut short can also be; a month without 月 (`1966年8`); anything after the
    /// month. Only asked once `parse` has failed, so full dates cost nothing more; bytes are
    /// compared, never `String`s (a Chinese literal is compared through Unicode normalisation).
    public static func parseMonth(_ text: String) -> (year: Int, month: Int)? {
        let utf8 = text.utf8
        guard utf8.count >= 6, utf8.count <= 16 else { return nil }
        return utf8.withContiguousStorageIfAvailable { b -> (year: Int, month: Int)? in
            let n = b.count
            var i = 0
            func digit(_ at: Int) -> Int? {
                guard at < n else { return nil }
                let v = Int(b[at]) - 48
                return v >= 0 && v <= 9 ? v : nil
            }
            func skipSpace() { while i < n && b[i] == 0x20 { i += 1 } }
            /// 1–2 digits at `i`.
            func month() -> Int? {
                guard let m0 = digit(i) else { return nil }
                i += 1
                guard let m1 = digit(i) else { return m0 }
                i += 1
                return m0 * 10 + m1
            }
            guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3) else { return nil }
            let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
            i = 4
            let value: Int?
            switch b[i] {
            case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."):
                i += 1
                value = month()
            default:
                // 年 is E5 B9 B4, 月 is E6 9C 88 in UTF-8.
                skipSpace()
                guard i + 3 <= n, b[i] == 0xE5, b[i + 1] == 0xB9, b[i + 2] == 0xB4 else { return nil }
                i += 3
                skipSpace()
                guard let m = month() else { return nil }
                skipSpace()
                guard i + 3 <= n, b[i] == 0xE6, b[i + 1] == 0x9C, b[i + 2] == 0x88 else { return nil }
                i += 3
                value = m
            }
            guard let m = value, i == n, year >= 1000, (1...12).contains(m) else { return nil }
            return (year, m)
        } ?? nil
    }

    /// The fast path for exactly `yyyy-MM` (a normalised month value, read again by the rules).
    @inline(__always)
    public static func isoMonth(_ text: String) -> (year: Int, month: Int)? {
        let utf8 = text.utf8
        guard utf8.count == 7 else { return nil }
        return utf8.withContiguousStorageIfAvailable { b -> (year: Int, month: Int)? in
            func digit(_ i: Int) -> Int? {
                let v = Int(b[i]) - 48
                return v >= 0 && v <= 9 ? v : nil
            }
            guard b[4] == UInt8(ascii: "-"), let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
                let m0 = digit(5), let m1 = digit(6)
            else { return nil }
            let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3, month = m0 * 10 + m1
            guard year >= 1000, (1...12).contains(month) else { return nil }
            return (year, month)
        } ?? nil
    }

    /// The date of a spreadsheet serial number in the 1900 date system (Excel, WPS, LibreOffice
    /// default), or nil outside `serialRange`.
    ///
    /// Serial 1 is 1900-01-01, and the system counts a fictitious 1900-02-29, so from serial 61
    /// on the date is 1899-12-30 plus the serial: 42434 is 2016-03-05.
    public static func date(fromSpreadsheetSerial serial: Int) -> CivilDate? {
        guard serialRange.contains(serial) else { return nil }
        return CivilDate(daysSinceEpoch: spreadsheetEpoch + serial)
    }

    /// The 1900-system serial number of a date (inverse of `date(fromSpreadsheetSerial:)`).
    public static func spreadsheetSerial(of date: CivilDate) -> Int {
        date.daysSinceEpoch - spreadsheetEpoch
    }

    // MARK: - Implementation

    /// Days from 1970-01-01 back to 1899-12-30, the effective day 0 of the 1900 system.
    static let spreadsheetEpoch = CivilDate.days(fromCivil: 1899, 12, 30)

    static func parseSeparated(_ tokens: Tokens, year: Int) -> CivilDate? {
        guard tokens.count >= 5, let separator = tokens[1].separator else { return nil }
        switch separator {
        case "-", "/", ".":
            guard tokens[2].isShortNumber, tokens[3].separator == separator, tokens[4].isShortNumber,
                tokens.isTimeSuffix(from: 5)
            else { return nil }
            return date(year: year, month: tokens[2].value, day: tokens[4].value)
        case " ", "年":
            return parseChinese(tokens, year: year)
        default:
            return nil
        }
    }

    /// `yyyy年M月d[日|号]`, ignoring spaces between the parts.
    static func parseChinese(_ tokens: Tokens, year: Int) -> CivilDate? {
        var parts: [Token] = []
        parts.reserveCapacity(tokens.count)
        for i in 0..<tokens.count where tokens[i].separator != " " {
            parts.append(tokens[i])
        }
        guard parts.count >= 5, parts[1].separator == "年", parts[2].isShortNumber,
            parts[3].separator == "月", parts[4].isShortNumber
        else { return nil }
        if parts.count >= 6 {
            guard parts[5].separator == "日" || parts[5].separator == "号" else { return nil }
            // A time after the day, as a spreadsheet appends it (`2021年1月5日 0:00:00`), is ignored.
            guard parts.dropFirst(6).allSatisfy({ $0.isNumber || $0.separator == ":" }) else { return nil }
        }
        return date(year: year, month: parts[2].value, day: parts[4].value)
    }

    static func date(year: Int, month: Int, day: Int) -> CivilDate? {
        guard year >= 1000 else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// A digit run (value and length) or one separator character.
    struct Token {
        /// The separator scalar, or nil for a number.
        var separator: Unicode.Scalar?
        var value: Int
        var length: Int

        var isNumber: Bool { separator == nil }
        /// A month or day: one or two digits.
        var isShortNumber: Bool { separator == nil && (1...2).contains(length) }
    }

    /// The token list of one folded string; bounded so hostile input costs nothing.
    struct Tokens {
        static let limit = 24
        private(set) var items: [Token] = []

        var count: Int { items.count }
        subscript(_ i: Int) -> Token { items[i] }

        /// Splits `text` into tokens; false when it has more than `limit` tokens.
        mutating func scan(_ text: String) -> Bool {
            var value = 0
            var length = 0
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v >= 0x30 && v <= 0x39 {
                    // Runs longer than 9 digits are never part of a date; stop growing the value
                    // so it cannot overflow.
                    if length < 10 { value = value * 10 + Int(v - 0x30) }
                    length += 1
                    continue
                }
                if length > 0 {
                    items.append(Token(separator: nil, value: value, length: length))
                    value = 0
                    length = 0
                }
                items.append(Token(separator: scalar, value: 0, length: 0))
                if items.count > Tokens.limit { return false }
            }
            if length > 0 { items.append(Token(separator: nil, value: value, length: length)) }
            return items.count <= Tokens.limit
        }

        /// True when nothing follows `index`, or only a time of day (` 08:30:00`, `T08:30`).
        func isTimeSuffix(from index: Int) -> Bool {
            if index == items.count { return true }
            guard items[index].separator == " " || items[index].separator == "T",
                index + 1 < items.count
            else { return false }
            for token in items[(index + 1)...] {
                if token.isNumber { continue }
                if token.separator == ":" || token.separator == "." { continue }
                return false
            }
            return true
        }
    }
}
