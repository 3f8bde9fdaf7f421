import ArgumentParser
import Foundation
import FivefoldPipeline

/// `fivefold merge PIPELINE SHARD…`: combine the shards of a province into one run's outputs.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the outputs of `fivefold run --shard i/N` (all N of them) into exactly what one whole run writes.",
        discussion: """
            Give the same pipeline and input folder the shards used: the corrected dataset is written \
            from the system input, and duplicates across counties are found here. The merged run is \
            recorded in the ledger (default: <output folder>.ledger.sqlite) like a whole run; the \
            shards read the signed results from the same ledger (give each shard --ledger FILE when \
            the output folders differ). Exit status as for `fivefold run`.
            """)

    @Argument(help: "The pipeline file the shards ran.")
    var pipeline: String

    @Argument(help: "The shards' output folders (each written by `fivefold run --shard i/N`).")
    var shards: [String]

    @Option(name: .long, help: "Input folder the shards read (overrides the pipeline's `input`).")
    var input: String?

    @Option(name: .long, help: "Output folder (default: the pipeline's output.folder, else ./out). Each run replaces it whole: give a new or empty folder, or an earlier run's output; a folder holding the input, the ledger or other files is refused.")
    var out: String?

    @Option(name: .customLong("as-of"), help: "The as-of date the shards used (yyyy-MM-dd; overrides the pipeline's as_of).")
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("The ledger file (default: <output folder>.ledger.sqlite, beside the output folder).", valueName: "file"))
    var ledger: String?

    @Flag(name: .customLong("no-ledger"), help: "Keep no ledger: every finding is reported as new.")
    var noLedger = false

    @Flag(name: .customLong("accept-fewer-households"), help: "Record the run even when the system holds fewer than 80% of the households, or of the member rows, of the ledger's last run (households or people that really left). Without it such a run stops: an export cut short would mark the findings of every missing household or member resolved.")
    var acceptFewerHouseholds = false

    @Flag(name: .customLong("accept-earlier-date"), help: "Record the run even when its as-of date is before the ledger's last run. Without it such a run stops: an old dump replayed into the production output folder and ledger would replace the night's worklists.")
    var acceptEarlierDate = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with status 1 when findings of this severity or worse exist (error or warning).", valueName: "severity"))
    var failOn: Run.FailOn?

    @Flag(name: .customLong("fail-on-damage"), help: "Exit with status 4 when rows of an input were lost (a file cut off, or many rows quarantined), as the shards read it. Checked before --fail-on.")
    var failOnDamage = false

    @Flag(name: .shortAndLong, help: "Print no progress on stderr.")
    var quiet = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the output folders of every shard") }
        if noLedger && ledger != nil { throw ValidationError("--ledger and --no-ledger exclude each other") }
    }

    func run() throws {
        try CLI.guarded {
            let config = try PipelineConfig.load(path: pipeline)
            var runner = PipelineRunner(config: config, options: .init(
                inputFolder: input, outputFolder: out, asOf: asOf, ledgerPath: ledger, useLedger: !noLedger,
                acceptFewerHouseholds: acceptFewerHouseholds, acceptEarlierDate: acceptEarlierDate))
            if !quiet { runner.progress = { CLI.log($0) } }
            let summary = try runner.merge(shardFolders: shards)
            for warning in summary.warnings { CLI.log("warning: \(warning)") }
            print("\(shards.count) shard\(shards.count == 1 ? "" : "s"): " + Run.line(summary) + " → \(runner.outputFolder)")
            try Run.check(failOnDamage: failOnDamage, summary)
            try Run.check(failOn, summary)
        }
    }
}
