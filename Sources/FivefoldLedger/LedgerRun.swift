import Foundation
import GRDB

/// One row of the ledger's `runs` table: a run that completed and whose outputs were published.
///
/// A run that repeats the latest one exactly (same input fingerprints, pipeline hash and signed
/// results) reuses its row instead of adding one; `repeats` counts how often that happened.
public struct LedgerRun: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "runs"

    public var id: Int64?
    /// ISO 8601 timestamps (UTC) of the run's start and of the ledger commit.
    public var started: String
    public var finished: String
    /// The pipeline's name and file.
    public var pipeline: String
    public var pipelinePath: String
    /// XXH64 over the pipeline file, its vocabulary files, the effective as_of and the fivefold
    /// executable (size and modification time).
    public var pipelineHash: String
    public var inputFolder: String
    /// XXH64 over every input file's path, size and content hash (see `run_inputs`).
    public var inputHash: String
    /// XXH64 over the signed results fed into resolution.
    public var signoffHash: String
    public var asOf: String
    public var outputFolder: String
    public var households: Int
    public var findings: Int
    public var corrections: Int
    public var worklistItems: Int
    public var new: Int
    public var persisting: Int
    public var resolved: Int
    public var reopened: Int
    /// How many identical re-runs replaced this run's row.
    public var repeats: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, started, finished, pipeline, households, findings, corrections, new, persisting, resolved, reopened, repeats
        case pipelinePath = "pipeline_path"
        case pipelineHash = "pipeline_hash"
        case inputFolder = "input_folder"
        case inputHash = "input_hash"
        case signoffHash = "signoff_hash"
        case asOf = "as_of"
        case outputFolder = "output_folder"
        case worklistItems = "worklist_items"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The status counts of this run.
    public var statusCounts: FindingStatusCounts {
        FindingStatusCounts(new: new, persisting: persisting, resolved: resolved, reopened: reopened)
    }
}
