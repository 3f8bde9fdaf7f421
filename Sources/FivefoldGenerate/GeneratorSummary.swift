// generator.json: how a dataset was made and what is in it, so that a test or a person can
// check a pipeline's output against counts without re-reading the files.

import Foundation

/// The contents of generator.json.
public struct GeneratorSummary: Codable, Sendable, Equatable {
    public var generator = "fivefold generate"
    public var formatVersion = 1
    public var seed: UInt64
    public var households: Int
    public var defectRate: Double
    public var noiseRate: Double
    public var counties: Int
    public var villages: Int
    public var asOf: String
    /// Rows written to system/households.csv and system/members.csv.
    public var systemHouseholdRows: Int
    public var systemMemberRows: Int
    /// Interview submissions with a blank 户编号.
    public var unregisteredInterviewHouseholds: Int
    /// Households carrying a planted defect, by rule.
    public var defectsByRule: [String: Int]
    /// Villages whose recorded class was planted wrong.
    public var plantedVillageClasses: Int
    public var truthRows: Int
    public var noiseRows: Int

    enum CodingKeys: String, CodingKey {
        case generator, seed, households, counties, villages
        case formatVersion = "format_version"
        case defectRate = "defect_rate"
        case noiseRate = "noise_rate"
        case asOf = "as_of"
        case systemHouseholdRows = "system_household_rows"
        case systemMemberRows = "system_member_rows"
        case unregisteredInterviewHouseholds = "unregistered_interview_households"
        case defectsByRule = "defects_by_rule"
        case plantedVillageClasses = "planted_village_classes"
        case truthRows = "truth_rows"
        case noiseRows = "noise_rows"
    }

    /// Pretty JSON with sorted keys (no timings, so the file is as deterministic as the data).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
