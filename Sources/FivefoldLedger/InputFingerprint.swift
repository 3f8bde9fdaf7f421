import Foundation
import GRDB
import FivefoldModel

/// One input file of a run (`run_inputs`): what the run read, to tell a repeat from a new night.
public struct InputFingerprint: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "run_inputs"

    public var runID: Int64
    /// Path relative to the input folder, as the pipeline names it.
    public var file: String
    public var size: Int64
    /// Modification time, ISO 8601 (recorded for people; not part of the repeat test, so a
    /// re-fetched but identical dump still counts as the same input).
    public var modified: String
    /// XXH64 of the file's bytes.
    public var contentHash: String
    /// The rows the run accepted from the file (read and not quarantined); nil when not counted
    /// (runs recorded before the count was kept). Not part of the repeat test: the same bytes
    /// give the same rows.
    public var rows: Int?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case file, size, modified, rows
        case runID = "run_id"
        case contentHash = "content_hash"
    }

    public init(runID: Int64 = 0, file: String, size: Int64, modified: String, contentHash: String, rows: Int? = nil) {
        self.runID = runID
        self.file = file
        self.size = size
        self.modified = modified
        self.contentHash = contentHash
        self.rows = rows
    }

    /// Reads size and modification time and hashes the content of `path`, recorded as `file`.
    /// A missing file is recorded with size -1 and content hash `missing`.
    ///
    /// - Throws: `PipelineError` naming the file when it exists but cannot be read.
    public static func of(file: String, path: String) throws -> InputFingerprint {
        guard FileManager.default.fileExists(atPath: path) else {
            return InputFingerprint(file: file, size: -1, modified: "", contentHash: "missing")
        }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            let modified = (attributes[.modificationDate] as? Date).map(Ledger.timestamp) ?? ""
            return InputFingerprint(file: file, size: size, modified: modified, contentHash: try XXHash64.hex(contentsOf: path))
        } catch {
            throw PipelineError(file: path, keyPath: "", message: "cannot read the input file to fingerprint it: \(error.localizedDescription)")
        }
    }
}
