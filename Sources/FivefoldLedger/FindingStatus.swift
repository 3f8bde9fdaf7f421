import GRDB

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

/// Stored as its raw value in `findings.state` and `history.status`.
extension FindingStatus: DatabaseValueConvertible {}
