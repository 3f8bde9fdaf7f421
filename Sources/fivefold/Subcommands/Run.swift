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

    @Flag(name: .shortAndLong, help: "Print no progress on stderr.")
    var quiet = false

    func run() throws {
        try CLI.guarded {
            let config = try PipelineConfig.load(path: pipeline)
            var runner = PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: asOf))
            if !quiet { runner.progress = { CLI.log($0) } }
            let summary = try runner.run()
            print("\(summary.households) households, \(summary.findings) findings, \(summary.corrections) corrections, \(summary.worklistItems) worklist items → \(runner.outputFolder)")
        }
    }
}
