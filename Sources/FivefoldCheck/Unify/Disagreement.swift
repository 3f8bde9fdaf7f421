import FivefoldModel

/// One source's value of a field, normalised and as read.
public struct SourceValue: Sendable {
    public var source: SourceID
    /// The canonical value; for an invalid value a marker that agrees with nothing, so a
    /// settled value can replace it (大纠错 of a typo) while the raw text is still shown.
    public var normalized: String
    public var raw: String
    /// True when the source's value could not be normalised.
    public var isInvalid: Bool
    /// Who vouches for the value, for signed results (`核实人 张三 2021-01-05`).
    public var attribution: String? = nil

    public init(source: SourceID, normalized: String, raw: String, isInvalid: Bool = false) {
        self.source = source
        self.normalized = normalized
        self.raw = raw
        self.isInvalid = isInvalid
    }

    /// Whether two present values (neither blank) make equal comparable values, without making
    /// them: equal canonical forms, or both invalid with equal raw text (the marker `init` builds).
    static func same(_ a: FieldValue, _ b: FieldValue) -> Bool {
        if let x = a.normalized, let y = b.normalized { return x == y }
        return a.normalized == nil && b.normalized == nil && a.raw == b.raw
    }

    /// A comparable value, nil when the source left the field blank.
    init?(source: SourceID, _ value: FieldValue) {
        if let normalized = value.normalized {
            self.init(source: source, normalized: normalized, raw: value.raw)
        } else if value.isInvalid {
            self.init(source: source, normalized: "\u{0}invalid:" + value.raw, raw: value.raw)
        } else {
            return nil
        }
    }
}

/// A field on which sources disagree, handed to the Resolve stage.
public struct Disagreement: Sendable {
    /// Index of its `unify.mismatch` finding in the sink.
    public var findingIndex: Int
    public var householdID: String
    public var member: LinkedMember?
    public var field: FieldID
    public var values: [SourceValue]
    public var policy: FieldPolicy
    /// Whether the system holds the record this field belongs to (only then can it be corrected).
    public var systemHasRecord: Bool
}
