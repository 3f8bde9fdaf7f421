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
