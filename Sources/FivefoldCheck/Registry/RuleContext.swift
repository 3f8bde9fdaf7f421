import FivefoldModel

/// What every rule may consult: the pipeline's rule settings, the `as_of` date, the registries.
public final class RuleContext: @unchecked Sendable {
    public let settings: CheckSettings
    /// Ages and exit checks are computed as of this date.
    public let asOf: CivilDate
    public let registries: Registries
    /// The village register: 12-digit code → village name (empty when the pipeline has none).
    public let villageNames: [String: String]
    /// The roster, exit sign-offs and 公示 notices, each nil when the dump has none.
    public let accountability: AccountabilityBook

    public init(settings: CheckSettings, asOf: CivilDate, registries: Registries, villageNames: [String: String] = [:],
                accountability: AccountabilityBook = AccountabilityBook(roster: nil, signoffs: nil, notices: nil)) {
        self.settings = settings
        self.asOf = asOf
        self.registries = registries
        self.villageNames = villageNames
        self.accountability = accountability
    }

    /// A number parameter of a rule, or its default in `RuleRegistry`.
    public func number(_ rule: RuleID, _ key: String) -> Double {
        if case .number(let d)? = settings.rule(rule).parameters[key] { return d }
        guard case .number(let d) = RuleRegistry.defaultValue(rule, key) else { preconditionFailure("\(rule).\(key) is not a number") }
        return d
    }

    /// A list parameter of a rule, or its default in `RuleRegistry`.
    public func list(_ rule: RuleID, _ key: String) -> [String] {
        switch settings.rule(rule).parameters[key] {
        case .list(let l)?: return l
        case .text(let t)?: return [t]
        default:
            guard case .list(let l) = RuleRegistry.defaultValue(rule, key) else { preconditionFailure("\(rule).\(key) is not a list") }
            return l
        }
    }

    /// A table parameter (e.g. year → yuan), or its default in `RuleRegistry`.
    public func table(_ rule: RuleID, _ key: String) -> [String: Double] {
        if case .table(let t)? = settings.rule(rule).parameters[key] { return t }
        guard case .table(let t) = RuleRegistry.defaultValue(rule, key) else { preconditionFailure("\(rule).\(key) is not a table") }
        return t
    }
}

extension RuleContext {
    /// A named-lists parameter (category → keywords), or its default in `RuleRegistry`.
    public func lists(_ rule: RuleID, _ key: String) -> [NamedList] {
        if case .lists(let l)? = settings.rule(rule).parameters[key] { return l }
        guard case .lists(let l) = RuleRegistry.defaultValue(rule, key) else { preconditionFailure("\(rule).\(key) is not named lists") }
        return l
    }

    /// A conditions parameter (六型 type → conditions), or its default in `RuleRegistry`.
    public func conditions(_ rule: RuleID, _ key: String) -> [String: TypeConditions] {
        if case .conditions(let c)? = settings.rule(rule).parameters[key] { return c }
        guard case .conditions(let c) = RuleRegistry.defaultValue(rule, key) else { preconditionFailure("\(rule).\(key) is not conditions") }
        return c
    }
}

/// Collects findings, applying each rule's configured severity and dropping disabled rules.
public struct FindingSink {
    public private(set) var findings: [Finding] = []
    private let settings: CheckSettings

    public init(settings: CheckSettings) { self.settings = settings }

    /// Whether a rule runs at all (rules can be switched off in the pipeline).
    public func isEnabled(_ rule: RuleID) -> Bool { settings.rule(rule).enabled }

    /// Records a finding; its severity comes from the pipeline, else the rule's default.
    public mutating func emit(_ finding: Finding) {
        let settings = settings.rule(finding.rule)
        guard settings.enabled else { return }
        var f = finding
        f.severity = settings.severity ?? RuleRegistry.defaultSeverity(f.rule)
        findings.append(f)
    }

    /// Records an entry of a monitoring list (`monitor.edge`): severity and action `info`
    /// whatever the rule's configured severity, which applies to the rule's real findings. A
    /// list entry is not a problem to fix, so it never reaches a worklist.
    public mutating func emitListEntry(_ finding: Finding) {
        guard settings.rule(finding.rule).enabled else { return }
        var f = finding
        f.severity = .info
        f.action = .info
        findings.append(f)
    }

    public mutating func emit(
        _ rule: RuleID, case c: HouseholdCase?, member: String = "", field: FieldID? = nil,
        values: [(source: SourceID, value: String)] = [], action: FindingAction = .worklist,
        message: String, discriminator: String = ""
    ) {
        emit(Finding(
            rule: rule, severity: .warning, regionCode: c?.regionCode ?? "", householdID: c?.householdID ?? "",
            memberID: member, field: field?.rawValue ?? "", values: values, action: action, message: message,
            discriminator: discriminator))
    }
}

/// A household-level rule: looks at one household across sources.
public protocol CaseRule {
    func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink)
}
