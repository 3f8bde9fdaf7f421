import FivefoldModel

/// A rule's severity, whether it runs, and its parameters (read by the rule itself).
public struct RuleSettings: Sendable {
    public var enabled: Bool = true
    public var severity: Severity?
    public var parameters: [String: RuleParameter] = [:]

    public init(enabled: Bool = true, severity: Severity? = nil, parameters: [String: RuleParameter] = [:]) {
        self.enabled = enabled
        self.severity = severity
        self.parameters = parameters
    }
}

/// A rule parameter value: a number, a text, a list of texts, or a table of numbers (year → yuan).
public enum RuleParameter: Sendable, Hashable {
    case number(Double)
    case text(String)
    case list([String])
    case table([String: Double])
}
