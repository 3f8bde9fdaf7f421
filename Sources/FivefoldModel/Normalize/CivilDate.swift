// CivilDate is a calendar date with no time zone, which is what every date in the sources is.
//
// Birth dates, inspection dates and the run's `as_of` date are days on the Gregorian calendar,
// not instants. Foundation's `Date` would drag a time zone into every comparison (a birth date
// read at midnight in UTC+8 is the previous day in UTC) and `DateFormatter` is far too slow for
// millions of rows, so Fivefold keeps dates as three integers and does the calendar arithmetic
// itself.

/// A proleptic Gregorian calendar date (year, month, day) without time or time zone.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1…9999.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…28/29/30/31.
    public let day: Int

    /// A date, or nil when the three numbers do not name a real day (2016-02-30, month 13,
    /// year 0 or beyond 9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CivilDate.daysInMonth(month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (negative before it).
    ///
    /// Days outside years 1…9999 are clamped to the first or last representable day.
    public init(daysSinceEpoch days: Int) {
        let clamped = min(max(days, CivilDate.firstDay), CivilDate.lastDay)
        let (y, m, d) = CivilDate.civil(fromDays: clamped)
        self.year = y
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01 (negative before it); differences give day counts.
    public var daysSinceEpoch: Int {
        CivilDate.days(fromCivil: year, month, day)
    }

    /// The date as ISO 8601 `yyyy-MM-dd`.
    public var iso: String {
        // Always ten ASCII bytes (the year is 1...9999), written in place and made into a small
        // string (no allocation): appending the padded parts was ~0.3 % of a run, where
        // id.birth_mismatch compares every member's birth date with its ID number's.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
            func put(_ value: Int, at start: Int, width: Int) {
                var v = value
                for i in stride(from: start + width - 1, through: start, by: -1) {
                    b[i] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                    v /= 10
                }
            }
            put(year, at: 0, width: 4)
            b[4] = 0x2D
            put(month, at: 5, width: 2)
            b[7] = 0x2D
            put(day, at: 8, width: 2)
            return String(decoding: UnsafeBufferPointer(b), as: UTF8.self)
        }
    }

    /// The ISO form, `yyyy-MM-dd`.
    public var description: String { iso }

    /// Age in full years on `date`: the birthday counts from its own day.
    ///
    /// Someone born on 29 February becomes a year older on 1 March in common years. Negative
    /// when `date` is before `self` (a birth date in the future).
    public func age(at date: CivilDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Orders dates chronologically.
    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// True for Gregorian leap years (divisible by 4, except centuries not divisible by 400).
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year` (0 for a month outside 1…12).
    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    // MARK: - Day arithmetic (H. Hinnant's days_from_civil / civil_from_days)

    static let firstDay = days(fromCivil: 1, 1, 1)
    static let lastDay = days(fromCivil: 9999, 12, 31)

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func appendPadded(_ value: Int, width: Int, to out: inout String) {
        let digits = String(value)
        if digits.utf8.count < width {
            out.append(String(repeating: "0", count: width - digits.utf8.count))
        }
        out.append(digits)
    }
}
