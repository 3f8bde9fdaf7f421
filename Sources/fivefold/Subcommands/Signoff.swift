import ArgumentParser
import Foundation
import FivefoldModel
import FivefoldLedger
import FivefoldPipeline

/// `fivefold signoff FILE…`: import returned worklists into the ledger as signed evidence.
struct Signoff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import worklists returned by field teams (核实结果 / 核实人 / 核实日期 filled in) into the ledger.",
        discussion: """
            Each returned worklist may be the .xlsx worklist (any sheet order), or a CSV in UTF-8 \
            (with or without BOM), GBK or GB18030, delimited by comma, semicolon or tab, as a \
            spreadsheet saved it; columns are found by their header names. 问题编号 is the key. A \
            户编号 or 问题编号 that a spreadsheet turned into a number (rounded to 15 digits, \
            5.20203E+15, a .0, a leading apostrophe) is accepted when it fits the item, with one \
            warning line per file. In 核实结果 write the verified value of the item's field (e.g. A for 住房安全等级, 3500 \
            for 人均纯收入), or 属实 / 不属实 for any item. Rows with all three columns blank are \
            skipped as not yet verified. A row with a problem (unknown 问题编号 or household, no \
            signer, no or bad date, empty or invalid result) is refused with one message per column, \
            naming file and line; the other rows are imported. The next `fivefold run` feeds the \
            signed values into resolution as source `signoff`, above every other source.

            Exit status: 0 every filled row imported; 1 some rows refused (the others imported); \
            2 a file or the ledger is unusable (nothing imported).
            """)

    @Argument(help: "Returned worklist files (.xlsx or CSV).")
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The ledger file (default: <output folder>.ledger.sqlite of --pipeline or --out).", valueName: "file"))
    var ledger: String?

    @Option(name: .long, help: "The pipeline whose ledger and vocabulary to use (default: the pipeline of the ledger's latest run).")
    var pipeline: String?

    @Option(name: .long, help: "Output folder of the runs, to find the default ledger beside it (default: the pipeline's output.folder, else ./out).")
    var out: String?

    func run() throws {
        try CLI.guarded {
            let config = try pipeline.map { try PipelineConfig.load(path: $0) }
            let ledgerPath = ledger ?? Ledger.defaultPath(outputFolder: out ?? config?.output.folder ?? "out")
            let ledger = try Ledger(path: ledgerPath, create: false)
            guard let config = try config ?? ledger.latestRun().map({ try PipelineConfig.load(path: $0.pipelinePath) }) else {
                throw PipelineError(file: ledger.path, keyPath: "", message: "the ledger has no run yet: run the pipeline first, or name it with --pipeline")
            }
            let runner = PipelineRunner(config: config, options: .init())
            let importer = SignoffImporter(
                ledger: ledger, normalizer: FieldNormalizer(vocabulary: try runner.loadVocabulary()), today: Self.today())
            var batch = SignoffBatch()
            for file in files { try importer.read(file: file, into: &batch) }
            let stored = try ledger.store(batch.results)
            let sampled = try ledger.store(sampleVerdicts: batch.sampleVerdicts)
            for warning in batch.warnings { CLI.log(warning) }
            for problem in batch.problems { CLI.log("\(problem)") }
            // Sample worklists (事后抽查, 问题编号 S…) are counted apart: their verdicts are recorded
            // against the sample, not fed into resolution.
            let samples = batch.sampleVerdicts.isEmpty ? "" : "\(sampled.stored) sample verdicts recorded (\(sampled.unchanged) unchanged), "
            print("\(stored.inserted) signed results imported, \(stored.duplicates) already in the ledger, \(samples)\(batch.refusedRows) rows refused, \(batch.pending) rows not yet verified → \(ledger.path)")
            if batch.refusedRows > 0 { throw ExitCode(CLI.findingsOrRefusals) }
        }
    }

    static func today() -> CivilDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
