import ArgumentParser
import Foundation
import FivefoldModel
import FivefoldReport
import FivefoldPipeline

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
            3 the run failed otherwise (previous outputs and ledger untouched); 4 with \
            --fail-on-damage, rows of an input were lost (it is cut off, or many rows were quarantined).
            """)

    @Argument(help: "The pipeline file (YAML), e.g. pipelines/five-unities.yaml.")
    var pipeline: String

    @Option(name: .long, help: "Input folder in the default layout (overrides the pipeline's `input`).")
    var input: String?

    @Option(name: .long, help: "Output folder (default: the pipeline's output.folder, else ./out). Each run replaces it whole: give a new or empty folder, or an earlier run's output; a folder holding the input, the ledger or other files is refused.")
    var out: String?

    @Option(name: .long, help: ArgumentHelp("The ledger file (default: <output folder>.ledger.sqlite, beside the output folder). A shard only reads its signed results; `fivefold merge` records the run.", valueName: "file"))
    var ledger: String?

    @Flag(name: .customLong("no-ledger"), help: "Keep no ledger: every finding is reported as new.")
    var noLedger = false

    @Flag(name: .customLong("accept-fewer-households"), help: "Record the run even when the system holds fewer than 80% of the households, or of the member rows, of the ledger's last run (households or people that really left). Without it such a run stops: an export cut short would mark the findings of every missing household or member resolved.")
    var acceptFewerHouseholds = false

    @Flag(name: .customLong("accept-earlier-date"), help: "Record the run even when its as-of date is before the ledger's last run. Without it such a run stops: an old dump replayed into the production output folder and ledger would replace the night's worklists.")
    var acceptEarlierDate = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with status 1 when findings of this severity or worse exist (error or warning); for cron.", valueName: "severity"))
    var failOn: FailOn?

    @Flag(name: .customLong("fail-on-damage"), help: "Exit with status 4 when rows of an input were lost: a file cut off or breaking off, or at least 10 rows and 10% of a file quarantined (the run's outputs are written all the same, and its findings about that source are partly false); for cron. Checked before --fail-on.")
    var failOnDamage = false

    @Option(name: .customLong("as-of"), help: "Compute ages and exit checks as of this date (yyyy-MM-dd; overrides the pipeline's as_of).")
    var asOf: String?

    @Option(name: .long, help: "Threads for reading and evaluating (default: all cores).")
    var jobs: Int?

    @Option(name: .long, help: "Partitions the households are split into (default: about one per 6 MB of input, at least two per thread, within the open-file limit). Never changes the results; more partitions use less memory.")
    var partitions: Int?

    @Option(name: .long, help: ArgumentHelp("Process one slice of the province, by county: i/N with i in 0..<N. The output folder then holds the shard's parts; combine all N with `fivefold merge`.", valueName: "i/N"))
    var shard: String?

    @Flag(name: .shortAndLong, help: "Print no progress on stderr.")
    var quiet = false

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning

        var threshold: Severity { self == .error ? .error : .warning }

        /// How many of a run's findings are of this severity or worse.
        func count(in summary: RunSummary) -> Int {
            summary.findingsBySeverity.filter { (Severity(rawValue: $0.key) ?? .info) >= threshold }.values.reduce(0, +)
        }
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let partitions, partitions < 1 || partitions > 4096 { throw ValidationError("--partitions must be in 1...4096") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard expects i/N with 0 <= i < N, e.g. 0/4; found \"\(shard)\"") }
        if noLedger && ledger != nil { throw ValidationError("--ledger and --no-ledger exclude each other") }
        if shard != nil && failOn != nil { throw ValidationError("--fail-on applies to a whole run or a merge, not to a shard") }
        if shard != nil && failOnDamage { throw ValidationError("--fail-on-damage applies to a whole run or a merge, not to a shard (the merge reads the shards' inputs)") }
    }

    func run() throws {
        try CLI.guarded {
            let config = try PipelineConfig.load(path: pipeline)
            var runner = PipelineRunner(config: config, options: .init(
                inputFolder: input, outputFolder: out, asOf: asOf, jobs: jobs, partitions: partitions,
                shard: shard.flatMap(Shard.init), ledgerPath: ledger, useLedger: !noLedger,
                acceptFewerHouseholds: acceptFewerHouseholds, acceptEarlierDate: acceptEarlierDate))
            if !quiet { runner.progress = { CLI.log($0) } }
            let summary = try runner.run()
            // Warnings are printed even with -q: each is probably a mistake in the pipeline.
            for warning in summary.warnings { CLI.log("warning: \(warning)") }
            if let shard {
                print("shard \(shard): \(summary.households) households, \(summary.findings) findings before the merge → \(runner.outputFolder)")
                return
            }
            print(Self.line(summary) + " → \(runner.outputFolder)")
            try Self.check(failOnDamage: failOnDamage, summary)
            try Self.check(failOn, summary)
        }
    }

    /// The one-line result: totals, and the statuses when a ledger was kept.
    static func line(_ summary: RunSummary) -> String {
        var line = "\(summary.households) households, \(summary.findings) findings, \(summary.corrections) corrections, \(summary.worklistItems) worklist items"
        if let status = summary.status, summary.ledger != nil {
            line += " (new \(status.new), persisting \(status.persisting), reopened \(status.reopened), resolved \(status.resolved))"
        }
        return line
    }

    /// `--fail-on-damage`: exit status 4 when rows of an input were lost, naming each such file.
    static func check(failOnDamage: Bool, _ summary: RunSummary) throws {
        let damaged = summary.damagedInputs
        guard failOnDamage, !damaged.isEmpty else { return }
        let files = damaged.map { "\($0.source) \($0.file)" }.joined(separator: ", ")
        CLI.log("--fail-on-damage: rows of \(damaged.count) input file\(damaged.count == 1 ? "" : "s") were lost (\(files)): see the warnings above; findings about \(damaged.count == 1 ? "it" : "them") are partly false")
        throw ExitCode(CLI.damagedInput)
    }

    /// `--fail-on`: exit status 1 when findings of that severity or worse exist.
    static func check(_ failOn: FailOn?, _ summary: RunSummary) throws {
        guard let failOn else { return }
        let hits = failOn.count(in: summary)
        if hits > 0 {
            CLI.log("--fail-on \(failOn.rawValue): \(hits) findings of severity \(failOn.rawValue) or worse")
            throw ExitCode(CLI.findingsOrRefusals)
        }
    }
}
