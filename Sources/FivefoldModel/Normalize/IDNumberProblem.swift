// IDNumberProblem separates the two ways an ID number fails, because the rules report them apart.
//
// SPEC §4 has one rule for "not an ID number at all" (`id.format`: wrong length, letters, an
// impossible birth date) and another for "an ID number with a wrong check character"
// (`id.checksum`, usually a single mistyped digit). Keeping the distinction as data lets the rule
// pick its id and message without re-parsing.

/// Why a resident ID number is not valid.
public enum IDNumberProblem: Hashable, Sendable, CustomStringConvertible {
    /// Not an ID number format: wrong length, characters other than digits and a final X, or an
    /// impossible birth date. The associated text says which, in Chinese.
    case format(String)
    /// Well-formed, but the 18th character is not the check character of the first 17.
    case checksum(expected: Character, found: Character)

    /// The SPEC §4 rule id that reports this problem: `id.format` or `id.checksum`.
    public var ruleID: RuleID {
        switch self {
        case .format: return .idFormat
        case .checksum: return .idChecksum
        }
    }

    /// A short Chinese message for findings.
    public var message: String {
        switch self {
        case .format(let reason): return "身份证号格式错误: \(reason)"
        case .checksum(let expected, let found): return "身份证号校验位错误: 应为\(expected), 实为\(found)"
        }
    }

    /// The Chinese message.
    public var description: String { message }
}
