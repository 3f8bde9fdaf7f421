/// What Fivefold did or proposes about a finding.
public enum FindingAction: String, Codable, Sendable {
    /// The system dataset was corrected with evidence (大纠错).
    case corrected
    /// The item needs a field visit (大整改) and is on a worklist.
    case worklist
    /// Reported for information; nothing to do per record.
    case info
}

/// One problem found in the data. A finding is data, never a thrown error.
public struct Finding: Sendable {
    /// The rule's id as text (`RuleID.rawValue`): what `findings.csv` and the ledger hold.
    public var rule: String
    public var severity: Severity
    public var regionCode: String
    public var householdID: String
    /// The member's ID number, else name; empty for household- and village-level findings.
    public var memberID: String
    public var field: String
    /// What each source says, in source order.
    public var values: [(source: SourceID, value: String)]
    public var action: FindingAction
    /// A Chinese message for data teams and field cadres.
    public var message: String
    /// Extra key material that keeps two findings of one rule on one field apart.
    public var discriminator: String

    public init(
        rule: String, severity: Severity, regionCode: String = "", householdID: String = "",
        memberID: String = "", field: String = "", values: [(source: SourceID, value: String)] = [],
        action: FindingAction = .worklist, message: String, discriminator: String = ""
    ) {
        self.rule = rule
        self.severity = severity
        self.regionCode = regionCode
        self.householdID = householdID
        self.memberID = memberID
        self.field = field
        self.values = values
        self.action = action
        self.message = message
        self.discriminator = discriminator
    }

    /// A finding of a registered rule; `rule` holds the id's text, as `findings.csv` does.
    public init(
        rule: RuleID, severity: Severity, regionCode: String = "", householdID: String = "",
        memberID: String = "", field: String = "", values: [(source: SourceID, value: String)] = [],
        action: FindingAction = .worklist, message: String, discriminator: String = ""
    ) {
        self.init(
            rule: rule.rawValue, severity: severity, regionCode: regionCode, householdID: householdID, memberID: memberID,
            field: field, values: values, action: action, message: message, discriminator: discriminator)
    }

    /// The rule as a typed id, for comparing with the `RuleID` constants.
    public var ruleID: RuleID { RuleID(rawValue: rule) }

    /// A stable id: the same problem on the same record gets the same id in every run.
    ///
    /// Built from the rule and the record keys only (never from values or messages), so a
    /// finding keeps its id while its values change and the ledger can follow it across nights.
    /// `F` + 16 hex digits: the letter keeps a spreadsheet from reading an all-digit id as a
    /// number (and rounding it, or dropping a leading zero) when a worklist is opened and saved.
    public var id: String {
        Self.idPrefix + StableHash.hex([rule, regionCode, householdID, memberID, field, discriminator])
    }

    /// The letter before the hex digits of every finding id. Ledgers written before it (bare
    /// 16-digit hex ids) are migrated on open (`Ledger+Schema.swift`), and a returned worklist
    /// carrying a bare id is still matched (`SignoffImporter`).
    public static let idPrefix = "F"

    /// `system=C;archive=C;verification=A`.
    public var valuesText: String {
        values.map { "\($0.source.rawValue)=\($0.value)" }.joined(separator: ";")
    }
}
