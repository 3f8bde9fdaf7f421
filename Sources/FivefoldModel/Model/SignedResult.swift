/// A field team's signed result for one worklist item (分级签字确认), stored in `signoffs`.
///
/// Either the verified value of the finding's field (`kind == .value`, `value` normalised like
/// the field: `A` for 住房安全等级, `3500` for 人均纯收入), or a verdict on a finding without a
/// field (`confirmed` for 属实, `refuted` for 不属实).
public struct SignedResult: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// 核实结果 is the verified value of the field.
        case value
        /// 核实结果 属实: the problem is real.
        case confirmed
        /// 核实结果 不属实: the problem is not real.
        case refuted
    }

    public var id: Int64?
    public var findingID: String
    public var householdID: String
    public var memberID: String
    /// The canonical field the value is for; empty for verdicts on findings without a field.
    public var field: String
    public var kind: Kind
    /// The canonical value (for `value`), or 属实 / 不属实.
    public var value: String
    /// 核实结果 as written.
    public var rawValue: String
    /// 核实人.
    public var signer: String
    /// 核实日期, ISO yyyy-MM-dd.
    public var signedOn: String
    /// The returned worklist and the line the row started on.
    public var sourceFile: String
    public var sourceLine: Int
    /// When it was imported (ISO 8601, UTC).
    public var imported: String

    enum CodingKeys: String, CodingKey {
        case id, field, kind, value, signer, imported
        case findingID = "finding_id"
        case householdID = "household_id"
        case memberID = "member_id"
        case rawValue = "raw_value"
        case signedOn = "signed_on"
        case sourceFile = "source_file"
        case sourceLine = "source_line"
    }

    public init(
        id: Int64? = nil, findingID: String, householdID: String, memberID: String, field: String, kind: Kind,
        value: String, rawValue: String, signer: String, signedOn: String, sourceFile: String, sourceLine: Int,
        imported: String
    ) {
        self.id = id
        self.findingID = findingID
        self.householdID = householdID
        self.memberID = memberID
        self.field = field
        self.kind = kind
        self.value = value
        self.rawValue = rawValue
        self.signer = signer
        self.signedOn = signedOn
        self.sourceFile = sourceFile
        self.sourceLine = sourceLine
        self.imported = imported
    }

    /// `核实人 张三 2021-01-05`: how corrections and messages cite the signer.
    public var attribution: String { "核实人 \(signer) \(signedOn)" }
}
