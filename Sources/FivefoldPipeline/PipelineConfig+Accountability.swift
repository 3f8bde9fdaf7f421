import Foundation
import FivefoldModel
import FivefoldIO
import FivefoldCheck

/// The optional accountability inputs (`accountability:` in a pipeline): the 五包 responsibility
/// roster, the graded exit sign-offs and the 公示 notices. A table the pipeline declares but the
/// dump lacks is skipped with its checks (summary.json `skipped_checks`); a table that is there
/// must have every mapped column, like any other input.
public struct AccountabilityConfig: Sendable {
    public var roster: TableConfig?
    public var signoffs: TableConfig?
    public var notices: TableConfig?

    public init(roster: TableConfig? = nil, signoffs: TableConfig? = nil, notices: TableConfig? = nil) {
        self.roster = roster
        self.signoffs = signoffs
        self.notices = notices
    }

    /// The three tables with their source names (`quarantine/<name>.csv`, summary.json inputs)
    /// and their keys in the pipeline's `accountability:` section.
    var tables: [(name: String, key: String, table: TableConfig?)] {
        [("responsibility", "roster", roster), ("exit_signoffs", "signoffs", signoffs), ("notices", "notices", notices)]
    }
}

/// The columns of the accountability tables beyond the canonical model.
enum AccountabilityFields {
    /// 层级 (roster: 省领导 … 党员干部; sign-offs: 村/乡/县).
    static let level: FieldID = "level"
    /// 姓名 of a roster row.
    static let person: FieldID = "person"
    /// 职务.
    static let title: FieldID = "title"
    /// 电话.
    static let phone: FieldID = "phone"
    /// 签字人, 签字日期.
    static let signer: FieldID = "signer"
    static let signedOn: FieldID = "signed_on"
    /// 公示 类型 (识别/退出), 开始, 结束, 异议, 答复.
    static let noticeType: FieldID = "notice_type"
    static let startDate: FieldID = "start_date"
    static let endDate: FieldID = "end_date"
    static let objection: FieldID = "objection"
    static let answer: FieldID = "answer"

    static let all: [FieldID] = [level, person, title, phone, signer, signedOn, noticeType, startDate, endDate, objection, answer]

    /// The fields each table must map (the roster also needs region_code or household_id).
    static let required: [String: [FieldID]] = [
        "roster": [level, person],
        "signoffs": [.householdID, level, signer, signedOn],
        "notices": [.householdID, noticeType, startDate, endDate],
    ]
}

extension AccountabilityConfig {
    init(node: ConfigNode) throws {
        try node.requireKeys(in: ["roster", "signoffs", "notices"])
        func table(_ key: String) throws -> TableConfig? {
            guard let n = try node.optional(key) else { return nil }
            let table = try TableConfig(node: n, level: .household, extraFields: AccountabilityFields.all)
            let mapped = Set(table.fields.map(\.field))
            let fieldsNode = try n.required("fields")
            for field in AccountabilityFields.required[key] ?? [] where !mapped.contains(field) {
                throw fieldsNode.error("accountability.\(key) must map \(field.rawValue) (e.g. \(field.rawValue): \(Self.defaultHeader(field)))")
            }
            if key == "roster", !mapped.contains(.regionCode), !mapped.contains(.householdID) {
                throw fieldsNode.error("accountability.roster must map region_code (区划代码) and household_id (户编号): area rows name one, household rows the other")
            }
            return table
        }
        roster = try table("roster")
        signoffs = try table("signoffs")
        notices = try table("notices")
    }

    static func defaultHeader(_ field: FieldID) -> String {
        switch field {
        case .householdID: return "户编号"
        case AccountabilityFields.level: return "层级"
        case AccountabilityFields.person: return "姓名"
        case AccountabilityFields.signer: return "签字人"
        case AccountabilityFields.signedOn: return "签字日期"
        case AccountabilityFields.noticeType: return "类型"
        case AccountabilityFields.startDate: return "开始"
        case AccountabilityFields.endDate: return "结束"
        default: return field.rawValue
        }
    }
}
