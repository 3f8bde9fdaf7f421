// What each of the five sources (and the registries) will say about one household. It starts
// as five identical copies of the true household; a planted defect changes the copies of the
// sources that would really carry the mistake (and registers the findings it must raise), and
// noise adds raw-text overrides that normalise back to the same value. The renderers then print
// each copy; a nil copy means the source does not list the household at all.

/// Per-source views of one household, ready to render.
public struct HouseholdSources: Sendable {
    /// The household before any defect (what a perfect dataset would hold).
    public var truth: SyntheticHousehold
    public var system: SyntheticHousehold?
    public var archive: SyntheticHousehold?
    public var wall: SyntheticHousehold?
    public var interview: SyntheticHousehold?
    /// The on-site inspection (verification/inspection.csv).
    public var inspection: SyntheticHousehold?
    /// The people as the department registries know them (hukou, students, insurance).
    public var registry: SyntheticHousehold
    /// Raw text replacing canonical values (noise, unreadable values).
    public var overrides: [FieldOverride] = []
    /// Extra registry rows: table and cells.
    public var registryRows: [(table: GeneratedSource, cells: [String])] = []
    /// Interview-only households visited after this one (blank 户编号).
    public var unregistered: [SyntheticHousehold] = []
    /// Findings the planted defect must raise.
    public var truthRows: [TruthRow] = []
    public var noiseRows: [NoiseRow] = []
    /// The planted defect's rule id (nil for a clean household).
    public var plantedRule: String?
    /// Whether the wall card writes 贫困户属性 as the vocabulary gap value (`vocabulary.unknown`,
    /// planted once per dataset: see `HouseholdAssembler.gapValue`).
    public var vocabularyGap = false

    public init(_ household: SyntheticHousehold) {
        truth = household
        system = household
        archive = household
        wall = household
        interview = household
        inspection = household
        registry = household
    }

    /// The override of a field in a source, if any.
    public func override(_ source: GeneratedSource, member: Int?, _ field: GeneratedField) -> String? {
        guard !overrides.isEmpty else { return nil }
        for o in overrides where o.source == source && o.member == member && o.field == field { return o.raw }
        return nil
    }

    /// Whether a field of a source already carries an override (noise never stacks on one).
    public func hasOverride(_ source: GeneratedSource, member: Int?, _ field: GeneratedField) -> Bool {
        override(source, member: member, field) != nil
    }

    /// Applies `change` to every listed source's copy that exists.
    mutating func modify(_ sources: [GeneratedSource], _ change: (inout SyntheticHousehold) -> Void) {
        for source in sources {
            switch source {
            case .system: if system != nil { change(&system!) }
            case .archive: if archive != nil { change(&archive!) }
            case .wall: if wall != nil { change(&wall!) }
            case .interview: if interview != nil { change(&interview!) }
            case .verification: if inspection != nil { change(&inspection!) }
            case .hukou, .students, .insurance: change(&registry)
            default: break
            }
        }
    }

    /// Every source that holds the household and its registry view.
    static let everywhere: [GeneratedSource] = [.system, .archive, .wall, .interview, .verification, .hukou]
}
