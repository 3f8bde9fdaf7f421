import ArgumentParser
import Foundation
import FivefoldPipeline

/// `fivefold check PIPELINE`: validate a pipeline file against the beginning of its inputs.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a pipeline file and read the beginning of every input it names, without running it.",
        discussion: """
            Reads each table's header (for XML, its first records) and a sample of its first \
            1,000 rows the way a run would: encoding, delimiter, header row, every mapped field \
            (a column, element or attribute the data must hold unless optional: true), and rows \
            that a run would quarantine. Prints one line per table on stdout, then every problem \
            found (all of them, in one pass) on stderr. Reads only the beginnings, so it is quick \
            on a province's dump. Writes nothing.

            Exit status: 0 no problem (warnings may be printed); 2 a problem in the pipeline file \
            or in the data it reads.
            """)

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(name: .long, help: "Input folder to check (overrides the pipeline's `input`).")
    var input: String?

    func run() throws {
        try CLI.guarded {
            let config = try PipelineConfig.load(path: pipeline)
            let runner = PipelineRunner(config: config, options: .init(inputFolder: input))
            _ = try runner.loadVocabulary()
            _ = try runner.asOfDate()
            let folder = try runner.inputFolder
            let report = PipelineChecker(config: config, inputFolder: folder).check()
            for line in report.tables { print(line) }
            for warning in report.warnings { CLI.log("warning: \(warning)") }
            for problem in report.problems { CLI.log(problem) }
            guard report.problems.isEmpty else {
                CLI.log("\(pipeline): \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") found")
                throw ExitCode(CLI.unusableInput)
            }
            print("\(pipeline): ok — \(config.sources.count) sources, \(config.registries.count) registries, input \(folder)")
        }
    }
}
