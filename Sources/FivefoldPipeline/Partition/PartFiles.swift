import Foundation
import FivefoldModel
import FivefoldIO
import FivefoldCheck
import FivefoldReport

/// The intermediate files of a run, between the per-partition evaluation and the assembly:
/// findings, corrections and worklist items per partition, identity keys in ID-hash buckets
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

    private func open(_ name: String, header: [String]) throws -> CSVWriter {
        let w = try CSVWriter(path: folder + "/" + name, encoding: .utf8, bom: false, lineTerminator: "\n")
        try w.writeRow(header)
        return w
    }

    func write(_ output: CaseEvaluator.Output, partition p: Int, maskIDs: Bool) throws {
        let findings = try open("findings-\(p).csv", header: FindingsWriter.header)
        for f in output.findings { try findings.writeRow(FindingsWriter.row(f)) }
        try findings.close()

        let corrections = try open("corrections-\(p).csv", header: CorrectionsWriter.header)
        for c in output.corrections { try corrections.writeRow(CorrectionsWriter.row(c)) }
        try corrections.close()

        let worklist = WorklistWriter(maskIDs: maskIDs)
        let items = try open("worklist-\(p).csv", header: Self.worklistHeader)
        for f in output.findings {
            if let item = worklist.item(f, entry: output.directory[f.householdID]) { try items.writeRow(item.fields) }
        }
        try items.close()

        try IdentityFiles.write(output.identities, partition: p, folder: folder)

        let counters = try open("counters-\(p).csv", header: PartCounters.header)
        for row in output.counters.rows { try counters.writeRow(row) }
        try counters.close()
    }

    static let worklistHeader = ["_township", "_village", "_cadre", "_household", "_rule", "_member", "_field", "_id"] + WorklistWriter.header

    /// Rows of every part file whose name starts with `prefix` (and ends with `.csv`), in name order.
    func rows(_ prefix: String) throws -> [[String]] {
        try files(prefix, suffix: ".csv").flatMap { try rows(ofFile: $0) }
    }

    /// Rows of one part file (without its header).
    func rows(ofFile name: String) throws -> [[String]] {
        var result: [[String]] = []
        let reader = try CSVReader(path: folder + "/" + name)
        let width = reader.header.count
        var damaged = false
        _ = try reader.read({ row in
            result.append((0..<width).map { row.string(at: $0) })
        }, quarantine: { _ in damaged = true })
        // Part files are written by Fivefold itself: an unreadable row means a damaged work folder.
        if damaged {
            throw PipelineError(file: folder + "/" + name, keyPath: "", message: "damaged intermediate file; run the shard again")
        }
        return result
    }

    func files(_ prefix: String, suffix: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
    }

    func counters() throws -> PartCounters {
        var total = PartCounters()
        for name in try files("counters-", suffix: ".csv") {
            guard let counters = PartCounters(rows: try rows(ofFile: name)) else {
                throw PipelineError(file: folder + "/" + name, keyPath: "", message: "damaged intermediate file; run the shard again")
            }
            total.add(counters)
        }
        return total
    }

    func writeInputs(_ stats: [InputStats]) throws {
        try Self.writeJSON(stats.map(RunSummary.Input.init), to: folder + "/inputs.json")
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
                  skipped: s.skipped, warnings: s.warnings.isEmpty ? nil : s.warnings)
    }
}

extension PartFiles {
    func writeShard(_ shard: Shard) throws {
        try Self.writeJSON(["index": shard.index, "count": shard.count], to: folder + "/shard.json")
    }

    func shard() throws -> Shard {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/shard.json"))
        let dict = try JSONDecoder().decode([String: Int].self, from: data)
        guard let i = dict["index"], let n = dict["count"], n >= 1, (0..<n).contains(i) else {
            throw PipelineError(file: folder + "/shard.json", keyPath: "", message: "damaged shard description")
        }
        return Shard(index: i, count: n)
    }
}
