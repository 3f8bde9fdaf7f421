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

    /// Judges one batch, household by household: each household goes through every step below
    /// before the next is read (linkage, 五个统一, resolution, integrity, status), so its records
    /// are still in the cache from one step to the next; the batch's findings and corrections
    /// are then put in step order (`Steps`).
    func evaluate(households: [SourceID: [HouseholdRecord]], registries: Registries) -> Output {
        let matched = HouseholdMatcher().match(households)
        let context = RuleContext(config: config, asOf: asOf, registries: registries, villageNames: villageNames, accountability: accountability)
        let judge = HouseholdJudge(evaluator: self, registries: registries, context: context)
        var steps = Steps(settings: context.settings)
        steps.received.reserveCapacity(matched.cases.count)
        steps.corrected.reserveCapacity(matched.cases.count)
        for c in matched.cases { judge.judge(c, into: &steps) }
        // 四看法 on the unregistered interview households: which looked poor (one flag per
        // household, in order) is the 漏评 decision the counters take, never re-derived from findings.
        let fourLooks = FourLooksRule()
        let looksPoor = matched.unregistered.map { fourLooks.check(unregistered: $0, context: context, sink: &steps.status) }
        var findings = steps.findings
        findings += repeatedHouseholdIDs(matched.repeated, cases: steps.corrected)
        signed.annotate(&findings)
        let categories = context.settings.rule(.householdMeasures).enabled ? context.lists(.householdMeasures, "categories") : []
        var result = output(
            findings: findings, corrections: steps.fieldCorrections + steps.rowCorrections, received: steps.received, corrected: steps.corrected,
            unregistered: matched.unregistered, looksPoor: looksPoor, measureCategories: categories)
        if context.settings.rule(.monitorRelapse).enabled {
            result.monitor = steps.corrected.compactMap { MonitorRow($0, directory: result.directory) }
        }
        return result
    }

    /// What the households judged so far gave, step by step, each step's in household order.
    struct Steps {
        var received: [HouseholdCase] = []
        var corrected: [HouseholdCase] = []
        /// `unify.*`, with the actions and messages resolution gave them.
        var unify: [Finding] = []
        var fieldCorrections: [Correction] = []
        var rowCorrections: [Correction] = []
        /// Integrity findings of the households no correction changed.
        var integrity: [Finding] = []
        /// Integrity findings of corrected households as received, `corrected` where the
        /// correction resolved them (`reconcile`)…
        var reconciled: [Finding] = []
        /// …and those only the corrected data shows.
        var afterCorrection: [Finding] = []
        /// The status rules', on the corrected data (and 四看法 on unregistered households).
        var status: FindingSink

        init(settings: CheckSettings) { status = FindingSink(settings: settings) }

        /// The findings in step order: as when each step ran over the whole batch in turn.
        var findings: [Finding] { unify + integrity + reconciled + afterCorrection + status.findings }
    }

    /// The steps for one household.
    struct HouseholdJudge {
        let registries: Registries
        let context: RuleContext
        let linker: MemberLinker
        let unify: UnifyRules
        let rowPlanner: MemberRowPlanner
        let memberNamesPolicy: FieldPolicy
        /// The rules that judge a household's status, on the corrected system data: registries,
        /// exit standards, 四看法, household type and measures, the 防返贫监测 band
        /// (`monitor.edge`) and accountability (with `unify.checkCategories` before them).
        let statusRules: [CaseRule] = [
            RegistryRules(), ExitRules(), ExitFourLooksRule(), FourLooksRule(), HouseholdTypeRule(), HouseholdMeasuresRule(),
            MonitorEdgeRule(), AccountabilityRules(),
        ]

        /// The single-record integrity rules (values, ID numbers, household, members), made once
        /// per batch: they run on every household, once more when it was corrected.
        let integrityRules: [CaseRule] = [ValueRules(), IDNumberRules(), HouseholdRules(), HouseholdYearsRule(), MemberRules()]

        init(evaluator e: CaseEvaluator, registries: Registries, context: RuleContext) {
            self.registries = registries
            self.context = context
            var linker = MemberLinker(threshold: e.config.linkage.threshold, ambiguityMargin: e.config.linkage.ambiguityMargin, asOf: e.asOf)
            // A judge runs on one thread: its own syllable cache, in front of the shared one.
            linker.pinyin = PinyinCache(frontOf: .shared)
            self.linker = linker
            unify = e.unifyRules()
            rowPlanner = MemberRowPlanner(resolution: e.config.resolution, hukouSupplied: registries.has(.hukou))
            memberNamesPolicy = e.config.resolution.policy(for: .memberNames)
        }

        /// Links the household's members across sources (by ID number, else by name); compares
        /// the sources (`unify.*`) and plans the corrections the evidence settles (field values,
        /// then member rows); judges the system data with the integrity rules as received
        /// (大排查) and, when corrected, again: a problem the corrections resolved is reported
        /// with action `corrected`, one they leave stays on the worklist; then the status rules.
        func judge(_ matched: HouseholdCase, into steps: inout Steps) {
            var c = matched
            linker.link(&c, registries: registries)
            steps.received.append(c)
            var sink = FindingSink(settings: context.settings)
            var disagreements: [Disagreement] = []
            var rows: [RowCandidate] = []
            unify.check(c, context: context, sink: &sink, disagreements: &disagreements, rows: &rows)
            var findings = sink.findings
            let fieldCorrections = disagreements.isEmpty ? [] : CorrectionPlanner().plan(disagreements, findings: &findings)
            let rowCorrections = rows.isEmpty ? [] : rowPlanner.plan(rows, in: c, findings: &findings)
            let received = integrityFindings(c)
            if fieldCorrections.isEmpty && rowCorrections.isEmpty {
                steps.unify += findings
                steps.integrity += received
            } else {
                let corrections = fieldCorrections + rowCorrections
                var corrected = [c]
                CorrectionApplier.apply(corrections, to: &corrected)
                CaseEvaluator.reconcileMemberNames(&findings, cases: corrected, corrections: corrections, policy: memberNamesPolicy)
                steps.unify += findings
                steps.fieldCorrections += fieldCorrections
                steps.rowCorrections += rowCorrections
                let remaining = integrityFindings(corrected[0])
                let reconciled = CaseEvaluator.reconcile(received: received, remaining: remaining)
                steps.reconciled += reconciled[..<received.count]
                steps.afterCorrection += reconciled[received.count...]
                c = corrected[0]
            }
            unify.checkCategories(c, context: context, sink: &steps.status)
            for rule in statusRules { rule.check(c, context: context, sink: &steps.status) }
            steps.corrected.append(c)
        }
    }

    /// The 五个统一 rules for the pipeline's sources, with the signed results they defer to.
    func unifyRules() -> UnifyRules {
        let memberSources = Set(config.sources.filter { $0.members != nil || $0.households.memberPath != nil }.map(\.id))
        var unify = UnifyRules(sources: config.sources.map(\.id), memberSources: memberSources, resolution: config.resolution)
        unify.signed = signed
        return unify
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

}

extension CaseEvaluator.HouseholdJudge {
    /// The integrity rules' findings on one household's system data.
    func integrityFindings(_ c: HouseholdCase) -> [Finding] {
        var sink = FindingSink(settings: context.settings)
        for rule in integrityRules { rule.check(c, context: context, sink: &sink) }
        return sink.findings
    }
}
