// A calendar day as the generator needs it: built from numbers, printed in the forms the dumps
// really hold (ISO, 2016/3/5, 2016年3月5日, 20160305, 8 ID digits). It is deliberately not the
// pipeline's date type: the generator must not share code with what it tests, so that a bug in
// the pipeline's date handling cannot hide in both.

/// A proleptic Gregorian calendar day, year 1800–2199.
public struct SyntheticDate: Hashable, Comparable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Full years at `asOf`.
    public func age(at asOf: SyntheticDate) -> Int {
        var years = asOf.year - year
        if (asOf.month, asOf.day) < (month, day) { years -= 1 }
        return years
    }

    /// `2016-03-05`.
    public var iso: String { "\(year)-\(Self.two(month))-\(Self.two(day))" }
    /// `20160305`, as inside an ID number.
    public var compact: String { "\(year)\(Self.two(month))\(Self.two(day))" }
    /// `2016/3/5`, as a spreadsheet shows it.
    public var slashed: String { "\(year)/\(month)/\(day)" }
    /// `2016年3月5日`, as typed in an archive.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    public static func < (a: SyntheticDate, b: SyntheticDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
