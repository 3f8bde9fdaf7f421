import FivefoldModel

/// Every rule id of SPEC §4 with its default severity and a one-line description.
///
/// The README's rule table is written from this list; pipelines may override severities.
public enum RuleCatalog {
    public struct Entry: Sendable {
        public let id: String
        public let severity: Severity
        public let summary: String
    }

    public static let entries: [Entry] = [
        Entry(id: "id.format", severity: .error, summary: "ID number blank, not 15/18 digits, a bad character, or a bad birth date inside (says which)"),
        Entry(id: "id.checksum", severity: .error, summary: "ID number check character wrong"),
        Entry(id: "id.birth_mismatch", severity: .error, summary: "birth date disagrees with the ID number"),
        Entry(id: "id.sex_mismatch", severity: .error, summary: "sex disagrees with the ID number"),
        Entry(id: "value.invalid", severity: .warning, summary: "value cannot be normalised, outside its code list, or out of range"),
        Entry(id: "vocabulary.unknown", severity: .info, summary: "a repeated value outside its code list: a vocabulary gap, reported once"),
        Entry(id: "household.size_mismatch", severity: .warning, summary: "recorded size differs from the number of members"),
        Entry(id: "household.head", severity: .error, summary: "no head, several heads, or head_id not the 户主 member"),
        Entry(id: "member.implausible", severity: .warning, summary: "relation/age/sex/schooling/labour combination implausible"),
        Entry(id: "household.cause", severity: .warning, summary: "main cause of poverty contradicts the members"),
        Entry(id: "household.no_cadre", severity: .warning, summary: "registered household without a responsible cadre, or the cadre is a member"),
        Entry(id: "duplicate.person", severity: .error, summary: "one ID number in several households or twice in one"),
        Entry(id: "duplicate.household", severity: .error, summary: "one head registered as head of several households"),
        Entry(id: "unify.missing", severity: .warning, summary: "household or member present in some sources, absent in others"),
        Entry(id: "unify.mismatch", severity: .warning, summary: "a field disagrees across sources"),
        Entry(id: "registry.deceased", severity: .error, summary: "a listed member is in the deaths registry"),
        Entry(id: "eligibility.public_employee", severity: .error, summary: "a member is a public employee (财政供养)"),
        Entry(id: "eligibility.vehicle", severity: .warning, summary: "a member owns a non-exempt vehicle"),
        Entry(id: "eligibility.property", severity: .warning, summary: "a member owns commercial housing"),
        Entry(id: "eligibility.business", severity: .warning, summary: "a member owns a business above the capital limit"),
        Entry(id: "exit.income", severity: .error, summary: "exited household below the exit year's poverty line"),
        Entry(id: "exit.housing", severity: .error, summary: "exited household in an unsafe house (C/D)"),
        Entry(id: "exit.education", severity: .error, summary: "exited household with a school-age child out of school"),
        Entry(id: "exit.medical", severity: .error, summary: "exited household with an uninsured member"),
        Entry(id: "identify.four_looks", severity: .warning, summary: "四看法 score contradicts the registered status"),
        Entry(id: "village.class", severity: .warning, summary: "recorded poor-village class disagrees with incidence"),
    ]

    public static let ids: [String] = entries.map(\.id)

    /// Chinese titles for worklists and the report.
    static let chineseTitles: [String: String] = [
        "id.format": "身份证号格式错误", "id.checksum": "身份证号校验位错误",
        "id.birth_mismatch": "出生日期与身份证号不符", "id.sex_mismatch": "性别与身份证号不符",
        "value.invalid": "数据值无效", "vocabulary.unknown": "词汇缺口（代码表未收录的取值）", "household.size_mismatch": "家庭人口数不符",
        "household.head": "户主信息有误", "member.implausible": "成员信息不合常理",
        "household.cause": "致贫原因与成员情况矛盾", "household.no_cadre": "帮扶责任人缺失或有误",
        "duplicate.person": "一人多户", "duplicate.household": "一人多户主",
        "unify.missing": "五个统一：信息缺失", "unify.mismatch": "五个统一：信息不一致",
        "registry.deceased": "死亡未销户", "eligibility.public_employee": "财政供养人员",
        "eligibility.vehicle": "有车辆", "eligibility.property": "有商品房", "eligibility.business": "有工商注册",
        "exit.income": "疑似错退：收入未达标", "exit.housing": "疑似错退：住房不安全",
        "exit.education": "疑似错退：义务教育未保障", "exit.medical": "疑似错退：未参加医保",
        "identify.four_looks": "四看法：疑似错评或漏评", "village.class": "贫困村类别不符",
    ]

    /// The Chinese title of a rule (its id when unknown).
    public static func chineseTitle(_ id: String) -> String { chineseTitles[id] ?? id }

    /// The built-in severity of a rule id (warning for unknown ids).
    public static func defaultSeverity(_ id: String) -> Severity {
        entries.first { $0.id == id }?.severity ?? .warning
    }
}
