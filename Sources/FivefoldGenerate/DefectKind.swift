// The kinds of defect the generator plants, one per SPEC §4 household-level rule and
// `monitor.edge` (`monitor.relapse` needs two nights and is not planted; the village
// rule `village.class` is planted on villages, see `VillageRegister`). Each kind knows its rule
// id, how many variants it has (unify.mismatch has one per field it disagrees on), and what
// household it needs. The order is part of the dataset format: changing it changes every
// dataset for a given seed.

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
        case .idFormat: return "id.format"
        case .idChecksum: return "id.checksum"
        case .idBirthMismatch: return "id.birth_mismatch"
        case .idSexMismatch: return "id.sex_mismatch"
        case .valueInvalid: return "value.invalid"
        case .sizeMismatch: return "household.size_mismatch"
        case .householdHead: return "household.head"
        case .memberImplausible: return "member.implausible"
        case .householdCause: return "household.cause"
        case .noCadre: return "household.no_cadre"
        case .duplicatePerson: return "duplicate.person"
        case .duplicateHousehold: return "duplicate.household"
        case .unifyMissing: return "unify.missing"
        case .unifyMismatch: return "unify.mismatch"
        case .registryDeceased: return "registry.deceased"
        case .publicEmployee: return "eligibility.public_employee"
        case .vehicle: return "eligibility.vehicle"
        case .property: return "eligibility.property"
        case .business: return "eligibility.business"
        case .exitIncome: return "exit.income"
        case .exitHousing: return "exit.housing"
        case .exitEducation: return "exit.education"
        case .exitMedical: return "exit.medical"
        case .fourLooksWellOff, .fourLooksUnregistered: return "identify.four_looks"
        case .householdYears: return "household.years"
        case .exitFourLooks: return "exit.four_looks"
        case .householdType: return "household.type"
        case .householdMeasures: return "household.measures"
        case .monitorEdge: return "monitor.edge"
        }
    }

    /// Every rule id of SPEC §4, including the village rule.
    public static let allRules: [String] = {
        var rules: [String] = []
        for kind in allCases where !rules.contains(kind.rule) { rules.append(kind.rule) }
        return rules + ["village.class", "vocabulary.unknown"]
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
