/// How a canonical field's raw text is normalised and compared.
public enum FieldKind: Hashable, Sendable {
    /// Free text: full-width folded, white space trimmed and collapsed.
    case text
    /// A person's name: as text, plus the middle dot of minority names unified.
    case personName
    /// A resident ID number (GB 11643): upper-cased, 15 digits upgraded to 18.
    case idNumber
    /// A 12-digit administrative region code.
    case regionCode
    /// A whole number (people, months, years of age).
    case integer
    /// A calendar year (识别年度, 脱贫年度).
    case year
    /// A decimal amount with an optional unit; `unit` is the canonical unit (元, 公斤, ㎡).
    case quantity(unit: String)
    /// A calendar date, normalised to ISO `yyyy-MM-dd`.
    case date
    /// A birth date: a calendar date (`yyyy-MM-dd`), or a year and month alone (出生年月,
    /// `1966-08`, `1966年8月`) normalised to `yyyy-MM` (`BirthDate`). Other dates (exit, visit,
    /// signed, notice dates) are `date`: there a month alone is no answer.
    case dateOrMonth
    /// A yes/no value, normalised to `是` / `否`.
    case boolean
    /// One value of a code list (vocabulary name in the synonym tables).
    case enumeration(String)
    /// A set of values of a code list, or of free text when the vocabulary is nil.
    case set(String?)
    /// A telephone number: digits only.
    case phone
}

/// Whether a field describes a household or a member.
public enum FieldLevel: String, Sendable {
    case household, member
}

/// One canonical field: its id, Chinese label, level and kind.
public struct FieldSpec: Sendable {
    public let id: FieldID
    public let chinese: String
    public let level: FieldLevel
    public let kind: FieldKind

    public init(_ id: FieldID, _ chinese: String, _ level: FieldLevel, _ kind: FieldKind) {
        self.id = id
        self.chinese = chinese
        self.level = level
        self.kind = kind
    }
}
