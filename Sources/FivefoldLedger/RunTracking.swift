/// A run's findings against the previous run, decided before the outputs are written.
public struct RunTracking: Sendable {
    /// The ledger's id of this run (reused when the run repeats the latest); nil without a ledger.
    public var runID: Int64?
    /// The run compared against; nil for the first run or without a ledger.
    public var previousRunID: Int64?
    /// Whether this run repeats the latest run and replaces it.
    public var isRepeat: Bool
    /// The status of every current finding id.
    public var statuses: [String: FindingStatus]
    /// Findings open after the previous run and gone now, as the ledger last saw them.
    public var resolved: [FindingState]
    /// Counts over the current findings (one per findings.csv row) plus the resolved ones.
    public var counts: FindingStatusCounts

    public init(
        runID: Int64?, previousRunID: Int64?, isRepeat: Bool, statuses: [String: FindingStatus],
        resolved: [FindingState], counts: FindingStatusCounts
    ) {
        self.runID = runID
        self.previousRunID = previousRunID
        self.isRepeat = isRepeat
        self.statuses = statuses
        self.resolved = resolved
        self.counts = counts
    }

    /// The status of a current finding (`new` for an id the tracking does not know).
    public func status(of findingID: String) -> FindingStatus { statuses[findingID] ?? .new }
}
