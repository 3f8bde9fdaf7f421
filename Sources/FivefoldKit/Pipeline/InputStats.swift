/// Row accounting for one input file: read = accepted + quarantined, always.
public struct InputStats: Sendable, Equatable {
    public var source: String
    /// Path relative to the input folder.
    public var file: String
    public var read: Int = 0
    public var accepted: Int = 0
    public var quarantined: Int = 0
    /// The detected or configured text encoding.
    public var encoding: String = ""
    /// A fatal error that ended the file early (records before it are kept and counted).
    public var fatal: String?

    public init(source: String, file: String) {
        self.source = source
        self.file = file
    }
}

/// Village register row (verification/villages.csv).
public struct VillageRecord: Sendable {
    public var location: SourceLocation
    public var regionCode: String
    public var name: String
    /// 户籍人口.
    public var population: Int?
    /// Recorded 贫困村类别 as written.
    public var recordedClass: String
}
