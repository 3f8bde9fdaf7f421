/// The totals of a run that the `runs` table keeps beside its status counts.
public struct RunCounts: Sendable, Equatable {
    public var households: Int
    public var findings: Int
    public var corrections: Int
    public var worklistItems: Int

    public init(households: Int, findings: Int, corrections: Int, worklistItems: Int) {
        self.households = households
        self.findings = findings
        self.corrections = corrections
        self.worklistItems = worklistItems
    }
}
