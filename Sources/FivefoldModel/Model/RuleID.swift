/// The id of a rule (SPEC §4), `family.name`: what a finding carries in `findings.csv`, the key of
/// its settings under `rules:` in a pipeline, and part of every finding's stable id.
///
/// A typed value, not a bare string, so that a misspelt id does not compile: every rule emits and
/// every stage tests findings through these constants. `RuleRegistry` (FivefoldCheck) lists each
/// one with its family, default severity, action and parameters; a test keeps the two in step.
/// The type lives in the model, beside `Finding`, because the normalisers name the `id.*` rules
/// too. On the wire (CSV, ledger, pipeline files) an id stays its text.
public struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The part before the dot (`unify` of `unify.mismatch`): rules of one family check one
    /// concern and are reported together.
    public var family: String {
        rawValue.firstIndex(of: ".").map { String(rawValue[..<$0]) } ?? rawValue
    }

    public var description: String { rawValue }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}

extension RuleID {
    /// ID number blank, not 15/18 characters, a bad character, or a bad birth date inside.
    public static let idFormat = RuleID(rawValue: "id.format")
    /// ID number check character wrong.
    public static let idChecksum = RuleID(rawValue: "id.checksum")
    /// 出生日期 disagrees with the ID number.
    public static let idBirthMismatch = RuleID(rawValue: "id.birth_mismatch")
    /// 性别 disagrees with the ID number.
    public static let idSexMismatch = RuleID(rawValue: "id.sex_mismatch")
    /// A value that cannot be normalised, outside its code list, or out of range.
    public static let valueInvalid = RuleID(rawValue: "value.invalid")
    /// A repeated value outside its code list: a vocabulary gap, reported once.
    public static let vocabularyUnknown = RuleID(rawValue: "vocabulary.unknown")
    /// 家庭人口数 differs from the members listed.
    public static let householdSizeMismatch = RuleID(rawValue: "household.size_mismatch")
    /// No 户主, several, or 户主身份证号 not the 户主 member's.
    public static let householdHead = RuleID(rawValue: "household.head")
    /// An implausible combination of relation, age, sex, schooling and labour.
    public static let memberImplausible = RuleID(rawValue: "member.implausible")
    /// The main cause of poverty contradicts the members.
    public static let householdCause = RuleID(rawValue: "household.cause")
    /// A registered household without 帮扶责任人, or whose cadre is a member.
    public static let householdNoCadre = RuleID(rawValue: "household.no_cadre")
    /// One ID number in several households, or twice in one.
    public static let duplicatePerson = RuleID(rawValue: "duplicate.person")
    /// 识别年度 / 脱贫年度 inconsistent with each other, the status, or the years possible.
    public static let householdYears = RuleID(rawValue: "household.years")
    /// A 六型 household type its members make implausible, or a registered household without one.
    public static let householdType = RuleID(rawValue: "household.type")
    /// 帮扶措施 that do not answer the household's need (housing, school, illness, 兜底), or none.
    public static let householdMeasures = RuleID(rawValue: "household.measures")
    /// One person head of several households.
    public static let duplicateHousehold = RuleID(rawValue: "duplicate.household")
    /// One 户编号 on several records of one source.
    public static let duplicateHouseholdID = RuleID(rawValue: "duplicate.household_id")
    /// A household or member present in some sources, absent in others.
    public static let unifyMissing = RuleID(rawValue: "unify.missing")
    /// A field that disagrees across sources.
    public static let unifyMismatch = RuleID(rawValue: "unify.mismatch")
    /// A listed member is in the deaths registry.
    public static let registryDeceased = RuleID(rawValue: "registry.deceased")
    /// A member is a public employee (财政供养).
    public static let eligibilityPublicEmployee = RuleID(rawValue: "eligibility.public_employee")
    /// A member owns a non-exempt vehicle.
    public static let eligibilityVehicle = RuleID(rawValue: "eligibility.vehicle")
    /// A member owns commercial housing.
    public static let eligibilityProperty = RuleID(rawValue: "eligibility.property")
    /// A member owns a business above the capital limit.
    public static let eligibilityBusiness = RuleID(rawValue: "eligibility.business")
    /// An exited household below its exit year's poverty line.
    public static let exitIncome = RuleID(rawValue: "exit.income")
    /// An exited household in an unsafe house.
    public static let exitHousing = RuleID(rawValue: "exit.housing")
    /// An exited household with a school-age child out of school.
    public static let exitEducation = RuleID(rawValue: "exit.education")
    /// An exited household with an uninsured member.
    public static let exitMedical = RuleID(rawValue: "exit.medical")
    /// An exited household that looks poor by 四看法: a suspected 错退.
    public static let exitFourLooks = RuleID(rawValue: "exit.four_looks")
    /// A 四看法 score that contradicts the registered status.
    public static let identifyFourLooks = RuleID(rawValue: "identify.four_looks")
    /// A recorded poor-village class that disagrees with incidence.
    public static let villageClass = RuleID(rawValue: "village.class")
    /// An exited, 边缘户 or 非贫困户 household just above the poverty line (防返贫监测 list), or an
    /// 边缘户 below it (suspected 漏评).
    public static let monitorEdge = RuleID(rawValue: "monitor.edge")
    /// A household whose income per capita fell sharply since the previous run, or that went
    /// 已脱贫 → 返贫 (read from the ledger's snapshots).
    public static let monitorRelapse = RuleID(rawValue: "monitor.relapse")
}

// 五包 responsibility chain, graded exit sign-off and 公示 (optional accountability inputs).
extension RuleID {
    /// A county with registered households but no 省领导 in the roster (省领导包县).
    public static let rosterCounty = RuleID(rawValue: "roster.county")
    /// A township with registered households but no 市领导 in the roster (市领导包乡).
    public static let rosterTownship = RuleID(rawValue: "roster.township")
    /// A poor village without a 县领导 in the roster (县领导包村).
    public static let rosterVillage = RuleID(rawValue: "roster.village")
    /// A registered household without a 乡镇领导 in the roster (乡镇领导包户).
    public static let rosterHousehold = RuleID(rawValue: "roster.household")
    /// A registered household whose 帮扶责任人 is not its 党员干部 in the roster (党员干部包人).
    public static let rosterCadre = RuleID(rawValue: "roster.cadre")
    /// One person listed with several phone numbers.
    public static let rosterCadrePhones = RuleID(rawValue: "roster.cadre_phones")
    /// One phone number listed for several people.
    public static let rosterSharedPhone = RuleID(rawValue: "roster.shared_phone")
    /// A 党员干部 responsible for more households than the limit.
    public static let rosterCadreLoad = RuleID(rawValue: "roster.cadre_load")
    /// An exit without the 村, 乡 or 县 sign-off.
    public static let signoffMissingLevel = RuleID(rawValue: "signoff.missing_level")
    /// Exit sign-offs dated out of order (村 before 乡 before 县).
    public static let signoffOrder = RuleID(rawValue: "signoff.order")
    /// A sign-off dated before the exit year or after `as_of`.
    public static let signoffDate = RuleID(rawValue: "signoff.date")
    /// A signer not in the roster for the household, its village, township or county.
    public static let signoffSigner = RuleID(rawValue: "signoff.signer")
    /// An identification or exit without a 公示.
    public static let noticeMissing = RuleID(rawValue: "notice.missing")
    /// A 公示 shorter than the configured number of days.
    public static let noticeShort = RuleID(rawValue: "notice.short")
    /// An exit sign-off dated before the exit 公示 ended.
    public static let noticeSignoffEarly = RuleID(rawValue: "notice.signoff_early")
    /// An objection raised during a 公示 without a recorded answer.
    public static let noticeObjection = RuleID(rawValue: "notice.objection")
}
