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
    private(set) var tracking: RunTracking?
    /// The latest 事后抽查 sample with its verdicts: summary.json's `audit`.
    var sample: (Sample, [SampleItem])?

    init(runner: PipelineRunner, recorder: RunRecorder) {
        self.recorder = recorder
        htmlReport = runner.config.output.htmlReport
        maskIDs = runner.config.output.maskIDs
    }

    /// Classifies the run's findings; returns each id's status.
    func classify(_ rows: [FindingRow]) throws -> [String: FindingStatus] {
        let tracking = try recorder.classify(rows)
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
        guard htmlReport else { return }
        var places: [String: HTMLReportWriter.Place] = [:]
        for (code, v) in counters.villages {
            places[code] = HTMLReportWriter.Place(county: v.county, township: v.township, village: v.name, households: v.households)
        }
        let report = HTMLReportWriter(
            summary: summary, findings: findingRows, tracking: tracking, places: places, maskIDs: maskIDs)
        try report.write(to: (folder as NSString).appendingPathComponent("report.html"))
    }
}
