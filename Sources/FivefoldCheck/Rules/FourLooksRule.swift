import FivefoldModel

/// `identify.four_looks`: the 四看法 hardship score (SPEC §4) against the registered status.
///
/// 一看房, 二看粮, 三看劳动力强不强, 四看有没有读书郎: each look scores 0–25 points of hardship.
/// A registered-poor household that looks well-off (score ≤ `well_off_max` and income ≥
/// `well_off_income_factor` × the current line) is a suspected 错评; an unregistered interview
/// household that looks poor (score ≥ `poor_min`) is a suspected 漏评. All points are parameters.
public struct FourLooksRule: CaseRule {
    static let rule = RuleID.identifyFourLooks

    public struct Score: Sendable, Equatable {
        public var house: Int
        public var grain: Int
        public var labour: Int
        public var school: Int
        public var total: Int { house + grain + labour + school }
    }

    public init() {}

    /// Scores one source's record of a household. Nil when it lacks housing or members.
    public func score(_ record: HouseholdRecord, context: RuleContext) -> Score? {
        let p = { (key: String) in Int(context.number(Self.rule, key)) }
        var house: Int?
        switch record[.houseGrade] ?? record[.houseSafe].map({ $0 == "不安全" ? "C" : "A" }) {
        case "C"?, "D"?: house = p("house_cd")
        case "B"?: house = p("house_b")
        case "A"?: house = 0
        default: house = nil
        }
        guard let house, !record.members.isEmpty else { return nil }
        let people = Double(record.members.count)
        var grain = 0
        if let kg = record[.grainKg].flatMap(Double.init) {
            let perCapita = kg / people
            if perCapita < context.number(Self.rule, "grain_low_kg") { grain = p("grain_low") }
            else if perCapita < context.number(Self.rule, "grain_mid_kg") { grain = p("grain_mid") }
        }
        let labourers = record.members.filter { MemberFacts.isLabourer($0[.labor]) }.count
        let labour = labourers == 0 ? p("labour_none") : labourers == 1 ? p("labour_one") : 0
        let students = record.members.filter { MemberFacts.isStudent($0[.inSchool]) }.count
        let school = students >= 2 ? p("students_two") : students == 1 ? p("students_one") : 0
        return Score(house: house, grain: grain, labour: labour, school: school)
    }

    /// Registered households: a suspected 错评 when a registered-poor household looks well-off.
    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard let system = c.system, !system.isMemberOnly, MemberFacts.isRegisteredPoor(system[.status]),
            let score = score(system, context: context),
            let income = system[.incomePerCapita].flatMap(Double.init),
            let line = context.povertyLineNow
        else { return }
        let wellOffMax = context.number(Self.rule, "well_off_max")
        let factor = context.number(Self.rule, "well_off_income_factor")
        guard Double(score.total) <= wellOffMax, income >= factor * line else { return }
        sink.emit(Self.rule, case: c, field: .status, values: [(.system, system[.status] ?? ""), ("four_looks", describe(score))],
                  message: "登记为\(system[.status] ?? "")，但四看法得分\(score.total)（\(describe(score))），人均纯收入\(RegistryRules.format(income))元：疑似错评")
    }

    /// Unregistered interview households: a suspected 漏评 when the household looks poor.
    ///
    /// Returns the decision itself (the rule enabled and the household looking poor), so that the
    /// 漏评率 counters count exactly the households judged here, not whatever findings happen to
    /// share a discriminator in the same partition.
    @discardableResult
    public func check(unregistered record: HouseholdRecord, context: RuleContext, sink: inout FindingSink) -> Bool {
        guard sink.isEnabled(Self.rule), let score = score(record, context: context) else { return false }
        guard Double(score.total) >= context.number(Self.rule, "poor_min") else { return false }
        let head = record[.headName] ?? record.members.first { CanonicalText.equals($0[.relation], "户主") }?[.name] ?? ""
        sink.emit(Finding(
            rule: Self.rule, severity: .warning, regionCode: record[.regionCode] ?? "", householdID: record.householdID, memberID: head,
            field: FieldID.status.rawValue,
            values: [(.interview, "未建档"), ("four_looks", describe(score))], action: .worklist,
            message: "未建档户\(head)（见\(record.location)）四看法得分\(score.total)（\(describe(score))）：疑似漏评，请核实是否应纳入",
            discriminator: Self.discriminator(record)))
        return true
    }

    /// Keeps two unregistered households with the same head name apart by what the interview
    /// says about them — not by where it says it: the finding id must survive a renamed or
    /// re-sorted interview file, or the ledger would see every such finding resolved and new
    /// again. The interview's own key (a 户编号 the system does not hold) is in the finding's
    /// household id already; without one, the place (区划代码, 乡镇, 村, when the interview has
    /// them) and the member names tell households apart.
    static func discriminator(_ record: HouseholdRecord) -> String {
        guard record.householdID.isEmpty else { return "unregistered" }
        let place = [FieldID.regionCode, .township, .village].map { record[$0] ?? "" }.joined(separator: "/")
        let names = record.members.compactMap { $0[.name] }.sorted().joined(separator: "、")
        return "unregistered:\(place):\(names)"
    }

    func describe(_ s: Score) -> String {
        "房\(s.house)+粮\(s.grain)+劳\(s.labour)+学\(s.school)"
    }
}
