// A spreadsheet date is a number of days (the fraction is the time of day) since an epoch that
// depends on the workbook: in the 1900 system (the default) serial 1 is 1900-01-01 and Excel
// counts a 1900-02-29 that never existed (serial 60; Lotus 1-2-3 compatibility), so serials from
// 61 on are days since 1899-12-30; in the 1904 system (`<workbookPr date1904="1"/>`, old Mac
// workbooks) serial 0 is 1904-01-01.

/// Converts date serial numbers to civil date text.
enum XLSXSerialDate {
    /// The largest serial a spreadsheet shows as a date (9999-12-31 in the 1900 system).
    static let maximumSerial = 2_958_465.0

    /// `yyyy-MM-dd`, or `yyyy-MM-dd HH:mm:ss` when the time (rounded to the second) is not
    /// midnight; nil for negative, non-finite or too large serials.
    ///
    /// In the 1900 system serial 60 gives `1900-02-29`, as a spreadsheet displays it, and serial
    /// 0 (shown as "1900-01-00" by Excel) gives 1899-12-31.
    static func text(serial: Double, uses1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial <= maximumSerial else { return nil }
        let seconds = Int64((serial * 86_400).rounded())
        let days = Int(seconds / 86_400), secondOfDay = Int(seconds % 86_400)
        let date: String
        if uses1904 {
            date = civil(daysFrom1970: days + daysFrom1970To1904)
        } else if days == 60 {
            date = "1900-02-29"
        } else {
            date = civil(daysFrom1970: days + (days < 60 ? daysFrom1970To18991231 : daysFrom1970To18991230))
        }
        guard secondOfDay != 0 else { return date }
        return date + " " + pad2(secondOfDay / 3600) + ":" + pad2(secondOfDay / 60 % 60) + ":" + pad2(secondOfDay % 60)
    }

    /// An ISO 8601 date or date-time as a `t="d"` cell stores it (`2021-01-05`,
    /// `2021-01-05T14:30:15.000`), in the same form as ``text(serial:uses1904:)``; nil when
    /// `iso` does not start with a `yyyy-MM-dd` date.
    static func text(iso: String) -> String? {
        let chars = Array(iso.trimmingCharacters(in: .whitespaces))
        guard chars.count >= 10, chars[4] == "-", chars[7] == "-",
              [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ chars[$0].isASCII && chars[$0].isNumber }) else { return nil }
        let date = String(chars[0..<10])
        guard chars.count >= 19, chars[10] == "T" || chars[10] == " " else { return date }
        let time = String(chars[11..<19])
        return time == "00:00:00" ? date : date + " " + time
    }

    static let daysFrom1970To1904 = -24_107
    static let daysFrom1970To18991231 = -25_568
    static let daysFrom1970To18991230 = -25_569

    /// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's civil_from_days).
    static func civil(daysFrom1970 days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(year) + "-" + pad2(month) + "-" + pad2(day)
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
