import ArgumentParser
import Foundation
import FivefoldLedger
import FivefoldPipeline

/// `fivefold sample PIPELINE --seed S --size N`: a stratified 事后抽查 sample of the latest run.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw a stratified after-the-fact check sample (事后抽查) of households from the latest run.",
        discussion: """
            Strata are county × 已脱贫 (exited) / 未脱贫 (registered poor) / 未建档高分户 (unregistered \
            interview households the run flagged as looking poor). Sizes are proportional to the \
            strata (largest remainders), with at least --min-per-stratum households per stratum \
            (on top of --size; a stratum smaller than that is taken whole). Households are chosen \
            by a stable hash of the seed and the 户编号: the same seed on the same run gives the \
            same sample. The sample is recorded in the ledger and written as worklists, one per \
            county (<folder>/<县>.csv and .xlsx), with 问题编号 S…; field teams fill in 核实结果 \
            (属实: wrongly exited / wrongly included / omitted; 不属实: not), 核实人 and 核实日期, \
            and `fivefold signoff` imports them. The next run shows the audited 错退率 and 漏评率 \
            with 95 % confidence intervals beside the suspected ones.
            """)

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @Option(name: .long, help: "Seed of the draw (a whole number); the same seed gives the same sample.")
    var seed: UInt64

    @Option(name: .long, help: "Households to sample in all (with --per-county: in each county).")
    var size: Int

    @Flag(name: .customLong("per-county"), help: "Draw --size households in every county instead of --size in all.")
    var perCounty = false

    @Option(name: .customLong("min-per-stratum"), help: "At least this many households per stratum (a smaller stratum is taken whole).")
    var minPerStratum = 2

    @Option(name: .long, help: ArgumentHelp("The ledger file (default: <output folder>.ledger.sqlite).", valueName: "file"))
    var ledger: String?

    @Option(name: .long, help: "Output folder of the runs, to find the default ledger beside it (default: the pipeline's output.folder, else ./out).")
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Where to write the sample worklists (default: samples beside the output folder).", valueName: "dir"))
    var folder: String?

    func validate() throws {
        guard size > 0 else { throw ValidationError("--size must be at least 1") }
        guard minPerStratum >= 0 else { throw ValidationError("--min-per-stratum must not be negative") }
    }

    func run() throws {
        try CLI.guarded {
            let config = try PipelineConfig.load(path: pipeline)
            let runner = PipelineRunner(config: config, options: .init(outputFolder: out))
            let ledger = try Ledger(path: self.ledger ?? Ledger.defaultPath(outputFolder: runner.outputFolder), create: false)
            let target = folder ?? ((runner.outputFolder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("samples")
            let drawer = SampleDrawer(
                runner: runner, ledger: ledger, sampler: StratifiedSampler(seed: seed, size: size, perCounty: perCounty, minPerStratum: minPerStratum))
            let result = try drawer.draw(folder: target)
            for (file, count) in result.files.sorted(by: { $0.key < $1.key }) { CLI.log("  \(file): \(count) households") }
            print("sample \(result.sample.id ?? 0): \(result.items.count) of \(result.sample.population) households (seed \(seed)) → \(target)")
        }
    }
}
