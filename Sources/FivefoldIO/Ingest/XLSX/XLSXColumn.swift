/// A column of a sheet written by ``XLSXWriter``: its header title and how its cells are shown
/// and protected.
public struct XLSXColumn: Sendable, Equatable {
    /// How the column's cells are typed.
    public enum Kind: Sendable, Equatable {
        /// Forced text: the cells are strings in the text number format `@` (id 49), so a value
        /// typed or pasted later also stays text (a 16-digit 户编号 is never made a number).
        case text
        /// The General format: cells given as numbers are numbers, the others strings.
        case general
    }

    /// The header text (row 1).
    public var title: String
    /// The width in characters (Excel's unit), or nil for one fitted to the title.
    public var width: Double?
    /// Forced text or General.
    public var kind: Kind
    /// Whether the cells can be edited on a protected sheet: they are unlocked and highlighted
    /// with a light fill so the person filling in the sheet sees where to type.
    public var editable: Bool
    /// Whether long text wraps inside the cell.
    public var wrap: Bool

    /// Creates a column description.
    public init(_ title: String, width: Double? = nil, kind: Kind = .general, editable: Bool = false, wrap: Bool = false) {
        self.title = title
        self.width = width
        self.kind = kind
        self.editable = editable
        self.wrap = wrap
    }

    /// `width`, or the title's display width (a CJK character counts two) plus a margin.
    var effectiveWidth: Double {
        if let width { return width }
        let units = title.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
        return Double(max(10, units + 4))
    }
}
