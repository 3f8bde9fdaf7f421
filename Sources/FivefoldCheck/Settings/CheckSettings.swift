import FivefoldModel

/// What the rules read from a pipeline: each rule's settings (on/off, severity, parameters) and the
/// member-linkage thresholds. The rules see this value, never the pipeline file itself.
public struct CheckSettings: Sendable {
    public var rules: [String: RuleSettings]
    public var linkage: LinkageConfig

    public init(rules: [String: RuleSettings] = [:], linkage: LinkageConfig = LinkageConfig()) {
        self.rules = rules
        self.linkage = linkage
    }

    /// The settings of a rule; rules absent from the pipeline use their built-in defaults.
    public func rule(_ id: String) -> RuleSettings {
        rules[id] ?? RuleSettings()
    }

    /// The settings of a registered rule.
    public func rule(_ id: RuleID) -> RuleSettings { rule(id.rawValue) }
}
