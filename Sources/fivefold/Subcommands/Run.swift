import ArgumentParser
import Foundation
import FivefoldKit

/// `fivefold run PIPELINE`: the nightly job.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: read the five sources, cross-check them, correct what evidence settles, write reports.",
        discussion: """
            Inputs default to the pipeline's own `input` folder (the shipped fixtures for \
            pipelines/five-unities.yaml). Outputs are written to a temporary folder and moved into \
            place when complete. Exit status 0 means the run completed: findings are data, not failure.
            """)

    @Argument(help: "The pipeline file (YAML), e.g. pipelines/five-unities.yaml.")
    var pipeline: String

    @Option(name: .long, help: "Input folder in the default layout (overrides the pipeline's `input`).")
    var input: String?

    @Option(name: .long, help: "Output folder (default: the pipeline's output.folder, else ./out).")
    var out: String?

    @Option(name: .customLong("as-of"), help: "Compute ages and exit checks as of this date (yyyy-MM-dd; overrides the pipeline's as_of).")
    var asOf: String?

    @Option(name: .long, help: "Threads for reading and evaluating (default: all cores).")
    var jobs: Int?

    @Option(name: .long, help: "Partitions the households are split into (default: one per 64 MB of input, at least two per thread). Never changes the results; more partitions use less memory.")
    var partitions: Int?

    @Option(name: .long, help: ArgumentHelp("Process one slice of the province, by county: i/N with i in 0..<N. The output folder then holds the shard's parts; combine all N with `fivefold merge`.", valueName: "i/N"))
    var shard: String?

    @Flag(name: .shortAndLong, help: "Print no progress on stderr.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let partitions, partitions < 1 || partitions > 4096 { throw ValidationError("--partitions must be in 1...4096") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard expects i/N with 0 <= i < N, e.g. 0/4; found \"\(shard)\"") }
    }

    func run() throws {
        try CLI.guarded {
            let config = try PipelineConfig.load(path: pipeline)
            var runner = PipelineRunner(config: config, options: .init(
                inputFolder: input, outputFolder: out, asOf: asOf, jobs: jobs, partitions: partitions, shard: shard.flatMap(Shard.init)))
            if !quiet { runner.progress = { CLI.log($0) } }
            let summary = try runner.run()
            if let shard {
                print("shard \(shard): \(summary.households) households, \(summary.findings) findings before the merge → \(runner.outputFolder)")
            } else {
                print("\(summary.households) households, \(summary.findings) findings, \(summary.corrections) corrections, \(summary.worklistItems) worklist items → \(runner.outputFolder)")
            }
        }
    }
}
