// A row whose field count differs from the header's has shifted or lost values: reading it by
// position would put a name in the ID column. SPEC §6 wants such rows quarantined, which is the
// default; some exports drop trailing empty cells, which `pad` accepts without guessing.

/// What a CSV reader does with a row that has more or fewer fields than the header.
public enum RaggedRows: String, Sendable, CaseIterable {
    /// Any other field count than the header's quarantines the row (trailing empty fields count).
    case quarantine
    /// Fewer fields are padded with blanks (the export dropped trailing empty cells); more fields
    /// are accepted only when every extra field is empty, and the extras are ignored; otherwise
    /// the row is quarantined.
    case pad
}
