import ArgumentParser
import Foundation
import FivefoldModel
import FivefoldPipeline

/// `fivefold profile PIPELINE`: the distinct values of every mapped field of a dump, with what
/// each normalises to, so vocabulary can be written before the first real run.
struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List each source's distinct field values with counts, their normalised form, and which are refused.",
        discussion: """
            Reads every source table of the pipeline once (same mapping and encodings as a run) and \
            prints, per source and mapped field, the most frequent raw values with their counts and \
            what each normalises to; values a code list refuses are marked REFUSED with the reason. \
            Add them to a vocabulary extension file before the first real run.
            """)

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(name: .long, help: "Input folder (overrides the pipeline's `input`).")
    var input: String?

    @Option(name: .long, help: "Values shown per field (most frequent first).")
    var top: Int = 20

    @Option(name: .customLong("max-distinct"), help: "Distinct values kept per field (bounds memory).")
    var maxDistinct: Int = 20_000

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be 0 or more") }
        if maxDistinct < 1 { throw ValidationError("--max-distinct must be at least 1") }
    }

    func run() throws {
        try CLI.guarded {
            let config = try PipelineConfig.load(path: pipeline)
            let runner = PipelineRunner(config: config, options: .init(inputFolder: input))
            let normalizer = FieldNormalizer(vocabulary: try runner.loadVocabulary())
            var profiler = ValueProfiler(config: config, inputFolder: try runner.inputFolder, normalizer: normalizer)
            profiler.maxDistinct = max(1, maxDistinct)
            for field in try profiler.run(jobs: ProcessInfo.processInfo.activeProcessorCount) {
                let refused = field.refused(normalizer: normalizer)
                let label = FieldCatalog.chinese(field.field)
                var head = "\(field.source).\(field.field.rawValue) (\(label)): \(field.rows) rows, \(field.blank) blank, \(field.counts.count) distinct"
                if field.otherRows > 0 { head += " (+\(field.otherRows) rows beyond \(profiler.maxDistinct) distinct values)" }
                if !refused.isEmpty { head += ", \(refused.count) refused in \(refused.map(\.count).reduce(0, +)) rows" }
                print(head)
                let shown = field.top(top, normalizer: normalizer)
                for (value, count, normalized) in shown {
                    let outcome = normalized.problem.map { "REFUSED: \($0)" } ?? "→ \(normalized.normalized ?? "")"
                    print("  \(count)\t\(value)\t\(outcome)")
                }
                // Refused values beyond the top: the ones a vocabulary needs most.
                let listed = Set(shown.map(\.value))
                for (value, count, problem) in refused.filter({ !listed.contains($0.value) }).prefix(top) {
                    print("  \(count)\t\(value)\tREFUSED: \(problem)")
                }
            }
        }
    }
}
