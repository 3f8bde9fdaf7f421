// BirthDate is a member's birth date at the precision the records give it.
//
// Many county systems export 出生年月: the year and month of birth without the day (`1966-08`,
// `1966年8月`). Refused as dates, such a dump gave one value.invalid or unify.mismatch per member
// and drowned the real findings; read as the 1st of the month, it would have made up a day and
// disagreed with every full date. So a month value stays a month (`yyyy-MM`, ISO 8601 reduced
// precision) and every consumer asks what it can tell: agreement with another date, the year
// and month an ID number holds, and the range of ages it allows.

/// A birth date given to the day (`yyyy-MM-dd`) or to the month (`yyyy-MM`).
public struct BirthDate: Hashable, Sendable {
    public let year: Int
    public let month: Int
    /// The day of the month, nil when only the year and month are known.
    public let day: Int?
    /// The full date, kept as given: the rules ask its age for every member, and rebuilding
    /// (and validating) it from the parts on each ask was a visible share of them.
    private let full: CivilDate?

    /// A full date.
    public init(_ date: CivilDate) {
        year = date.year
        month = date.month
        day = date.day
        full = date
    }

    /// A month (1–12) of a year; nil outside the calendar.
    public init?(year: Int, month: Int) {
        guard year >= 1000, year <= 9999, (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
        day = nil
        full = nil
    }

    /// A canonical value as `FieldNormalizer` writes it (`yyyy-MM-dd` or `yyyy-MM`); nil for
    /// anything else.
    public init?(normalized text: String) {
        if let date = DateParser.isoDate(text) {
            self.init(date)
        } else if let (year, month) = DateParser.isoMonth(text) {
            self.init(year: year, month: month)
        } else {
            return nil
        }
    }

    /// True when only the year and month are known.
    public var isMonthOnly: Bool { day == nil }

    /// The full date, nil for a month value.
    public var date: CivilDate? { full }

    /// The first day the value allows (the day itself for a full date).
    public var earliest: CivilDate { CivilDate(year: year, month: month, day: day ?? 1)! }

    /// The last day the value allows (the day itself for a full date).
    public var latest: CivilDate { CivilDate(year: year, month: month, day: day ?? CivilDate.daysInMonth(month, year: year))! }

    /// The canonical text: `yyyy-MM-dd`, or `yyyy-MM` for a month.
    public var iso: String {
        if let date { return date.iso }
        var out = ""
        out.reserveCapacity(7)
        CivilDate.appendPadded(year, width: 4, to: &out)
        out.append("-")
        CivilDate.appendPadded(month, width: 2, to: &out)
        return out
    }

    /// The full years the person may be on `date`: one age for a full date; for a month, two
    /// when `date` falls in the birth month before its last day (the birthday may be past or
    /// still to come), else one.
    public func ages(at date: CivilDate) -> ClosedRange<Int> {
        if let full {
            let age = full.age(at: date)
            return age...age
        }
        return latest.age(at: date)...earliest.age(at: date)
    }

    /// Whether two values can be the same birth date: equal to the precision both have (a month
    /// agrees with every day of that month and with the same month).
    public func agrees(with other: BirthDate) -> Bool {
        guard year == other.year, month == other.month else { return false }
        guard let day, let otherDay = other.day else { return true }
        return day == otherDay
    }
}

extension ClosedRange where Bound == Int {
    /// An age range as a message says it: `40`, or `40或41` when it could be either.
    public var ageText: String {
        lowerBound == upperBound ? String(lowerBound) : "\(lowerBound)或\(upperBound)"
    }
}
