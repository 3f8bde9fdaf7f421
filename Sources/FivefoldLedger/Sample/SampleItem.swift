import FivefoldModel
import GRDB

/// One sampled household of a 事后抽查 sample (a row of `sample_items`), with the verdict signed
/// on it once the worklist came back.
public struct SampleItem: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sample_items"
    /// The 问题编号 prefix of sample items (finding ids start with `F`).
    public static let idPrefix = "S"

    /// `S` + 16 hex digits: the 问题编号 on the sample worklist.
    public var itemID: String
    public var sampleID: Int64
    public var stratum: SampleStratum
    /// 6-digit county code ("unknown" without a region code) and its name.
    public var county: String
    public var countyName: String
    /// Households of this item's stratum (county × stratum) in the population sampled.
    public var stratumPopulation: Int
    public var regionCode: String
    /// Blank for an unregistered household without 户编号.
    public var householdID: String
    /// For an unregistered household, its `identify.four_looks` finding.
    public var findingID: String
    public var headName: String
    public var township: String
    public var village: String
    public var people: Int
    /// `confirmed` (属实: the suspicion holds — wrongly exited, wrongly included, omitted) or
    /// `refuted` (不属实); nil until signed.
    public var verdict: SignedResult.Kind?
    public var rawValue: String?
    public var signer: String?
    public var signedOn: String?
    public var sourceFile: String?
    public var sourceLine: Int?
    public var imported: String?

    public init(
        itemID: String, sampleID: Int64, stratum: SampleStratum, county: String, countyName: String, stratumPopulation: Int,
        regionCode: String, householdID: String, findingID: String = "", headName: String, township: String, village: String, people: Int
    ) {
        self.itemID = itemID
        self.sampleID = sampleID
        self.stratum = stratum
        self.county = county
        self.countyName = countyName
        self.stratumPopulation = stratumPopulation
        self.regionCode = regionCode
        self.householdID = householdID
        self.findingID = findingID
        self.headName = headName
        self.township = township
        self.village = village
        self.people = people
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case stratum, county, verdict, signer, imported, township, village, people
        case itemID = "item_id"
        case sampleID = "sample_id"
        case countyName = "county_name"
        case stratumPopulation = "stratum_population"
        case regionCode = "region_code"
        case householdID = "household_id"
        case findingID = "finding_id"
        case headName = "head_name"
        case rawValue = "raw_value"
        case signedOn = "signed_on"
        case sourceFile = "source_file"
        case sourceLine = "source_line"
    }

    /// `S` + 16 lower-case hex digits for an id as written (any case); nil for anything else.
    public static func canonicalID(_ text: Substring) -> String? {
        guard text.count == 17, text.first == "S" || text.first == "s" else { return nil }
        let hex = text.dropFirst()
        guard hex.allSatisfy(\.isHexDigit) else { return nil }
        return idPrefix + hex.lowercased()
    }
}

extension SampleStratum: DatabaseValueConvertible {}
