import Foundation

extension PipelineRunner {
    /// The ledger file in effect: `--ledger`, else `<output folder>.ledger.sqlite` beside the
    /// output folder.
    public var ledgerPath: String {
        options.ledgerPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? Ledger.defaultPath(outputFolder: outputFolder)
    }

    /// The nightly parts of a run's outputs: the status counts and ledger reference in
    /// summary.json, and report.html when the pipeline asks for it (`output.html_report`).
    func writeNightlyOutputs(_ result: Result, tracking: RunTracking, summary: inout RunSummary, folder: String) throws {
        summary.status = tracking.counts
        if let run = tracking.runID {
            summary.ledger = RunSummary.LedgerReference(file: ledgerPath, run: run, previousRun: tracking.previousRunID)
        }
        guard config.output.htmlReport else { return }
        let report = HTMLReportWriter(
            summary: summary, findings: result.findings, tracking: tracking, cases: result.cases, maskIDs: config.output.maskIDs)
        try report.write(to: (folder as NSString).appendingPathComponent("report.html"))
    }
}
