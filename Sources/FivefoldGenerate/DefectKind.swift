// The kinds of defect the generator plants, one per SPEC §4 household-level rule and
// `monitor.edge` (`monitor.relapse` needs two nights and is not planted; the village
// rule `village.class` is planted on villages, see `VillageRegister`). Each kind knows its rule
// id, how many variants it has (unify.mismatch has one per field it disagrees on), and what
// household it needs. The order is part of the dataset format: changing it changes every
// dataset for a given seed.
import FivefoldModel

/// A household-level defect kind and its rule id.
public enum DefectKind: Int, CaseIterable, Sendable {
    case idFormat, idChecksum, idBirthMismatch, idSexMismatch, valueInvalid, sizeMismatch, householdHead
    case memberImplausible, householdCause, noCadre, duplicatePerson, duplicateHousehold, unifyMissing
    case unifyMismatch, registryDeceased, publicEmployee, vehicle, property, business
    case exitIncome, exitHousing, exitEducation, exitMedical, fourLooksWellOff, fourLooksUnregistered
    case householdYears, exitFourLooks, householdType, householdMeasures
    case monitorEdge

    /// The SPEC §4 rule id the defect must raise.
    public var rule: String {
        switch self {
        case .idFormat: return RuleID.idFormat.rawValue
        case .idChecksum: return RuleID.idChecksum.rawValue
        case .idBirthMismatch: return RuleID.idBirthMismatch.rawValue
        case .idSexMismatch: return RuleID.idSexMismatch.rawValue
        case .valueInvalid: return RuleID.valueInvalid.rawValue
        case .sizeMismatch: return RuleID.householdSizeMismatch.rawValue
        case .householdHead: return RuleID.householdHead.rawValue
        case .memberImplausible: return RuleID.memberImplausible.rawValue
        case .householdCause: return RuleID.householdCause.rawValue
        case .noCadre: return RuleID.householdNoCadre.rawValue
        case .duplicatePerson: return RuleID.duplicatePerson.rawValue
        case .duplicateHousehold: return RuleID.duplicateHousehold.rawValue
        case .unifyMissing: return RuleID.unifyMissing.rawValue
        case .unifyMismatch: return RuleID.unifyMismatch.rawValue
        case .registryDeceased: return RuleID.registryDeceased.rawValue
        case .publicEmployee: return RuleID.eligibilityPublicEmployee.rawValue
        case .vehicle: return RuleID.eligibilityVehicle.rawValue
        case .property: return RuleID.eligibilityProperty.rawValue
        case .business: return RuleID.eligibilityBusiness.rawValue
        case .exitIncome: return RuleID.exitIncome.rawValue
        case .exitHousing: return RuleID.exitHousing.rawValue
        case .exitEducation: return RuleID.exitEducation.rawValue
        case .exitMedical: return RuleID.exitMedical.rawValue
        case .fourLooksWellOff, .fourLooksUnregistered: return RuleID.identifyFourLooks.rawValue
        case .householdYears: return RuleID.householdYears.rawValue
        case .exitFourLooks: return RuleID.exitFourLooks.rawValue
        case .householdType: return RuleID.householdType.rawValue
        case .householdMeasures: return RuleID.householdMeasures.rawValue
        case .monitorEdge: return RuleID.monitorEdge.rawValue
        }
    }

    /// Every rule id of SPEC §4, including the village rule.
    public static let allRules: [String] = {
        var rules: [String] = []
        for kind in allCases where !rules.contains(kind.rule) { rules.append(kind.rule) }
        return rules + [RuleID.villageClass.rawValue, RuleID.vocabularyUnknown.rawValue]
    }()

    /// Number of variants (fields, sources or forms the defect takes).
    public var variants: Int {
        switch self {
        case .idFormat: return 4
        case .valueInvalid: return 10
        case .householdHead: return 3
        case .memberImplausible: return 7
        case .noCadre: return 2
        case .unifyMissing: return 6
        case .unifyMismatch: return 22
        case .householdYears, .householdType, .householdMeasures: return 5
        case .monitorEdge: return 3
        default: return 1
        }
    }

    /// Whether the defect copies a person from the previous household (which must be clean).
    public var needsDonor: Bool { self == .duplicatePerson || self == .duplicateHousehold }

    /// The household the variant needs.
    public func requirements(variant: Int) -> HouseholdRequirements {
        let variant = variant % variants
        switch self {
        case .idFormat, .idChecksum, .idSexMismatch: return HouseholdRequirements(minSize: 2)
        case .householdHead:
            return variant == 0 ? HouseholdRequirements(spouse: true) : HouseholdRequirements(minSize: variant == 2 ? 2 : 1)
        case .memberImplausible:
            switch variant {
            case 0: return HouseholdRequirements(childAged: 20...60, childInSchool: false)
            case 1: return HouseholdRequirements(spouse: true)
            case 2: return HouseholdRequirements(childAged: 3...5)
            case 3, 5: return HouseholdRequirements(childAged: 7...14, childInSchool: true)
            default: return HouseholdRequirements(minSize: 2)
            }
        case .unifyMissing: return HouseholdRequirements(minSize: variant == 5 ? 2 : 1)
        case .unifyMismatch: return HouseholdRequirements(minSize: 2)
        case .exitIncome, .exitHousing, .exitMedical: return HouseholdRequirements(status: "已脱贫")
        case .exitEducation: return HouseholdRequirements(status: "已脱贫", childAged: 6...15, childInSchool: true)
        case .fourLooksWellOff: return HouseholdRequirements(wellOff: true)
        case .exitFourLooks: return HouseholdRequirements(status: "已脱贫")
        case .householdYears:
            return HouseholdRequirements(status: ["未脱贫", "已脱贫", "已脱贫", "已脱贫", "返贫"][variant])
        case .householdMeasures:
            switch variant {
            case 0: return HouseholdRequirements(status: "未脱贫")
            case 1: return HouseholdRequirements(childAged: 6...15, childInSchool: true)
            default: return .none
            }
        // 0: an exited household in the monitoring band; 1: an 边缘户 in it; 2: an 边缘户 below the line.
        case .monitorEdge: return HouseholdRequirements(status: variant == 0 ? "已脱贫" : "边缘户")
        default: return .none
        }
    }
}
