// One record of an XML dump as plain Swift values, independent of libxml2, so later stages can
// map it to the canonical model (and send it across threads) without touching C.

/// A record (or member) element: its direct children's text and its attributes.
public struct XMLElementRecord: Sendable, Equatable {
    /// The file and the line of the element's start tag.
    public var location: SourceLocation
    /// Direct child elements' text by element name (trimmed; the first occurrence wins), and the
    /// element's own attributes as `"@name"`. Children that have element children of their own
    /// are left out.
    public var values: [String: String]
    /// The member elements found under the member path, in document order.
    public var members: [XMLElementRecord]

    /// Creates a record.
    public init(location: SourceLocation, values: [String: String] = [:], members: [XMLElementRecord] = []) {
        self.location = location
        self.values = values
        self.members = members
    }
}
