import ArgumentParser
import Foundation
import FivefoldKit

/// `fivefold check PIPELINE`: validate a pipeline file (and that its inputs exist) without running.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a pipeline file and the presence of its inputs, without running it.")

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
            var missing: [String] = []
            var tables = config.sources.flatMap { [$0.households] + ($0.members.map { [$0] } ?? []) }
            tables += config.registries.map(\.table)
            if let villages = config.villages { tables.append(villages) }
            for table in tables {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(table.file).path
                if !FileManager.default.fileExists(atPath: path) { missing.append(table.file) }
            }
            if !missing.isEmpty {
                throw PipelineError(file: folder, keyPath: "", message: "input files not found: \(missing.joined(separator: ", "))")
            }
            print("\(pipeline): ok — \(config.sources.count) sources, \(config.registries.count) registries, input \(folder)")
        }
    }
}
