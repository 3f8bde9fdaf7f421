import ArgumentParser
import Foundation
import FivefoldKit

/// `fivefold run PIPELINE`: the nightly job.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: read the five sources, cross-check them, correct what evidence settles, write reports.",
        discussion: """
            Inputs default to the pipeline's own `input` folder (the shipped fixtures for \
            pipelines/five-unities.yaml). Outputs are written to a temporary folder and swapped into \
            place when complete. Every run is recorded in a ledger (default: <output folder>.ledger.sqlite \
            beside the output folder), which tells new, persisting, resolved and reopened findings \
            apart and feeds signed worklist results (fivefold signoff) into the next run. \
            Re-running the same input replaces the latest run in the ledger instead of adding one.

            Exit status: 0 the run completed (findings are data, not failure); 1 with --fail-on, \
            findings of that severity or worse exist; 2 unusable pipeline file, input or ledger; \
            3 the run failed otherwise (previous outputs and ledger untouched).
            """)

    @Argument(help: "The pipeline file (YAML), e.g. pipelines/five-unities.yaml.")
    var pipeline: String

    @Option(name: .long, help: "Input folder in the default layout (overrides the pipeline's `input`).")
    var input: String?

    @Option(name: .long, help: "Output folder (default: the pipeline's output.folder, else ./out).")
    var out: String?

    @Option(name: .long, help: ArgumentHelp("The ledger file (default: <output folder>.ledger.sqlite, beside the output folder).", valueName: "file"))
    var ledger: String?

    @Flag(name: .customLong("no-ledger"), help: "Keep no ledger: every finding is reported as new.")
    var noLedger = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with status 1 when findings of this severity or worse exist (error or warning); for cron.", valueName: "severity"))
    var failOn: FailOn?

    @Option(name: .customLong("as-of"), help: "Compute ages and exit checks as of this date (yyyy-MM-dd; overrides the pipeline's as_of).")
    var asOf: String?

    @Flag(name: .shortAndLong, help: "Print no progress on stderr.")
    var quiet = false

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning

        var threshold: Severity { self == .error ? .error : .warning }
    }

    func validate() throws {
        if noLedger && ledger != nil { throw ValidationError("--ledger and --no-ledger exclude each other") }
    }

    func run() throws {
        try CLI.guarded {
            let config = try PipelineConfig.load(path: pipeline)
            var runner = PipelineRunner(
                config: config,
                options: .init(inputFolder: input, outputFolder: out, asOf: asOf, ledgerPath: ledger, useLedger: !noLedger))
            if !quiet { runner.progress = { CLI.log($0) } }
            let summary = try runner.run()
            var line = "\(summary.households) households, \(summary.findings) findings, \(summary.corrections) corrections, \(summary.worklistItems) worklist items"
            if let status = summary.status, summary.ledger != nil {
                line += " (new \(status.new), persisting \(status.persisting), reopened \(status.reopened), resolved \(status.resolved))"
            }
            print(line + " → \(runner.outputFolder)")
            if let failOn {
                let hits = summary.findingsBySeverity.filter { (Severity(rawValue: $0.key) ?? .info) >= failOn.threshold }
                    .values.reduce(0, +)
                if hits > 0 {
                    CLI.log("--fail-on \(failOn.rawValue): \(hits) findings of severity \(failOn.rawValue) or worse")
                    throw ExitCode(CLI.findingsOrRefusals)
                }
            }
        }
    }
}
