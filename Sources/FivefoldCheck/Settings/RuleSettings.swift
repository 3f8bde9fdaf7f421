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

/// A rule parameter value: a number, a text, a list of texts, a table of numbers (year → yuan),
/// named lists of texts (measure category → keywords), or a table of conditions per name
/// (六型 type → needs / forbids / unless).
public enum RuleParameter: Sendable, Hashable {
    case number(Double)
    case text(String)
    case list([String])
    case table([String: Double])
    case lists([NamedList])
    case conditions([String: TypeConditions])
}

/// One named list of a `lists` parameter, in the order the pipeline writes them.
public struct NamedList: Sendable, Hashable {
    public var name: String
    public var items: [String]

    public init(_ name: String, _ items: [String]) {
        self.name = name
        self.items = items
    }
}
