import FivefoldModel

/// Every rule Fivefold has (SPEC §4), once: id, default severity and action, Chinese title,
/// what it checks, and the parameters it reads with their defaults.
///
/// Everything that lists or checks rules reads this one list: the pipeline loader (an unknown rule
/// or parameter, or a parameter of the wrong kind, stops the run), the rules themselves (a
/// parameter the pipeline leaves out has the default declared here), `FindingSink` (default
/// severities), worklists and the report (titles), and `fivefold rules`, whose Markdown output is
/// the README's rule table (`scripts/update-readme-rules.sh`). A new rule is a constant in
/// `RuleID` and an entry here; a test fails when a rule emits an id that is not registered.
public enum RuleRegistry {
    public static let entries: [RuleEntry] = [
        RuleEntry(
            .idFormat, .error, title: "身份证号格式错误",
            summary: "ID number blank (a member without 身份证号), not 15/18 characters, a character that is not a digit (or X last), an impossible birth date inside, a birth year before 1900 or a birth date after `as_of`; the message says which"),
        RuleEntry(
            .idChecksum, .error, title: "身份证号校验位错误",
            summary: "GB 11643 check character wrong (`10X98765432`[Σdᵢwᵢ mod 11]); 15-digit numbers upgraded first"),
        RuleEntry(.idBirthMismatch, .error, title: "出生日期与身份证号不符", summary: "出生日期 differs from ID digits 7–14"),
        RuleEntry(.idSexMismatch, .error, title: "性别与身份证号不符", summary: "性别 differs from ID digit 17 (odd 男, even 女)"),
        RuleEntry(
            .valueInvalid, .warning, title: "数据值无效",
            summary: "a value that cannot be normalised, is outside its code list (and not a vocabulary gap), or out of range (any source)",
            parameters: [
                .number("max_household_size", 20, range: 1...100, meaning: "a number of members"),
                .number("max_income_per_capita", 1_000_000, range: 1_000...100_000_000, meaning: "yuan per person and year"),
                .number("max_age", 120, range: 60...150, meaning: "an age in years"),
            ]),
        RuleEntry(
            .vocabularyUnknown, .info, action: .info, title: "词汇缺口（代码表未收录的取值）",
            summary: "a value outside its code list that repeats: at least `min_repeats` rows and either `min_count` rows or `min_share_percent` of its source's rows (at the field's level); one finding per (source, field, value) with count, five example households and the line to add to the vocabulary; its rows are not `value.invalid`, and a `unify.mismatch` only it causes is dropped",
            parameters: [
                .number("min_count", 5, range: 1...1_000_000_000, meaning: "a number of rows"),
                .number("min_share_percent", 0.1, range: 0...100, meaning: "a percentage of the source's rows (0.1 for 0.1 %)"),
                .number("min_repeats", 2, range: 1...1_000_000_000, meaning: "a number of rows"),
            ]),
        RuleEntry(
            .householdSizeMismatch, .warning, title: "家庭人口数不符",
            summary: "家庭人口数 ≠ members listed, in every source that lists members (the wall by its 家庭成员 names)"),
        RuleEntry(.householdHead, .error, title: "户主信息有误", summary: "no 户主, several 户主, or 户主身份证号 not the 户主 member's"),
        RuleEntry(
            .memberImplausible, .warning, title: "成员信息不合常理",
            summary: "之子/之女/儿媳/女婿 not younger than the head, 之父/之母 not older; head and spouse of one sex; 小学 outside ages 6–14; a student not 无劳动能力; 务工 > 12 months; both or neither of 文化程度 and 在校生状况 (文化程度 学龄前儿童 goes with a blank / 学前 / 非在校生 stage)",
            parameters: [
                .number("primary_age_min", 6, range: 0...25, meaning: "an age in years"),
                .number("primary_age_max", 14, range: 0...25, meaning: "an age in years"),
                .number("max_migrant_months", 12, range: 1...12, meaning: "months in a year"),
            ]),
        RuleEntry(
            .householdCause, .warning, title: "致贫原因与成员情况矛盾",
            summary: "因病 with everyone 健康, 因学 with no student (学前 excluded), 因残 with nobody 残疾"),
        RuleEntry(
            .householdNoCadre, .warning, title: "帮扶责任人缺失或有误",
            summary: "a registered household without 帮扶责任人, or whose cadre is a member (same name)"),
        RuleEntry(
            .householdYears, .warning, title: "识别年度或脱贫年度有误",
            summary: "识别年度 after 脱贫年度; 已脱贫 without 脱贫年度, 未脱贫 with one; 返贫 without the 脱贫年度 it fell back from; a year after `as_of`'s year or before `min_year`",
            parameters: [.number("min_year", 2014, range: 1980...2100, meaning: "a year")]),
        RuleEntry(
            .householdType, .warning, title: "六型类别与家庭情况不符",
            summary: "a 建档立卡 household (未脱贫, 已脱贫, 返贫) without 六型类别, or one its members contradict: each type's `needs` facts must hold and its `forbids` facts must not (unless one of its `unless` facts does); facts: able_to_work, labourer, two_labourers, skilled_labourer, migrant_worker, ill_or_disabled, extreme_poverty_support, subsistence_allowance",
            parameters: [.conditions("types", TypeConditions.defaults)]),
        RuleEntry(
            .householdMeasures, .warning, title: "帮扶措施与需求不符",
            summary: "a 建档立卡 household (未脱贫, 已脱贫, 返贫) with no 帮扶措施, or whose measures (mapped onto `categories` by keyword) miss its need: a C/D house without 危房改造/易地搬迁, a student without 教育资助, 因病 or a 患有大病 member without 医疗救助, 政策保障型 without 低保兜底; coverage per village in summary.json and report.html",
            parameters: [
                .lists("categories", MeasureCategories.defaults), .list("unsafe_grades", ["C", "D"]),
                .list("housing_categories", ["危房改造", "易地搬迁"]), .list("education_categories", ["教育资助"]),
                .list("medical_categories", ["医疗救助"]), .list("support_categories", ["低保兜底"]),
                .list("support_types", ["政策保障型"]),
            ]),
        RuleEntry(.duplicatePerson, .error, title: "一人多户", summary: "one ID number in several households (一人多户) or twice in one"),
        RuleEntry(.duplicateHousehold, .error, title: "一人多户主", summary: "one person head of several households"),
        RuleEntry(
            .duplicateHouseholdID, .error, title: "户编号重复",
            summary: "one 户编号 on several household records of one source; the later records take no part in the comparison"),
        RuleEntry(
            .unifyMissing, .warning, title: "五个统一：信息缺失",
            summary: "household or member present in some sources, absent in others (ambiguous member matches included)",
            otherSettings: "`linkage.threshold` 0.75, `linkage.ambiguity_margin` 0.05"),
        RuleEntry(
            .unifyMismatch, .warning, title: "五个统一：信息不一致",
            summary: "a field disagrees across sources, per the field's comparator; interview age vs birth date ±1 year (as of the interview's 走访日期 when mapped, else `as_of`); interview 住房安全 vs the corrected grade; the wall card's 家庭成员 linked to the system's members by name (`MemberLinker.linkNames`, homophones tolerated): one finding per member missing from the card, misspelt on it (`吴红侠` for `吴红霞`) or extra, keyed by the member's ID number (an extra name by itself)",
            otherSettings: "`resolution.fields.*`, `linkage.*`"),
        RuleEntry(.registryDeceased, .error, title: "死亡未销户", summary: "a listed member is in the deaths registry (with the date)"),
        RuleEntry(.eligibilityPublicEmployee, .error, title: "财政供养人员", summary: "a member of a registered household is 财政供养"),
        RuleEntry(
            .eligibilityVehicle, .warning, title: "有车辆", summary: "… owns a vehicle whose type is not exempt",
            parameters: [.list("exempt_types", ["摩托车", "农用车", "三轮车", "三轮汽车", "低速", "拖拉机"])]),
        RuleEntry(.eligibilityProperty, .warning, title: "有商品房", summary: "… owns commercial housing"),
        RuleEntry(
            .eligibilityBusiness, .warning, title: "有工商注册", summary: "… owns a business with registered capital ≥ the limit",
            parameters: [.number("min_registered_capital", 10, unit: "万元", range: 0...10_000, meaning: "an amount in 万元 (10 for 10万元, not 100000 in yuan)")]),
        RuleEntry(
            .exitIncome, .error, title: "疑似错退：收入未达标",
            summary: "an exited household's income per capita below its exit year's line (at the line passes)",
            parameters: [.table("poverty_lines", PovertyLines.defaults)]),
        RuleEntry(
            .exitHousing, .error, title: "疑似错退：住房不安全", summary: "an exited household in house grade C or D",
            parameters: [.list("unsafe_grades", ["C", "D"])]),
        RuleEntry(
            .exitEducation, .error, title: "疑似错退：义务教育未保障",
            summary: "an exited household with a member aged 6–15 (full years at `as_of`) not in school and not on the students registry",
            parameters: [
                .number("min_age", 6, range: 0...25, meaning: "an age in years"), .number("max_age", 15, range: 0...25, meaning: "an age in years"),
            ]),
        RuleEntry(
            .exitMedical, .error, title: "疑似错退：未参加医保",
            summary: "an exited household with a member uninsured in the system and 未参保 in the insurance registry"),
        RuleEntry(
            .exitFourLooks, .warning, title: "疑似错退：四看法显示仍贫困",
            summary: "an exited (已脱贫) household whose 四看法 score reaches the poor cut-off (≥ 60) of `identify.four_looks`: a suspected 错退, counted in 错退率",
            otherSettings: "the points and `poor_min` of `rules.identify.four_looks.params`"),
        RuleEntry(
            .identifyFourLooks, .warning, title: "四看法：疑似错评或漏评",
            summary: "四看法 score: a registered-poor household that looks well-off (≤ 10 points, income ≥ 2× the current line) is a suspected 错评; an unregistered interview household scoring ≥ 60 a suspected 漏评",
            parameters: [
                .points("house_cd", 25), .points("house_b", 10),
                .number("grain_low_kg", 200, range: 0...10_000, meaning: "kg of grain per person"), .points("grain_low", 25),
                .number("grain_mid_kg", 400, range: 0...10_000, meaning: "kg of grain per person"), .points("grain_mid", 10),
                .points("labour_none", 25), .points("labour_one", 10),
                .points("students_two", 25), .points("students_one", 10), .points("poor_min", 60), .points("well_off_max", 10),
                .number("well_off_income_factor", 2, range: 1...20, meaning: "a factor of the poverty line (2 for twice the line)"),
            ]),
        RuleEntry(
            .villageClass, .warning, action: .info, title: "贫困村类别不符",
            summary: "recorded 贫困村类别 differs from the class of its incidence (≥ 37.5% 一类, ≥ 31% 二类, ≥ 27% 三类)",
            parameters: [.percent("class1_min_percent", 37.5), .percent("class2_min_percent", 31), .percent("class3_min_percent", 27)]),
        RuleEntry(
            .monitorEdge, .warning, title: "防返贫监测：临界收入或边缘户漏评",
            summary: "an 已脱贫, 边缘户 or 非贫困户 household with line ≤ income per capita < monitoring line goes on the monitoring list (monitoring.csv; always severity info, action info, no worklist item); an 边缘户 below the line is a suspected 漏评 (this severity, worklist). Line: `exit.income`'s `poverty_lines` for the `as_of` year (else the latest earlier year); monitoring line: `monitor_lines` for that year when given, else `line_factor` × line",
            parameters: [.number("line_factor", 1.5, range: 1...10, meaning: "a factor of the poverty line (1.5 for 150 %)"), .table("monitor_lines", [:])],
            otherSettings: "`rules.exit.income.params.poverty_lines`"),
        RuleEntry(
            .monitorRelapse, .warning, title: "防返贫监测：收入骤降或返贫",
            summary: "against the ledger's last snapshot of the household (an earlier run): income per capita fell by more than `drop_percent` % (exactly that much does not fire), or 脱贫状态 went 已脱贫 → 返贫; the finding carries both values and both runs' `as_of` dates. Skipped without a ledger (`--no-ledger`; summary.json `monitoring.relapse_skipped`)",
            parameters: [.percent("drop_percent", 30, unit: "%")]),
        // 五包 responsibility chain (`accountability.roster`): skipped without a roster.
        RuleEntry(
            .rosterCounty, .warning, title: "五包：县无省领导联系",
            summary: "a county with registered households and no 省领导 in the roster (省领导包县); needs `accountability.roster`"),
        RuleEntry(
            .rosterTownship, .warning, title: "五包：乡镇无市领导联系",
            summary: "a township with registered households and no 市领导 in the roster (市领导包乡); needs `accountability.roster`"),
        RuleEntry(
            .rosterVillage, .warning, title: "五包：贫困村无县领导联系",
            summary: "a poor village (一/二/三类 in the village register, or with registered-poor households) and no 县领导 in the roster (县领导包村); needs `accountability.roster`"),
        RuleEntry(
            .rosterHousehold, .warning, title: "五包：贫困户无乡镇领导包户",
            summary: "a registered household (未脱贫, 已脱贫, 返贫) with no 乡镇领导 row for its 户编号 (乡镇领导包户); needs `accountability.roster`"),
        RuleEntry(
            .rosterCadre, .warning, title: "五包：帮扶责任人不在名册",
            summary: "a registered household with no 党员干部 row for its 户编号, or whose 帮扶责任人 (corrected system value) is none of them (党员干部包人); a blank 帮扶责任人 is `household.no_cadre`'s; needs `accountability.roster`"),
        RuleEntry(
            .rosterCadrePhones, .warning, title: "五包：同一责任人多个电话",
            summary: "one name in the roster with several phone numbers; needs `accountability.roster`"),
        RuleEntry(
            .rosterSharedPhone, .warning, title: "五包：多名责任人共用电话",
            summary: "one phone number in the roster for several names; needs `accountability.roster`"),
        RuleEntry(
            .rosterCadreLoad, .warning, title: "五包：党员干部帮扶户数过多",
            summary: "a 党员干部 responsible for more households than `max_households` (distinct 户编号 of their roster rows); needs `accountability.roster`",
            parameters: [.number("max_households", 10, range: 1...10_000, meaning: "a number of households")]),
        // 分级签字确认 of exits (`accountability.signoffs`): skipped without the sign-off table.
        RuleEntry(
            .signoffMissingLevel, .error, title: "退出签字：缺少层级",
            summary: "an exited household (已脱贫 with a 脱贫年度) without a 村, 乡 or 县 sign-off (none at all: all three are missing); needs `accountability.signoffs`"),
        RuleEntry(
            .signoffOrder, .warning, title: "退出签字：顺序颠倒",
            summary: "sign-offs of an exit dated out of order: 村 after 乡, 乡 after 县 or 村 after 县 (the same day is in order); needs `accountability.signoffs`"),
        RuleEntry(
            .signoffDate, .warning, title: "退出签字：日期不合理",
            summary: "a sign-off dated before 1 January of the household's 脱贫年度, or after `as_of`; needs `accountability.signoffs`"),
        RuleEntry(
            .signoffSigner, .warning, title: "退出签字：签字人不在五包名册",
            summary: "a signer who is not in the roster for the household (its 乡镇领导 and 党员干部) or for its village, township or county; needs `accountability.signoffs` and `accountability.roster`"),
        // 公示 (`accountability.notices`): skipped without the notice table.
        RuleEntry(
            .noticeMissing, .error, title: "公示：未公示",
            summary: "a registered household without a 识别 notice, or an exited household without a 退出 notice; needs `accountability.notices`"),
        RuleEntry(
            .noticeShort, .warning, title: "公示：公示期不足",
            summary: "a notice posted fewer than `min_days` days, both ends counted (1–7 October is 7 days and passes; 1–6 October fails); needs `accountability.notices`",
            parameters: [.number("min_days", 7, range: 1...366, meaning: "a number of days")]),
        RuleEntry(
            .noticeSignoffEarly, .warning, title: "公示：公示未结束即签字",
            summary: "an exit sign-off at one of `levels` dated on or before the last day of the household's 退出 notice (the notice still runs that day); the 村 sign-off precedes the 村级公示 in the usual order (评议, 公示, 乡镇审核, 县级审定), so the default levels are 乡 and 县; needs `accountability.notices` and `accountability.signoffs`",
            parameters: [.list("levels", ["乡", "县"])]),
        RuleEntry(
            .noticeObjection, .warning, title: "公示：异议未答复",
            summary: "a notice with an objection (异议 not blank, 无 or 否) and no recorded answer; needs `accountability.notices`"),
    ]

    /// Every registered id, in the registry's order.
    public static let ids: [RuleID] = entries.map(\.id)

    /// The families whose rules read optional inputs (the accountability tables: 五包 roster,
    /// exit sign-offs, 公示 notices). Neither fixtures/sample nor the generator holds those
    /// tables; their planted cases are in fixtures/accountability.
    public static let optionalInputFamilies: Set<String> = ["roster", "signoff", "notice"]

    private static let byID: [RuleID: RuleEntry] = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// The entry of a rule, nil for an id nobody registered.
    public static func entry(_ id: RuleID) -> RuleEntry? { byID[id] }

    /// The entry of a rule given as text (a pipeline key, a `findings.csv` column).
    public static func entry(_ id: String) -> RuleEntry? { byID[RuleID(rawValue: id)] }

    /// The Chinese title of a rule (its id when unknown).
    public static func chineseTitle(_ id: String) -> String { entry(id)?.title ?? id }

    /// The built-in severity of a rule id (warning for unknown ids).
    public static func defaultSeverity(_ id: String) -> Severity { entry(id)?.severity ?? .warning }

    /// The default of a parameter a rule declares; a rule reading an undeclared parameter is a
    /// programming error (the loader would refuse it in a pipeline), so it stops here.
    static func defaultValue(_ rule: RuleID, _ name: String) -> RuleParameter {
        guard let parameter = entry(rule)?.parameter(name) else {
            preconditionFailure("rule \(rule) reads parameter \(name), which RuleRegistry does not declare")
        }
        return parameter.defaultValue
    }
}
