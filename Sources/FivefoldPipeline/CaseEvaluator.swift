import FivefoldModel
import FivefoldCheck
import FivefoldReport

/// The judgement of one batch of households (a partition): member linkage, 五个统一 comparison,
/// resolution, integrity rules on the data as received and as corrected, and the status rules
/// on the corrected data. Everything here is per household, so the result of a province does
/// not depend on how its households were partitioned; what crosses households (duplicates,
/// villages, counties) leaves as an `IdentityBatch` and `PartCounters` for the assembly.
struct CaseEvaluator {
    let config: PipelineConfig
    let asOf: CivilDate
    /// The village register (code → name), for the region-code consistency check.
    var villageNames: [String: String] = [:]
    /// Signed field results from the ledger (分级签字确认), fed into resolution.
    var signed = SignedEvidence()
    /// The 五包 roster, exit sign-offs and 公示 notices (each nil when the dump has none).
    var accountability = AccountabilityBook(roster: nil, signoffs: nil, notices: nil)

    struct Output {
        var findings: [Finding] = []
        var corrections: [Correction] = []
        var directory = HouseholdDirectory()
        var identities = IdentityBatch()
        var counters = PartCounters()
        /// One row per system household, for `monitor.relapse` in the assembly (empty when the
        /// rule is off).
        var monitor: [MonitorRow] = []
    }

    /// Judges one batch: each step below in turn, on the same cases.
    func evaluate(households: [SourceID: [HouseholdRecord]], registries: Registries) -> Output {
        let matched = HouseholdMatcher().match(households)
        let receivedCases = linkMembers(matched.cases, registries: registries)
        let context = RuleContext(config: config, asOf: asOf, registries: registries, villageNames: villageNames, accountability: accountability)
        let unify = unifyRules()
        var (findings, corrections) = compareSources(receivedCases, unify: unify, context: context)
        let cases = judgeIntegrity(receivedCases, corrections: corrections, findings: &findings, context: context)
        let status = judgeStatus(cases, unregistered: matched.unregistered, unify: unify, context: context)
        findings += status.findings
        findings += repeatedHouseholdIDs(matched.repeated, cases: cases)
        signed.annotate(&findings)
        let categories = context.settings.rule(.householdMeasures).enabled ? context.lists(.householdMeasures, "categories") : []
        var result = output(
            findings: findings, corrections: corrections, received: receivedCases, corrected: cases, unregistered: matched.unregistered,
            looksPoor: status.looksPoor, measureCategories: categories)
        if context.settings.rule(.monitorRelapse).enabled {
            result.monitor = cases.compactMap { MonitorRow($0, directory: result.directory) }
        }
        return result
    }

    /// Links each household's members across sources (by ID number, else by name).
    func linkMembers(_ cases: [HouseholdCase], registries: Registries) -> [HouseholdCase] {
        var cases = cases
        let linker = MemberLinker(threshold: config.linkage.threshold, ambiguityMargin: config.linkage.ambiguityMargin, asOf: asOf)
        for i in cases.indices { linker.link(&cases[i], registries: registries) }
        return cases
    }

    /// The 五个统一 rules for the pipeline's sources, with the signed results they defer to.
    func unifyRules() -> UnifyRules {
        let memberSources = Set(config.sources.filter { $0.members != nil || $0.households.memberPath != nil }.map(\.id))
        var unify = UnifyRules(sources: config.sources.map(\.id), memberSources: memberSources, resolution: config.resolution)
        unify.signed = signed
        return unify
    }

    /// Compares the sources (`unify.*`) and plans the corrections the evidence settles: field
    /// values, then member rows.
    func compareSources(_ cases: [HouseholdCase], unify: UnifyRules, context: RuleContext) -> (findings: [Finding], corrections: [Correction]) {
        var sink = FindingSink(settings: context.settings)
        var disagreements: [Disagreement] = []
        var rowCandidates: [[RowCandidate]] = []
        for c in cases {
            var rows: [RowCandidate] = []
            unify.check(c, context: context, sink: &sink, disagreements: &disagreements, rows: &rows)
            rowCandidates.append(rows)
        }
        var findings = sink.findings
        var corrections = CorrectionPlanner().plan(disagreements, findings: &findings)
        let rowPlanner = MemberRowPlanner(resolution: config.resolution, hukouSupplied: context.registries.has("hukou"))
        for (i, rows) in rowCandidates.enumerated() where !rows.isEmpty {
            corrections += rowPlanner.plan(rows, in: cases[i], findings: &findings)
        }
        return (findings, corrections)
    }

    /// Integrity rules judge the system data as received (大排查), and again as corrected: a
    /// problem the corrections resolved is reported with action `corrected`; one they leave
    /// stays on the worklist. Only corrected households can change between the two, so only they
    /// are judged twice. Returns the corrected cases.
    func judgeIntegrity(
        _ receivedCases: [HouseholdCase], corrections: [Correction], findings: inout [Finding], context: RuleContext
    ) -> [HouseholdCase] {
        var cases = receivedCases
        let received = Self.integrityFindings(cases, context: context)
        CorrectionApplier.apply(corrections, to: &cases)
        Self.reconcileMemberNames(&findings, cases: cases, corrections: corrections, policy: config.resolution.policy(for: .memberNames))
        let changed = Set(corrections.map(\.householdID))
        let remaining = Self.integrityFindings(cases.filter { changed.contains($0.householdID) }, context: context)
        findings += received.filter { !changed.contains($0.householdID) }
        findings += Self.reconcile(received: received.filter { changed.contains($0.householdID) }, remaining: remaining)
        return cases
    }

    /// The rules that judge a household's status, on the corrected system data: categories,
    /// registries, exit standards, 四看法 (also on unregistered interview households), and the
    /// 防返贫监测 band (`monitor.edge`). With the findings, which unregistered households looked
    /// poor (one flag per household, in order): the 漏评 decision the counters take, never
    /// re-derived from findings.
    func judgeStatus(
        _ cases: [HouseholdCase], unregistered: [HouseholdRecord], unify: UnifyRules, context: RuleContext
    ) -> (findings: [Finding], looksPoor: [Bool]) {
        var judged = FindingSink(settings: context.settings)
        let statusRules: [CaseRule] = [
            RegistryRules(), ExitRules(), ExitFourLooksRule(), FourLooksRule(), HouseholdTypeRule(), HouseholdMeasuresRule(),
            MonitorEdgeRule(), AccountabilityRules(),
        ]
        for c in cases {
            unify.checkCategories(c, context: context, sink: &judged)
            for rule in statusRules { rule.check(c, context: context, sink: &judged) }
        }
        let fourLooks = FourLooksRule()
        let looksPoor = unregistered.map { fourLooks.check(unregistered: $0, context: context, sink: &judged) }
        return (judged.findings, looksPoor)
    }

    /// `duplicate.household_id`: records whose 户编号 a source already had took no part.
    func repeatedHouseholdIDs(_ repeated: [HouseholdRecord], cases: [HouseholdCase]) -> [Finding] {
        var sink = FindingSink(config: config)
        RepeatedHouseholdIDRule().check(repeated, cases: cases, sink: &sink)
        return sink.findings
    }

    /// What the batch hands to the assembly: findings, corrections, the directory, the ID numbers
    /// (for the duplicate rules across batches) and the counters.
    func output(
        findings: [Finding], corrections: [Correction], received receivedCases: [HouseholdCase], corrected cases: [HouseholdCase],
        unregistered: [HouseholdRecord], looksPoor: [Bool], measureCategories: [NamedList] = []
    ) -> Output {
        var output = Output()
        output.findings = findings
        output.corrections = corrections
        output.directory = HouseholdDirectory(cases: cases)
        let removed = Set(corrections.filter { $0.field == MemberRowPolicy.field && $0.newValue != "added" }.map { $0.householdID + "\u{1f}" + $0.memberID })
        output.identities = IdentityBatch(received: receivedCases, corrected: cases, directory: output.directory, removed: removed)
        output.counters = PartCounters(
            cases: cases, unregistered: unregistered, looksPoor: looksPoor, findings: findings, measureCategories: measureCategories)
        // Unknown code-list values as received, like the value.invalid findings they may replace.
        (output.counters.vocabulary, output.counters.sourceRows) = VocabularyGapRule.tally(receivedCases)
        output.counters.keys = PartCounters.keyMatches(cases: receivedCases, unregistered: unregistered)
        (output.counters.newestOwnDate, output.counters.newestOwnDateSource) = PartCounters.newestOwnDate(receivedCases)
        let systemHouseholds = cases.filter { $0.system.map { !$0.isMemberOnly } ?? false }.map(\.householdID)
        output.counters.accountabilityMatched = accountability.rowCounts(households: systemHouseholds)
        return output
    }

    /// A received problem that the corrected data no longer shows was resolved by a correction.
    static func reconcile(received: [Finding], remaining: [Finding]) -> [Finding] {
        let remainingIDs = Set(remaining.map(\.id))
        let receivedIDs = Set(received.map(\.id))
        var result: [Finding] = []
        for var f in received {
            if !remainingIDs.contains(f.id) {
                f.action = .corrected
                f.message += "（已由本次更正解决）"
            }
            result.append(f)
        }
        return result + remaining.filter { !receivedIDs.contains($0.id) }
    }

    /// The single-record integrity rules (values, ID numbers, household, members).
    static func integrityFindings(_ cases: [HouseholdCase], context: RuleContext) -> [Finding] {
        var sink = FindingSink(settings: context.settings)
        let rules: [CaseRule] = [ValueRules(), IDNumberRules(), HouseholdRules(), HouseholdYearsRule(), MemberRules()]
        for c in cases {
            for rule in rules { rule.check(c, context: context, sink: &sink) }
        }
        return sink.findings
    }
}
