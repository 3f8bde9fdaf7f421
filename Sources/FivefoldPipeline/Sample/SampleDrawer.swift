import Foundation
import FivefoldModel
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

/// `fivefold sample`: draws a stratified 事后抽查 sample from the latest run in the ledger,
/// records it there, and writes it as worklists (`<folder>/<县>.csv` and `.xlsx`) that come
/// back through `fivefold signoff`.
///
/// The population: the system households of the run's input (status 已脱贫 → stratum exited;
/// 未脱贫 / 返贫 → poor; others are not sampled), by county (first 6 digits of 行政区划代码), and
/// the unregistered interview households that the run flagged as looking poor
/// (`identify.four_looks` findings without a registered household), by the county of their
/// region code when the interview carries one. Status is read as the system holds it.
package struct SampleDrawer {
    package let runner: PipelineRunner
    package let ledger: Ledger
    package var sampler: StratifiedSampler

    package init(runner: PipelineRunner, ledger: Ledger, sampler: StratifiedSampler) {
        self.runner = runner
        self.ledger = ledger
        self.sampler = sampler
    }

    /// What a draw produced.
    package struct Result {
        package var sample: Sample
        package var items: [SampleItem]
        /// Items per worklist CSV file.
        package var files: [String: Int]
    }

    /// Households that may be sampled, and each registered household's cadre and phone.
    package struct Population {
        package var units: [StratifiedSampler.Unit] = []
        package var cadres: [String: (name: String, phone: String)] = [:]
    }

    /// Draws, records and writes the sample.
    package func draw(folder: String) throws -> Result {
        guard let run = try ledger.latestRun(), let runID = run.id else {
            throw PipelineError(file: ledger.path, keyPath: "", message: "the ledger has no run yet: run the pipeline first")
        }
        let population = try self.population(run: run)
        let chosen = sampler.draw(population.units)
        let sizes = StratifiedSampler.strata(population.units).mapValues(\.count)
        let items = chosen.map { u in
            SampleItem(
                itemID: "", sampleID: 0, stratum: u.stratum, county: u.county, countyName: u.countyName,
                stratumPopulation: sizes[.init(county: u.county, kind: u.stratum)] ?? 0, regionCode: u.regionCode,
                householdID: u.householdID, findingID: u.findingID, headName: u.headName, township: u.township, village: u.village,
                people: u.people)
        }
        let sample = Sample(
            created: Self.timestamp(), runID: runID, seed: sampler.seed, size: sampler.size, perCounty: sampler.perCounty,
            minPerStratum: sampler.minPerStratum, population: population.units.count)
        let (stored, storedItems) = try ledger.record(sample, items: items)
        let writer = WorklistWriter(maskIDs: runner.config.output.maskIDs)
        let rows = storedItems.map { item in
            let cadre = population.cadres[item.householdID]
            return writer.sampleItem(item, cadreName: cadre?.name ?? "", cadrePhone: cadre?.phone ?? "")
        }
        let files = try WorklistWriter.write(items: rows, folder: folder, vocabulary: try runner.loadVocabulary())
        return Result(sample: stored, items: storedItems, files: files)
    }

    /// The population of the latest run: its input's system households and the unregistered
    /// households it flagged.
    package func population(run: LedgerRun) throws -> Population {
        guard let system = runner.config.sources.first(where: { $0.id == .system }) else {
            throw PipelineError(file: runner.config.path, keyPath: "sources.system", message: "the pipeline has no system source to sample from")
        }
        let normalizer = FieldNormalizer(vocabulary: try runner.loadVocabulary())
        let statusKind = FieldCatalog.spec(.status, level: .household)!.kind
        var population = Population()
        var seen: Set<String> = []
        var countyNames: [String: String] = [:]
        func text(_ raw: String?) -> String { raw.flatMap { normalizer.normalize($0, kind: .text).normalized } ?? "" }
        _ = try TableScanner(inputFolder: run.inputFolder).scan(system.households, sourceName: SourceID.system.rawValue, quarantine: { _ in }) { record in
            let id = text(record.value(.householdID))
            guard !id.isEmpty, seen.insert(id).inserted else { return nil }
            population.cadres[id] = (text(record.value(.cadreName)), text(record.value(.cadrePhone)))
            let status = normalizer.normalize(record.value(.status) ?? "", kind: statusKind).normalized
            let stratum: SampleStratum
            if status == "已脱贫" { stratum = .exited } else if MemberFacts.isRegisteredPoor(status) { stratum = .poor } else { return nil }
            let region = normalizer.normalize(record.value(.regionCode) ?? "", kind: .regionCode).normalized ?? ""
            let county = PartCounters.county(region)
            let countyName = text(record.value(.county))
            if countyNames[county] == nil, !countyName.isEmpty { countyNames[county] = countyName }
            population.units.append(.init(
                stratum: stratum, county: county, key: id, regionCode: region, householdID: id, headName: text(record.value(.headName)),
                township: text(record.value(.township)), village: text(record.value(.village))))
            return nil
        }
        for f in try ledger.findings() where f.rule == RuleID.identifyFourLooks.rawValue && f.lastSeenRun == run.id && f.state != .resolved
            && f.field == FieldID.status.rawValue && (f.householdID.isEmpty || !seen.contains(f.householdID)) {
            population.units.append(.init(
                stratum: .unregistered, county: PartCounters.county(f.regionCode), key: f.findingID, regionCode: f.regionCode,
                householdID: f.householdID, findingID: f.findingID, headName: f.memberID))
        }
        for i in population.units.indices { population.units[i].countyName = countyNames[population.units[i].county] ?? "" }
        return population
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
