// IDNumberCheck is everything Fivefold learns from reading one ID number, computed once.
//
// An ID number feeds several rules (format, checksum, birth date and sex agreement, duplicate
// persons) and is the member key across sources. Parsing it once into a value that carries the
// normalised form, the decoded facts and the problem, if any, keeps those rules consistent and
// cheap.

/// The result of parsing one resident ID number (see `IDNumber.parse(_:)`).
public struct IDNumberCheck: Hashable, Sendable {
    /// The text as given.
    public let raw: String
    /// The 18-character upper-case form (15-digit numbers upgraded), or nil when the text is not
    /// an ID number format. Present even when the check character is wrong: the wrong
    /// character is kept, so the value still identifies the person it was typed for.
    public let normalized: String?
    /// True when the text has an ID number format: 15 digits, or 17 digits and a digit or X,
    /// with a real birth date.
    public let isFormatValid: Bool
    /// True when the check character is right (always true for an upgraded 15-digit number,
    /// whose check character is computed). False when the format is invalid.
    public let isChecksumValid: Bool
    /// The check character the first 17 characters call for, when the format is valid.
    public let expectedCheckCharacter: Character?
    /// True when `raw` was a first-generation 15-digit number upgraded to 18 characters.
    public let wasUpgraded: Bool
    /// The birth date encoded in the number (digits 7–14), when the format is valid.
    public let birthDate: CivilDate?
    /// `男` when digit 17 is odd, `女` when even; nil when the format is invalid.
    public let sex: String?
    /// The 6-digit administrative region prefix (where the number was issued), when valid.
    public let regionPrefix: String?
    /// Why the number is not valid, nil when it is.
    public let problem: IDNumberProblem?

    /// True when the number is well-formed and its check character is right.
    public var isValid: Bool { problem == nil }

    /// A check for text that is not an ID number format.
    init(raw: String, formatProblem reason: String) {
        self.raw = raw
        self.normalized = nil
        self.isFormatValid = false
        self.isChecksumValid = false
        self.expectedCheckCharacter = nil
        self.wasUpgraded = false
        self.birthDate = nil
        self.sex = nil
        self.regionPrefix = nil
        self.problem = .format(reason)
    }

    /// A check for a well-formed number.
    init(
        raw: String, normalized: String, expected: Character, wasUpgraded: Bool,
        birthDate: CivilDate, sex: String, regionPrefix: String
    ) {
        self.raw = raw
        self.normalized = normalized
        self.isFormatValid = true
        // normalized always has 18 ASCII characters here; its last byte is the check character
        // (`String.last` walks grapheme clusters back from the end, a visible cost per ID).
        let found = Character(Unicode.Scalar(normalized.utf8.last!))
        self.isChecksumValid = found == expected
        self.expectedCheckCharacter = expected
        self.wasUpgraded = wasUpgraded
        self.birthDate = birthDate
        self.sex = sex
        self.regionPrefix = regionPrefix
        self.problem = found == expected ? nil : .checksum(expected: expected, found: found)
    }
}
