import ArgumentParser
import Foundation
import FivefoldModel
import FivefoldLedger
import FivefoldPipeline

/// `fivefold show 户编号`: one household's file (five sources, findings and their history,
/// corrections, sign-offs), for answering a cadre on the phone.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one household's file: the five sources side by side, its findings with their history, corrections and sign-offs.",
        discussion: """
            Reads the household's records from the input folder of the latest run in the ledger \
            (every table of every source is scanned for this 户编号), and from the ledger its \
            findings with their run-by-run history, the signed worklist results and any 事后抽查 \
            sample items; the corrections come from the latest run's corrections.csv while its \
            output folder is there. ID numbers are masked (520203********1234) unless --unmasked.

            Exit status: 0 shown; 2 the household is in neither the inputs nor the ledger, or the \
            pipeline or ledger is unusable.
            """)

    @Argument(help: "The household's 户编号.")
    var householdID: String

    @Option(name: .long, help: "The pipeline (default: the pipeline of the ledger's latest run).")
    var pipeline: String?

    @Option(name: .long, help: ArgumentHelp("The ledger file (default: <output folder>.ledger.sqlite of --pipeline or --out).", valueName: "file"))
    var ledger: String?

    @Option(name: .long, help: "Output folder of the runs, to find the default ledger beside it (default: the pipeline's output.folder, else ./out).")
    var out: String?

    @Flag(name: .long, help: "Show ID numbers in full (they are masked by default).")
    var unmasked = false

    func run() throws {
        try CLI.guarded {
            let given = try pipeline.map { try PipelineConfig.load(path: $0) }
            let ledgerPath = ledger ?? Ledger.defaultPath(outputFolder: out ?? given?.output.folder ?? "out")
            let ledger = FileManager.default.fileExists(atPath: ledgerPath) ? try Ledger(path: ledgerPath, create: false) : nil
            guard let config = try given ?? ledger?.latestRun().map({ try PipelineConfig.load(path: $0.pipelinePath) }) else {
                throw PipelineError(file: ledgerPath, keyPath: "", message: "no ledger with a run here: name the pipeline with --pipeline, or the ledger with --ledger")
            }
            let runner = PipelineRunner(config: config, options: .init(outputFolder: out))
            let file = try HouseholdFile.read(householdID.trimmingCharacters(in: .whitespaces), runner: runner, ledger: ledger)
            print(file.render(masked: !unmasked), terminator: "")
        }
    }
}
