import Foundation

extension CivilDate {
    /// Today's date in the machine's time zone: the default `as_of` of a run (SPEC §2) and the
    /// default reference date of `fivefold generate`.
    public static func today() -> CivilDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
