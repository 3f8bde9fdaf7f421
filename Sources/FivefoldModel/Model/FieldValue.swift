/// One field's value as read and as normalised.
///
/// `normalized` is the canonical text every comparison uses (ISO dates, `是`/`否`, canonical
/// code-list labels, plain decimal numbers in the field's unit). It is nil when the raw value is
/// blank or cannot be normalised; in the latter case `problem` says why.
public struct FieldValue: Hashable, Sendable {
    /// The text exactly as read from the source (after decoding).
    public var raw: String
    /// The canonical form, nil when blank or invalid.
    public var normalized: String?
    /// Why the raw value could not be normalised (nil when it could, or when blank).
    public var problem: String?

    public init(raw: String, normalized: String?, problem: String? = nil) {
        self.raw = raw
        self.normalized = normalized
        self.problem = problem
    }

    /// True when the source left the field empty.
    public var isBlank: Bool { normalized == nil && problem == nil }
    /// True when a value was present but could not be normalised.
    public var isInvalid: Bool { problem != nil }
}

extension FieldValue {
    /// A value as a record's field map holds it: one immutable object that every record with
    /// that value shares (the normalisation memo hands out the same one for the same raw bytes).
    /// A field copied in or freed then costs one reference count, where the three strings of a
    /// `FieldValue` cost up to three, and a field map's values take 8 bytes each, not 48.
    public final class Shared: Sendable {
        public let value: FieldValue

        public init(_ value: FieldValue) { self.value = value }
    }
}
