import ArgumentParser
import Foundation
import FivefoldModel
import FivefoldGenerate

/// `fivefold generate`: writes a synthetic dataset in the default input layout, with planted
/// defects (truth.csv) and harmless format noise (noise.csv), for testing and benchmarking.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic five-source dataset with planted defects and format noise.",
        discussion: """
            Writes DIR/system, archive, wall, interview and verification in the SPEC §3 layout and \
            encodings, plus truth.csv (every planted defect as the finding it must raise), noise.csv \
            (every disguised value and its clean form) and generator.json. The same options always \
            write the same bytes.
            """
    )

    @Option(name: .long, help: "Number of registered households to generate.")
    var households: Int

    @Option(name: .long, help: "Random seed; the same seed and options give byte-identical output.")
    var seed: UInt64

    @Option(name: .long, help: "Output folder (created if missing; dataset files in it are overwritten).")
    var out: String

    @Option(name: .customLong("defect-rate"), help: "Share of households with one planted defect, 0–1.")
    var defectRate: Double = 0.05

    @Option(name: .customLong("noise-rate"), help: "Share of households with format noise that must raise no finding, 0–1.")
    var noiseRate: Double = 0.1

    @Option(name: .long, help: "Number of counties (1–20); townships and villages scale with the household count.")
    var counties: Int = 3

    @Option(name: .customLong("as-of"), help: "Reference date of the data (yyyy-MM-dd): ages and birth dates hold as of it. Default: today.")
    var asOf: String?

    func validate() throws {
        if let text = asOf, DateParser.parse(text) == nil {
            throw ValidationError("--as-of: expected a date as yyyy-MM-dd, found \"\(text)\"")
        }
        if let problem = options.problem { throw ValidationError(problem) }
    }

    var options: GeneratorOptions {
        var options = GeneratorOptions(households: households, seed: seed, outputFolder: out, defectRate: defectRate,
                                       noiseRate: noiseRate, counties: counties)
        let date = asOf.flatMap(DateParser.parse) ?? CivilDate.today()
        options.asOf = SyntheticDate(year: date.year, month: date.month, day: date.day)
        return options
    }

    func run() throws {
        let started = Date()
        let generator = DatasetGenerator(options: options)
        generator.progress = { done in
            let seconds = Date().timeIntervalSince(started)
            FileHandle.standardError.write(Data("fivefold: generated \(done) households (\(String(format: "%.1f", seconds)) s)\n".utf8))
        }
        do {
            let summary = try generator.run()
            let seconds = Date().timeIntervalSince(started)
            print("wrote \(out): \(summary.systemHouseholdRows) households, \(summary.systemMemberRows) members, "
                + "\(summary.unregisteredInterviewHouseholds) unregistered interview households, \(summary.truthRows) planted findings, "
                + "\(summary.noiseRows) noise values in \(String(format: "%.1f", seconds)) s")
        } catch {
            FileHandle.standardError.write(Data("fivefold: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
