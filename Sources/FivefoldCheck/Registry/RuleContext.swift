import Foundation
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

    /// A parameter as the pipeline sets it and as `RuleRegistry` defaults it, resolved once per
    /// (rule, key) and kept: the rules ask ~30 times per household, and each ask hashed the
    /// rule id and the key into two dictionaries (~1 % of a run). An open-addressed table started
    /// at a cheap mix of the two texts' lengths and first bytes, each entry confirmed by comparing
    /// both texts; nothing is evicted (a pipeline has a few dozen parameters), and past half full
    /// the table answers without keeping. A lock, since a context may be shared.
    private func parameter(_ rule: RuleID, _ key: String) -> (configured: RuleParameter?, fallback: RuleParameter) {
        let r = rule.rawValue.utf8, k = key.utf8
        var slot = (k.count &* 37 &+ Int(k.first ?? 0) &* 7 &+ r.count &* 11 &+ Int(r.first ?? 0)) & (Self.cacheSize - 1)
        cacheLock.lock()
        defer { cacheLock.unlock() }
        // At most half the slots are ever filled, so probing always reaches an empty one.
        while let hit = cache[slot] {
            if hit.key == key && hit.rule == rule { return (hit.configured, hit.fallback) }
            slot = (slot + 1) & (Self.cacheSize - 1)
        }
        let entry = CachedParameter(rule: rule, key: key, configured: settings.rule(rule).parameters[key], fallback: RuleRegistry.defaultValue(rule, key))
        if cached < Self.cacheSize / 2 {
            cache[slot] = entry
            cached += 1
        }
        return (entry.configured, entry.fallback)
    }

    private struct CachedParameter {
        let rule: RuleID
        let key: String
        let configured: RuleParameter?
        let fallback: RuleParameter
    }

    /// The `household.measures` categories of a normalised 帮扶措施 value
    /// (`MeasureCategories.Memo` over the rule's `categories`), remembered per value.
    public func measureCategories(_ value: String?) -> [String] {
        guard let value else { return [] }
        measureLock.lock()
        defer { measureLock.unlock() }
        if measureMemo == nil { measureMemo = MeasureCategories.Memo(table: lists(.householdMeasures, "categories")) }
        return measureMemo!.categories(of: value)
    }

    private var measureMemo: MeasureCategories.Memo?
    private let measureLock = NSLock()

    /// `exit.income`'s poverty lines by year, made once: the exit, 四看法 and monitoring rules
    /// asked for them for every household, each time reading the table's years from text.
    public var povertyLines: PovertyLines { lines.poverty }
    /// The poverty line in force at `asOf` (`PovertyLines.current(at:)`), nil without lines.
    public var povertyLineNow: Double? { lines.now }
    /// The monitoring band at `asOf` (`MonitorLines(context:)`), nil without a poverty line.
    public var monitorLines: MonitorLines? { lines.monitor }

    private typealias Lines = (poverty: PovertyLines, now: Double?, monitor: MonitorLines?)

    private var lines: Lines {
        linesLock.lock()
        defer { linesLock.unlock() }
        if let known = linesMade { return known }
        let poverty = PovertyLines(context: self)
        let made: Lines = (poverty, poverty.current(at: asOf), MonitorLines(context: self))
        linesMade = made
        return made
    }

    private var linesMade: Lines?
    private let linesLock = NSLock()

    private static let cacheSize = 256
    private var cache = [CachedParameter?](repeating: nil, count: RuleContext.cacheSize)
    private var cached = 0
    private let cacheLock = NSLock()

    /// A number parameter of a rule, or its default in `RuleRegistry`.
    public func number(_ rule: RuleID, _ key: String) -> Double {
        let p = parameter(rule, key)
        if case .number(let d)? = p.configured { return d }
        guard case .number(let d) = p.fallback else { preconditionFailure("\(rule).\(key) is not a number") }
        return d
    }

    /// A list parameter of a rule, or its default in `RuleRegistry`.
    public func list(_ rule: RuleID, _ key: String) -> [String] {
        let p = parameter(rule, key)
        switch p.configured {
        case .list(let l)?: return l
        case .text(let t)?: return [t]
        default:
            guard case .list(let l) = p.fallback else { preconditionFailure("\(rule).\(key) is not a list") }
            return l
        }
    }

    /// A table parameter (e.g. year → yuan), or its default in `RuleRegistry`.
    public func table(_ rule: RuleID, _ key: String) -> [String: Double] {
        let p = parameter(rule, key)
        if case .table(let t)? = p.configured { return t }
        guard case .table(let t) = p.fallback else { preconditionFailure("\(rule).\(key) is not a table") }
        return t
    }
}

extension RuleContext {
    /// A named-lists parameter (category → keywords), or its default in `RuleRegistry`.
    public func lists(_ rule: RuleID, _ key: String) -> [NamedList] {
        let p = parameter(rule, key)
        if case .lists(let l)? = p.configured { return l }
        guard case .lists(let l) = p.fallback else { preconditionFailure("\(rule).\(key) is not named lists") }
        return l
    }

    /// A conditions parameter (六型 type → conditions), or its default in `RuleRegistry`.
    public func conditions(_ rule: RuleID, _ key: String) -> [String: TypeConditions] {
        let p = parameter(rule, key)
        if case .conditions(let c)? = p.configured { return c }
        guard case .conditions(let c) = p.fallback else { preconditionFailure("\(rule).\(key) is not conditions") }
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
