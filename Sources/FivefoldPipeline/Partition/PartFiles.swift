import Foundation
import FivefoldModel
import FivefoldIO
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

/// The intermediate files of a run, between the per-partition evaluation and the assembly:
/// findings, corrections, worklist items and 防返贫监测 rows (monitoring.csv items, and the
/// households for `monitor.relapse`) per partition, identity keys in ID-hash buckets
/// (`IdentityFiles`), counters, and the input accounting. A shard (`--shard i/N`) leaves exactly these in its
/// output folder (`_parts/`), and `fivefold merge` assembles any number of them.
struct PartFiles {
    let folder: String
    /// Identity keys are bucketed by the hash of the ID number so duplicates can be found one
    /// bucket at a time.
    static let idBuckets = 64

    init(folder: String) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func write(_ output: CaseEvaluator.Output, partition p: Int, maskIDs: Bool) throws {
        try PartCodec.write(output.findings.lazy.map(FindingRow.init), to: path("findings-\(p).csv"))
        try PartCodec.write(output.corrections, to: path("corrections-\(p).csv"))
        let worklist = WorklistWriter(maskIDs: maskIDs)
        try PartCodec.write(output.findings.lazy.compactMap { worklist.item($0, entry: output.directory[$0.householdID]) }, to: path("worklist-\(p).csv"))
        try PartCodec.write(output.findings.lazy.compactMap { MonitoringWriter.item($0, entry: output.directory[$0.householdID]) }, to: path("monitoring-\(p).csv"))
        try PartCodec.write(output.monitor, to: path("monitor-\(p).csv"))
        try IdentityFiles.write(output.identities, partition: p, folder: folder)
        let counters = try PartCSV.create(path("counters-\(p).csv"), header: PartCounters.header)
        for row in output.counters.rows { try counters.writeRow(row) }
        try counters.close()
    }

    private func path(_ name: String) -> String { folder + "/" + name }

    /// The records of every part file whose name starts with `prefix` (and ends with `.csv`), in name order.
    func records<Record: PartRecord>(_ prefix: String, as kind: Record.Type = Record.self) throws -> [Record] {
        try files(prefix, suffix: ".csv").flatMap { try PartCodec<Record>.read(path: path($0)) }
    }

    func files(_ prefix: String, suffix: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
    }

    /// The partitions' counters, summed in partition order. The files are read and parsed on
    /// `jobs` threads, a few at a time (read one after another, the 505 files of 1 M households
    /// held the assembly on one core for ~3 s; parsed all at once, they raised the run's peak
    /// memory from 360 to 600 MB).
    func counters(jobs: Int = 1) throws -> PartCounters {
        let paths = try files("counters-", suffix: ".csv").map(path)
        var total = PartCounters()
        let batch = max(1, 2 * jobs)
        for start in stride(from: 0, to: paths.count, by: batch) {
            let parts = try Parallel.map(Array(paths[start..<min(start + batch, paths.count)]), jobs: jobs) { path in
                guard let counters = PartCounters(rows: try PartCSV.rows(path: path, header: PartCounters.header)) else {
                    throw PartCSV.damaged(path)
                }
                return counters
            }
            for counters in parts { total.add(counters) }
        }
        return total
    }

    func writeInputs(_ stats: [InputStats]) throws {
        try Self.writeJSON(stats.map(RunSummary.Input.init), to: folder + "/inputs.json")
    }

    /// Which mapped fields each system table lacks, leaves blank or fills (`InputStats`), so a
    /// merge skips the same rules as a whole run (`PipelineConfig.knowingAbsent`).
    struct FieldPresence: Codable {
        var source: String
        var file: String
        var absent: [String]
        var blank: [String]
        var filled: [String]
    }

    func writeFieldPresence(_ stats: [InputStats]) throws {
        let rows = stats.filter { $0.source == SourceID.system.rawValue }
            .map { FieldPresence(source: $0.source, file: $0.file, absent: $0.absentFields, blank: $0.blankFields, filled: $0.filledFields) }
        try Self.writeJSON(rows, to: folder + "/fields.json")
    }

    /// The system tables' field presence as `InputStats` (empty for parts written before it was
    /// recorded).
    func fieldPresence() throws -> [InputStats] {
        let path = folder + "/fields.json"
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let rows = try JSONDecoder().decode([FieldPresence].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        return rows.map { row in
            var stats = InputStats(source: row.source, file: row.file)
            stats.absentFields = row.absent
            stats.blankFields = row.blank
            stats.filledFields = row.filled
            return stats
        }
    }

    func inputs() throws -> [RunSummary.Input] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/inputs.json"))
        return try JSONDecoder().decode([RunSummary.Input].self, from: data)
    }

    static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(value).write(to: URL(fileURLWithPath: path))
    }
}

extension RunSummary.Input {
    init(_ s: InputStats) {
        self.init(source: s.source, file: s.file, encoding: s.encoding, read: s.read, accepted: s.accepted, quarantined: s.quarantined, fatal: s.fatal,
                  skipped: s.skipped, warnings: s.warnings.isEmpty ? nil : s.warnings, damage: s.damage.isEmpty ? nil : s.damage)
    }
}

extension PartFiles {
    /// What a shard was made with, beside its parts: which slice, the as-of date and the
    /// fingerprint of its pipeline and vocabulary files (`PipelineRunner.settingsFingerprint`),
    /// which the merge requires to be the same for every shard and for itself.
    struct ShardDescription: Codable, Equatable {
        var index: Int
        var count: Int
        var asOf: String?
        var settings: String?
        /// The fingerprint of the signed results (`fivefold signoff`) the shard resolved with.
        var signed: String?

        enum CodingKeys: String, CodingKey {
            case index, count, settings, signed
            case asOf = "as_of"
        }
    }

    func writeShard(_ shard: Shard, asOf: String, settings: String, signed: String) throws {
        try Self.writeJSON(ShardDescription(index: shard.index, count: shard.count, asOf: asOf, settings: settings, signed: signed), to: folder + "/shard.json")
    }

    func shardDescription() throws -> ShardDescription {
        let path = folder + "/shard.json"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let d = try? JSONDecoder().decode(ShardDescription.self, from: data), d.count >= 1, (0..<d.count).contains(d.index) else {
            throw PipelineError(file: path, keyPath: "", message: "damaged shard description")
        }
        return d
    }

    func shard() throws -> Shard {
        let d = try shardDescription()
        return Shard(index: d.index, count: d.count)
    }
}
