import FivefoldModel

/// One row of the responsibility roster: who is responsible for which area or household.
public struct RosterEntry: Sendable, Equatable {
    public var level: RosterLevel
    /// The area code (6, 9 or 12 digits by level); empty for household rows.
    public var area: String
    /// The household (乡镇领导, 党员干部 rows); empty for area rows.
    public var householdID: String
    public var name: String
    public var title: String
    public var phone: String
    public var line: Int

    public init(level: RosterLevel, area: String, householdID: String, name: String, title: String, phone: String, line: Int) {
        self.level = level
        self.area = area
        self.householdID = householdID
        self.name = name
        self.title = title
        self.phone = phone
        self.line = line
    }
}
