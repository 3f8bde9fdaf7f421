import ArgumentParser
import Foundation
import FivefoldKit

/// `fivefold merge PIPELINE SHARD…`: combine the shards of a province into one run's outputs.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the outputs of `fivefold run --shard i/N` (all N of them) into exactly what one whole run writes.",
        discussion: """
            Give the same pipeline and input folder the shards used: the corrected dataset is written \
            from the system input, and duplicates across counties are found here.
            """)

    @Argument(help: "The pipeline file the shards ran.")
    var pipeline: String

    @Argument(help: "The shards' output folders (each written by `fivefold run --shard i/N`).")
    var shards: [String]

    @Option(name: .long, help: "Input folder the shards read (overrides the pipeline's `input`).")
    var input: String?

    @Option(name: .long, help: "Output folder (default: the pipeline's output.folder, else ./out).")
    var out: String?

    @Option(name: .customLong("as-of"), help: "The as-of date the shards used (yyyy-MM-dd; overrides the pipeline's as_of).")
    var asOf: String?

    @Flag(name: .shortAndLong, help: "Print no progress on stderr.")
    var quiet = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the output folders of every shard") }
    }

    func run() throws {
        try CLI.guarded {
            let config = try PipelineConfig.load(path: pipeline)
            var runner = PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: asOf))
            if !quiet { runner.progress = { CLI.log($0) } }
            let summary = try runner.merge(shardFolders: shards)
            print("\(shards.count) shards: \(summary.households) households, \(summary.findings) findings, \(summary.corrections) corrections, \(summary.worklistItems) worklist items → \(runner.outputFolder)")
        }
    }
}
