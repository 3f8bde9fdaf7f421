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
    /// Why the whole file cannot be used although rows could be read (an ID column a spreadsheet
    /// rounded: `SpreadsheetIDGuard.roundedColumn`): the run stops naming it.
    public var unusable: String?
    /// Non-blank rows above the header (`header_row` / `skip_rows`): titles, not data; not in `read`.
    public var skipped: Int = 0
    /// What was read but looks like a configuration mistake (a mapped column blank in every
    /// row, a member path that finds no members): printed and listed in summary.json.
    public var warnings: [String] = []
    /// The warnings (also in `warnings`) that say rows of this file were lost: it is cut off or
    /// breaks off, or many of its rows were quarantined. A nightly job asks for a failing exit
    /// status on these (`--fail-on-damage`), since its findings are then partly false.
    public var damage: [String] = []
    /// Canonical fields mapped `optional: true` that this file does not have (no column, element
    /// or attribute of any of their names): rules that need them are skipped for a system table.
    public var absentFields: [String] = []
    /// Mapped fields this file has but leaves blank in every row (record or member), and the
    /// mapped fields it fills somewhere: a system field blank in every table that maps it is
    /// treated like an absent one by the rules that need it (a 六型 column an export left empty
    /// would otherwise put every household on the worklist).
    public var blankFields: [String] = []
    public var filledFields: [String] = []

    public init(source: String, file: String) {
        self.source = source
        self.file = file
    }
}
