/// A value for one cell of a sheet written by ``XLSXWriter``.
///
/// Cells are written as strings, or as numbers when made with ``number(_:)`` in a
/// ``XLSXColumn/Kind/general`` column; never as formulas.
public struct XLSXOutputCell: Sendable, Equatable, ExpressibleByStringLiteral {
    /// The text (or the decimal of a number).
    public var text: String
    /// Whether to write a number cell (only in a General column, and only when ``text`` is a
    /// plain decimal; otherwise it is written as a string).
    public var isNumber: Bool
    /// The values a person may choose from (a data-validation drop-down list), or nil.
    ///
    /// Dropped for this cell (the cell stays free to type in) when a value contains a comma or a
    /// double quote, or the list joined with commas is longer than 255 characters: a list
    /// validation holds its values inline as `"a,b,c"`, with no escape for either character
    /// and a 255-character limit. ``XLSXOutputSheet/droppedValidations`` counts such cells.
    public var allowedValues: [String]?

    /// A string cell, with an optional list of allowed values.
    public init(_ text: String, allowedValues: [String]? = nil) {
        self.text = text
        self.isNumber = false
        self.allowedValues = allowedValues
    }

    /// A string cell.
    public init(stringLiteral value: String) { self.init(value) }

    /// A number cell holding the decimal `value` (e.g. `"3"`, `"3520.5"`).
    public static func number(_ value: String) -> XLSXOutputCell {
        var cell = XLSXOutputCell(value)
        cell.isNumber = true
        return cell
    }

    /// An empty cell (still styled, so an editable one can be typed into).
    public static let empty = XLSXOutputCell("")
}
