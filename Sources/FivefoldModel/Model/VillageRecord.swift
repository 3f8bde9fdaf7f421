/// Village register row (verification/villages.csv).
public struct VillageRecord: Sendable {
    public var location: SourceLocation
    public var regionCode: String
    public var name: String
    /// 户籍人口.
    public var population: Int?
    /// Recorded 贫困村类别 as written.
    public var recordedClass: String

    public init(location: SourceLocation, regionCode: String, name: String, population: Int?, recordedClass: String) {
        self.location = location
        self.regionCode = regionCode
        self.name = name
        self.population = population
        self.recordedClass = recordedClass
    }
}
