// Writes a whole synthetic dataset in the SPEC §3 layout, streaming: households are generated
// in fixed-size batches by worker threads (each batch a pure function of the options and its
// index), rendered into per-file buffers, transcoded to GBK and gzipped inside the worker, and
// appended to every output file at once by the calling thread, strictly in batch order. Memory
// is bounded by the few batches in flight, whatever the dataset size; the bytes do not depend on
// the number of workers. Village totals, the village register and generator.json come last.

import FivefoldModel
import Foundation
import FivefoldIO

/// Generates a synthetic five-source dataset with planted defects and format noise.
public final class DatasetGenerator {
    public let options: GeneratorOptions
    /// Called on the calling thread after every 100,000 households (and at the end) with the
    /// number of households written so far.
    public var progress: (Int) -> Void = { _ in }

    public init(options: GeneratorOptions) {
        self.options = options
    }

    /// Writes the dataset and returns what generator.json says.
    ///
    /// - Throws: `GeneratorError` for bad options or unwritable files.
    @discardableResult
    public func run() throws -> GeneratorSummary {
        if let problem = options.problem { throw GeneratorError(problem) }
        let plan = RegionPlan(seed: options.seed, households: options.households, counties: options.counties)
        let assembler = HouseholdAssembler(seed: options.seed, plan: plan, asOf: options.asOf,
                                           defectRate: options.defectRate, noiseRate: options.noiseRate)
        let renderer = SourceRenderer(asOf: options.asOf)
        let sinks = try openFiles()

        let batchSize = GeneratorOptions.batchSize
        let batches = (options.households + batchSize - 1) / batchSize
        let workers = options.workers > 0 ? options.workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
        let queue = BatchQueue(batches: batches, window: 2 * workers + 1)
        let group = DispatchGroup()
        let level = options.gzipLevel
        let total = options.households
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while let b = queue.take() {
                    do {
                        let out = try Self.renderBatch(b, size: batchSize, total: total, plan: plan, assembler: assembler,
                                                       renderer: renderer, gzipLevel: level)
                        queue.put(b, out)
                    } catch {
                        queue.fail(error)
                    }
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        var villages: [Int: BatchOutput.VillageCount] = [:]
        var summary = GeneratorSummary(
            seed: options.seed, households: options.households, defectRate: options.defectRate, noiseRate: options.noiseRate,
            counties: options.counties, villages: plan.villages.count, asOf: options.asOf.iso, systemHouseholdRows: 0,
            systemMemberRows: 0, unregisteredInterviewHouseholds: 0, defectsByRule: [:], plantedVillageClasses: 0,
            truthRows: 0, noiseRows: 0)
        var reported = 0
        var wallRows = 0
        var gapHouseholds: [(region: String, id: String)] = []
        do {
            for b in 0..<batches {
                let out = try queue.next(b)
                for file in OutputFile.allCases { try sinks[file.rawValue].write(out.bytes(file)) }
                for (v, count) in out.villages {
                    var merged = villages[v] ?? BatchOutput.VillageCount()
                    merged.members += count.members
                    merged.registeredPoor += count.registeredPoor
                    merged.households += count.households
                    villages[v] = merged
                }
                summary.systemHouseholdRows += out.households
                summary.systemMemberRows += out.memberRows
                summary.unregisteredInterviewHouseholds += out.unregistered
                summary.truthRows += out.truthRows
                wallRows += out.wallRows
                gapHouseholds += out.gapHouseholds
                summary.noiseRows += out.noiseRows
                for (rule, n) in out.defects { summary.defectsByRule[rule, default: 0] += n }
                let done = min(total, (b + 1) * batchSize)
                if done / 100_000 > reported / 100_000 {
                    progress(done)
                }
                reported = done
            }
        } catch {
            queue.fail(error)
            group.wait()
            throw error
        }
        group.wait()

        let register = VillageRegister(seed: options.seed, defectRate: options.defectRate).rows(plan: plan, counts: villages)
        var truth = TextBuffer()
        for row in register.truth { truth.csvRow(row.cells, terminator: "\n") }
        // The vocabulary gap, when it repeats enough under the rule's defaults (5 rows, or 2 and
        // 0.1 % of the wall's rows); in a dataset too small for that, each card is value.invalid.
        let gapRows = gapHouseholds.count
        if gapRows >= 5 || (gapRows >= 2 && gapRows * 1000 >= wallRows) {
            let row = TruthRow(rule: RuleID.vocabularyUnknown.rawValue, regionCode: "", householdID: "", field: "attribute", source: "wall",
                               note: "\(gapRows) wall cards write 贫困户属性 \(HouseholdAssembler.gapValue)")
            truth.csvRow(row.cells, terminator: "\n")
            summary.truthRows += 1
            summary.defectsByRule[RuleID.vocabularyUnknown.rawValue] = 1
        } else {
            for (region, id) in gapHouseholds {
                // Unreadable, and so disagreeing with the system's 贫困户属性.
                for rule in [RuleID.valueInvalid.rawValue, RuleID.unifyMismatch.rawValue] {
                    let row = TruthRow(rule: rule, regionCode: region, householdID: id, field: "attribute", source: "wall",
                                       note: "unreadable value \(HouseholdAssembler.gapValue)")
                    truth.csvRow(row.cells, terminator: "\n")
                    summary.truthRows += 1
                }
            }
        }
        try sinks[OutputFile.truth.rawValue].write(truth.bytes)
        summary.truthRows += register.truth.count
        summary.plantedVillageClasses = register.truth.count
        if !register.truth.isEmpty { summary.defectsByRule[RuleID.villageClass.rawValue] = register.truth.count }
        for file in OutputFile.allCases { try sinks[file.rawValue].finish(file, gzipLevel: options.gzipLevel) }

        var villageCSV = TextBuffer()
        for row in register.csv { villageCSV.csvRow(row, terminator: "\n") }
        try write(villageCSV.bytes, to: "verification/villages.csv")
        try write(Array(try summary.json()) + [0x0A], to: "generator.json")
        if total % 100_000 != 0 || batches == 0 { progress(total) }  // a round total was reported already
        return summary
    }

    /// Renders households `b × size ..< min(total, (b + 1) × size)`.
    static func renderBatch(_ b: Int, size: Int, total: Int, plan: RegionPlan, assembler: HouseholdAssembler,
                            renderer: SourceRenderer, gzipLevel: Int32) throws -> BatchOutput {
        var out = BatchOutput()
        for index in (b * size)..<min(total, (b + 1) * size) {
            let sources = assembler.assemble(index)
            let village = plan.village(ofHousehold: index)
            var rng = SplitMix64(seed: assembler.seed, index: UInt64(index), stream: 0x494E_5350)
            // In the six months before as_of's month (June–November 2020 for the default
            // 2020-12-31, as before): data dated today was inspected in 2020, and read as last
            // year's dump (the run's stale-data warning).
            let month = rng.int(in: 6...11) + renderer.asOf.month - 12
            let date = SyntheticDate(year: renderer.asOf.year + (month < 1 ? -1 : 0), month: month < 1 ? month + 12 : month, day: rng.int(in: 1...28))
            renderer.render(sources, inspector: village.inspector, inspectionDate: date, into: &out)
            if sources.system != nil { out.households += 1 }
            if sources.wall != nil { out.wallRows += 1 }
            if sources.vocabularyGap { out.gapHouseholds.append((sources.truth.regionCode, sources.truth.householdID)) }
            if let rule = sources.plantedRule { out.defects[rule, default: 0] += 1 }
            out.truthRows += sources.truthRows.count
            out.noiseRows += sources.noiseRows.count
        }
        let gbk = try Transcoder(from: "UTF-8", to: "GBK")
        for file in OutputFile.allCases where file.isGBK {
            var encoded: [UInt8] = []
            let utf8 = out.bytes(file)
            if let failure = utf8.withUnsafeBytes({ gbk.convert($0, appendingTo: &encoded) }) {
                let context = String(decoding: utf8[max(0, failure.offset - 40)..<min(utf8.count, failure.offset + 40)], as: UTF8.self)
                throw GeneratorError("\(file.path): text not representable in GBK near “\(context)”")
            }
            out.replace(file, with: encoded)
        }
        out.replace(.interview, with: try GzipWriter.member(out.bytes(.interview), level: gzipLevel))
        return out
    }

    private func openFiles() throws -> [DatasetFileSink] {
        let fm = FileManager.default
        for folder in ["system", "archive", "wall", "interview", "verification/registry"] {
            try fm.createDirectory(atPath: path(folder), withIntermediateDirectories: true)
        }
        var sinks: [DatasetFileSink] = []
        for file in OutputFile.allCases {
            let sink = try DatasetFileSink(path: path(file.path))
            try sink.start(file, gzipLevel: options.gzipLevel)
            sinks.append(sink)
        }
        return sinks
    }

    private func path(_ relative: String) -> String {
        (options.outputFolder as NSString).appendingPathComponent(relative)
    }

    private func write(_ bytes: [UInt8], to relative: String) throws {
        let sink = try DatasetFileSink(path: path(relative))
        try sink.write(bytes)
        try sink.close()
    }
}

/// Why a dataset could not be generated.
public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ message: String) { description = message }
}
