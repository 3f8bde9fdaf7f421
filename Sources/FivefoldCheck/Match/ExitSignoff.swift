import FivefoldModel

/// One exit sign-off: a household's exit signed at one level.
public struct ExitSignoff: Sendable, Equatable {
    public var householdID: String
    /// The 脱贫年度 the row states (nil when blank).
    public var exitYear: Int?
    public var level: SignoffLevel
    public var signer: String
    public var date: CivilDate
    public var line: Int

    public init(householdID: String, exitYear: Int?, level: SignoffLevel, signer: String, date: CivilDate, line: Int) {
        self.householdID = householdID
        self.exitYear = exitYear
        self.level = level
        self.signer = signer
        self.date = date
        self.line = line
    }
}
