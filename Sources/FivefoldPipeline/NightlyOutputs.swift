import Foundation
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

/// The nightly parts of the assembly (pass 3): the findings classified against the ledger
/// before findings.csv is written (its `status` column), then the status counts and ledger
/// reference in summary.json, and report.html when the pipeline asks for it.
final class NightlyOutputs {
    let recorder: RunRecorder
    let htmlReport: Bool
    let maskIDs: Bool
    let assessment: AssessmentSettings
    private(set) var tracking: RunTracking?
    /// The latest 事后抽查 sample with its verdicts: summary.json's `audit`.
    var sample: (Sample, [SampleItem])?

    init(runner: PipelineRunner, recorder: RunRecorder) {
        self.recorder = recorder
        htmlReport = runner.config.output.htmlReport
        maskIDs = runner.config.output.maskIDs
        assessment = runner.config.assessment
    }

    /// Classifies the run's findings; returns each id's status. The open findings of rules in
    /// `unchecked` (not run tonight) are not resolved.
    func classify(_ rows: [FindingRow], unchecked: Set<String> = []) throws -> [String: FindingStatus] {
        let tracking = try recorder.classify(rows, unchecked: unchecked)
        self.tracking = tracking
        return tracking.statuses
    }

    /// Completes summary.json's nightly fields and writes report.html into `folder`.
    func finish(_ summary: inout RunSummary, findingRows: [FindingRow], counters: PartCounters, folder: String) throws {
        let tracking = try self.tracking ?? recorder.classify(findingRows)
        summary.status = tracking.counts
        if let (sample, items) = sample {
            summary.audit = SampleAudit.compute(sample: sample, items: items, figures: summary.counties)
        }
        if let run = tracking.runID {
            summary.ledger = RunSummary.LedgerReference(run: run, previousRun: tracking.previousRunID)
        }
        let assessed = try assess(summary, findingRows: findingRows, counters: counters, tracking: tracking)
        try CountyAssessment.write(assessed, to: (folder as NSString).appendingPathComponent("assessment.csv"))
        guard htmlReport else { return }
        var places: [String: HTMLReportWriter.Place] = [:]
        for (code, v) in counters.villages {
            places[code] = HTMLReportWriter.Place(county: v.county, township: v.township, village: v.name, households: v.households)
        }
        var report = HTMLReportWriter(
            summary: summary, findings: findingRows, tracking: tracking, places: places, maskIDs: maskIDs)
        report.assessment = assessed
        try report.write(to: (folder as NSString).appendingPathComponent("report.html"))
    }

    /// 县级考核: the counties ranked, with closure and earlier tiers from the ledger (inside the
    /// run's transaction), this run's tiers recorded there.
    func assess(_ summary: RunSummary, findingRows: [FindingRow], counters: PartCounters, tracking: RunTracking) throws -> [CountyAssessment] {
        var extra: [String: CountyAssessment.Extra] = [:]
        for f in findingRows where f.regionCode.count >= 6 { extra[PartCounters.county(f.regionCode), default: .init()].findings += 1 }
        if tracking.previousRunID != nil {
            for (county, c) in try recorder.closure() {
                extra[county, default: .init()].closed = c.closed
                extra[county, default: .init()].recorded = c.recorded
            }
        }
        if let run = tracking.runID {
            for (county, tiers) in try recorder.previousTiers(before: run) {
                extra[county, default: .init()].previousPoorRuns = tiers.prefix { $0 == "较差" }.count
            }
        }
        var names: [String: String] = [:]
        for (code, v) in counters.villages where !v.county.isEmpty { names[PartCounters.county(code)] = names[PartCounters.county(code)] ?? v.county }
        let assessed = CountyAssessment.rank(summary.counties, extra: extra, names: names, settings: assessment)
        if let run = tracking.runID {
            try recorder.record(assessments: assessed.map { ($0.county, $0.score, $0.tier) }, run: run)
        }
        return assessed
    }
}
