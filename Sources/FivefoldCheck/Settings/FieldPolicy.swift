import FivefoldModel

/// How one field is compared across sources and settled when they disagree.
public struct FieldPolicy: Sendable, Hashable {
    public enum Comparator: String, Sendable, CaseIterable {
        /// Canonical text must be identical.
        case exact
        /// Text compared after folding white space, punctuation and case.
        case text
        /// Numbers within `absoluteTolerance` or `relativeTolerance`.
        case numeric
        /// Dates, or a date against an age in years (±1).
        case date
        /// Sets of items compared regardless of order.
        case set
    }

    public var comparator: Comparator
    public var absoluteTolerance: Double
    public var relativeTolerance: Double
    /// Most trusted first. Sources not listed never settle a value.
    public var trust: [SourceID]
    /// Sources whose value settles the field on their own (e.g. verification for house_grade).
    public var authoritative: [SourceID]
    /// How many agreeing sources (the trusted one included) settle a value.
    public var minAgree: Int
    /// False for fields only a field visit may change (status, attribute): always worklist.
    public var autoCorrect: Bool
    /// Whether this field is compared across sources at all.
    public var compare: Bool
    /// Category mapping: this field's values are compared with another field's value in the
    /// corrected system record (interview 住房安全 安全/不安全 against house_grade A–D).
    public var against: FieldID?
    /// This field's value → the other field's values it stands for (安全 → [A, B]).
    public var categories: [String: [String]]

    public init(
        comparator: Comparator = .exact, absoluteTolerance: Double = 0, relativeTolerance: Double = 0,
        trust: [SourceID] = [], authoritative: [SourceID] = [], minAgree: Int = 2,
        autoCorrect: Bool = true, compare: Bool = true, against: FieldID? = nil, categories: [String: [String]] = [:]
    ) {
        self.against = against
        self.categories = categories
        self.comparator = comparator
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.trust = trust
        self.authoritative = authoritative
        self.minAgree = minAgree
        self.autoCorrect = autoCorrect
        self.compare = compare
    }
}
