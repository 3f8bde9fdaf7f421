import FivefoldCheck
import FivefoldModel

extension PipelineConfig {
    /// The part of the pipeline the rules read (rule settings and linkage thresholds). A rule
    /// whose fields the system source does not map is switched off (`rulesLackingFields`).
    public var checkSettings: CheckSettings {
        var rules = self.rules
        for (rule, _) in rulesLackingFields { rules[rule.rawValue, default: RuleSettings()].enabled = false }
        return CheckSettings(rules: rules, linkage: linkage)
    }
}

extension PipelineConfig {
    /// The rules a run does not run: switched off in the pipeline, or skipped for a field the
    /// system tables lack or leave blank. The ledger does not resolve their open findings.
    public var rulesNotRun: Set<String> {
        Set(checkSettings.rules.filter { !$0.value.enabled }.keys)
    }
}

extension RuleContext {
    /// A rule context reading the rule settings of a pipeline.
    public convenience init(config: PipelineConfig, asOf: CivilDate, registries: Registries, villageNames: [String: String] = [:],
                            accountability: AccountabilityBook = AccountabilityBook(roster: nil, signoffs: nil, notices: nil)) {
        self.init(settings: config.checkSettings, asOf: asOf, registries: registries, villageNames: villageNames, accountability: accountability)
    }
}

extension FindingSink {
    /// A sink applying the rule settings of a pipeline.
    public init(config: PipelineConfig) { self.init(settings: config.checkSettings) }
}
