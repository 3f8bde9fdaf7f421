/// What the ledger keeps of one household for 防返贫监测 (`monitor.relapse`): its income per
/// capita and status as a run saw them (table `household_snapshots`, written only on change).
public struct HouseholdSnapshot: Sendable, Equatable {
    public var householdID: String
    /// The normalised income per capita (`3500`), empty when the system had none.
    public var income: String
    /// The normalised 脱贫状态, empty when the system had none.
    public var status: String

    public init(householdID: String, income: String, status: String) {
        self.householdID = householdID
        self.income = income
        self.status = status
    }
}

/// A household's latest snapshot before the current run, with the run that wrote it.
public struct PreviousSnapshot: Sendable, Equatable {
    public var snapshot: HouseholdSnapshot
    /// The run that recorded these values (the first run that saw them).
    public var runID: Int64
    /// That run's `as_of` date (yyyy-MM-dd).
    public var asOf: String

    public init(snapshot: HouseholdSnapshot, runID: Int64, asOf: String) {
        self.snapshot = snapshot
        self.runID = runID
        self.asOf = asOf
    }
}
