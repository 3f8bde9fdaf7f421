import FivefoldModel

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
    /// When the reader was given `XMLSlotNames`: the value of each wanted name, by position
    /// (nil when absent); `values` then holds only the names not wanted.
    public var slots: [String?] = []

    /// Creates a record.
    public init(location: SourceLocation, values: [String: String] = [:], members: [XMLElementRecord] = []) {
        self.location = location
        self.values = values
        self.members = members
    }
}

/// The element (or `"@attribute"`) names a caller wants, record level and member level. A reader
/// given them fills `XMLElementRecord.slots` by position instead of `values`: matching a name is
/// then a pointer comparison per element, not the hashing of a (Chinese) name per value. Names
/// nobody asked for still go to `values` (usually none), so a quarantined record loses nothing.
public struct XMLSlotNames: Sendable, Equatable {
    public var record: [String]
    public var member: [String]

    public init(record: [String], member: [String] = []) {
        self.record = record
        self.member = member
    }
}
