import GRDB

/// A 事后抽查 sample drawn from a run (a row of `samples`): how it was drawn, so that the same
/// seed and size give the same households again.
public struct Sample: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "samples"

    public var id: Int64?
    /// ISO 8601 timestamp (UTC).
    public var created: String
    /// The run whose households were sampled.
    public var runID: Int64
    /// The seed as given (decimal text: SQLite integers are signed).
    public var seed: String
    /// The size asked for (per county with `perCounty`).
    public var size: Int
    public var perCounty: Bool
    public var minPerStratum: Int
    /// Households in every stratum sampled from.
    public var population: Int

    public init(created: String, runID: Int64, seed: UInt64, size: Int, perCounty: Bool, minPerStratum: Int, population: Int) {
        self.created = created
        self.runID = runID
        self.seed = String(seed)
        self.size = size
        self.perCounty = perCounty
        self.minPerStratum = minPerStratum
        self.population = population
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, created, seed, size, population
        case runID = "run_id"
        case perCounty = "per_county"
        case minPerStratum = "min_per_stratum"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
