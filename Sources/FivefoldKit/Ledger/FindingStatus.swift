/// Where a finding stands against the previous run (回头看: what the last night fixed).
///
/// - `new`: never seen before;
/// - `persisting`: also present in the previous run;
/// - `resolved`: present in the previous run, gone now (it is in the ledger and the report, not
///   in findings.csv: the problem no longer exists);
/// - `reopened`: seen in an earlier run, resolved since, present again.
public enum FindingStatus: String, Codable, Sendable, CaseIterable {
    case new, persisting, resolved, reopened

    /// The label the report uses.
    public var chineseLabel: String {
        switch self {
        case .new: return "新增"
        case .persisting: return "持续"
        case .resolved: return "已解决"
        case .reopened: return "复现"
        }
    }
}

/// How many findings of a run have each status (`status` in summary.json).
public struct FindingStatusCounts: Codable, Sendable, Equatable {
    public var new = 0
    public var persisting = 0
    public var resolved = 0
    public var reopened = 0

    public init(new: Int = 0, persisting: Int = 0, resolved: Int = 0, reopened: Int = 0) {
        self.new = new
        self.persisting = persisting
        self.resolved = resolved
        self.reopened = reopened
    }

    public subscript(_ status: FindingStatus) -> Int {
        get {
            switch status {
            case .new: return new
            case .persisting: return persisting
            case .resolved: return resolved
            case .reopened: return reopened
            }
        }
        set {
            switch status {
            case .new: new = newValue
            case .persisting: persisting = newValue
            case .resolved: resolved = newValue
            case .reopened: reopened = newValue
            }
        }
    }
}
