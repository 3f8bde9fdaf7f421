import FivefoldModel

/// `exit.four_looks`: 四看法 for exits. An exited (已脱贫) household that looks poor on the four
/// looks (score ≥ `poor_min` of `identify.four_looks`) is a suspected 错退 (SPEC §1: "one that
/// looks poor on all four but is unregistered or exited").
///
/// It scores with `identify.four_looks`'s points and cut-off, so one scheme serves both rules;
/// its id is in the `exit` family, so it counts in 错退率 like the other exit checks.
public struct ExitFourLooksRule: CaseRule {
    static let rule = RuleID.exitFourLooks

    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard sink.isEnabled(Self.rule), let system = c.system, !system.isMemberOnly, system[.status] == "已脱贫" else { return }
        let looks = FourLooksRule()
        guard let score = looks.score(system, context: context) else { return }
        let poorMin = context.number(FourLooksRule.rule, "poor_min")
        guard Double(score.total) >= poorMin else { return }
        let year = system[.exitYear].map { "于\($0)年" } ?? ""
        sink.emit(Self.rule, case: c, field: .status, values: [(.system, system[.status] ?? ""), ("four_looks", looks.describe(score))],
                  message: "已\(year)脱贫，但四看法得分\(score.total)（\(looks.describe(score))），达到贫困标准\(RegistryRules.format(poorMin))分：疑似错退")
    }
}
