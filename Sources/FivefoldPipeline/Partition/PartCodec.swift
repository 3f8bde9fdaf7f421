import FivefoldModel
import FivefoldIO

/// Reads and writes the part files of one record kind (`PartRecord`): CSV in UTF-8 without BOM,
/// LF line ends, the kind's header first. CSV rather than a binary format because the files
/// are small beside the inputs (findings and worklist items), a person can open a shard's
/// parts to see what it found, and the format has stayed the same since shards were introduced,
/// so `merge` still reads the parts of shards run by an earlier build.
///
/// Part files are written by Fivefold itself: a row that cannot be read, a header that is not
/// the kind's, or a row that is not a record means a damaged work or shard folder, and reading
/// stops with "damaged intermediate file; run the shard again".
enum PartCodec<Record: PartRecord> {
    /// Writes `records` to `path` (replacing the file).
    static func write<S: Sequence>(_ records: S, to path: String) throws where S.Element == Record {
        let writer = try PartCSV.create(path, header: Record.partHeader)
        for record in records { try writer.writeRow(record.partFields) }
        try writer.close()
    }

    /// The records of the part file at `path`, in file order.
    static func read(path: String) throws -> [Record] {
        try PartCSV.rows(path: path, header: Record.partHeader).map { fields in
            guard let record = Record(partFields: fields) else { throw PartCSV.damaged(path) }
            return record
        }
    }
}

/// The CSV dialect of part files, shared by `PartCodec` and the counters (whose rows are of
/// several kinds and are read as one `PartCounters`).
enum PartCSV {
    static func create(_ path: String, header: [String]) throws -> CSVWriter {
        let writer = try CSVWriter(path: path, encoding: .utf8, bom: false, lineTerminator: "\n")
        try writer.writeRow(header)
        return writer
    }

    /// The rows of the part file at `path` (without its header), each as wide as `header`,
    /// which must be the file's header.
    static func rows(path: String, header: [String]) throws -> [[String]] {
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch let error as IngestError {
            throw damaged(path, because: "\(error)")
        }
        guard reader.header == header else { throw damaged(path, because: "its header is not that of this build's part files") }
        var result: [[String]] = []
        let width = header.count
        var unreadable = false
        _ = try reader.read({ row in
            result.append((0..<width).map { row.string(at: $0) })
        }, quarantine: { _ in unreadable = true })
        if unreadable { throw damaged(path) }
        return result
    }

    static func damaged(_ path: String, because reason: String? = nil) -> PipelineError {
        PipelineError(file: path, keyPath: "", message: "damaged intermediate file; run the shard again" + (reason.map { " (\($0))" } ?? ""))
    }
}
