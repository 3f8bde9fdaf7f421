// What a generated dataset is a function of. Two runs with equal options write byte-identical
// folders on any machine; the batch size is part of the format (the interview file is one gzip
// member per batch) and is therefore fixed, not tuned to the machine.

/// Parameters of `DatasetGenerator`.
public struct GeneratorOptions: Sendable, Equatable {
    /// Number of registered households (rows of system/households.csv, before planted
    /// omissions from the system).
    public var households: Int
    public var seed: UInt64
    /// Output folder (created; existing dataset files are overwritten).
    public var outputFolder: String
    /// Share of households carrying one planted defect (0–1).
    public var defectRate: Double
    /// Share of households carrying one to three format-noise substitutions (0–1).
    public var noiseRate: Double
    /// Number of counties (1–20).
    public var counties: Int
    /// The data's reference date: ages and birth dates hold as of it. `fivefold generate`
    /// defaults it to today (`--as-of`); the library default keeps seeded test data stable.
    public var asOf = SyntheticDate(year: 2020, month: 12, day: 31)
    /// Worker threads (does not change the output); 0 = one per core.
    public var workers = 0
    /// zlib level of the interview file.
    public var gzipLevel: Int32 = 6

    /// Households per batch: fixed, because it shapes the interview file's gzip members.
    public static let batchSize = 1024

    public init(households: Int, seed: UInt64, outputFolder: String, defectRate: Double = 0.05, noiseRate: Double = 0.1, counties: Int = 3) {
        self.households = households
        self.seed = seed
        self.outputFolder = outputFolder
        self.defectRate = defectRate
        self.noiseRate = noiseRate
        self.counties = counties
    }

    /// Why the options cannot make a dataset, or nil.
    public var problem: String? {
        if households < 1 { return "households must be at least 1" }
        if households > 50_000_000 { return "households must be at most 50,000,000" }
        if !(0...1).contains(defectRate) { return "defect rate must be between 0 and 1" }
        if !(0...1).contains(noiseRate) { return "noise rate must be between 0 and 1" }
        if !(1...NamePools.counties.count).contains(counties) { return "counties must be between 1 and \(NamePools.counties.count)" }
        if counties > households { return "counties must not exceed households" }
        if households / counties > 99 * IDNumberMaker.householdsPerPrefix { return "too many households per county for unique ID numbers; add counties" }
        return nil
    }
}
