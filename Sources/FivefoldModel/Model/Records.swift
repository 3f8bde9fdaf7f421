// Records are values (a rule or a correction changes its own copy), but they are copied a great
// deal: into linked people, through dictionaries of sources, through every rule. A copy of a
// plain struct retained each of its strings and arrays (four or five retains, and as many
// releases); these keep their contents in one copy-on-write box, so a copy is one retain, reads
// borrow the contents in place, and a change copies the box only when it is shared.

/// A member as one source records it.
public struct MemberRecord: Sendable {
    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline var source: SourceID
        @usableFromInline var location: SourceLocation
        @usableFromInline var fields: FieldMap

        init(source: SourceID, location: SourceLocation, fields: FieldMap) {
            self.source = source
            self.location = location
            self.fields = fields
        }
    }

    @usableFromInline var box: Box

    public init(source: SourceID, location: SourceLocation, fields: FieldMap = [:]) {
        box = Box(source: source, location: location, fields: fields)
    }

    @usableFromInline mutating func unique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(source: box.source, location: box.location, fields: box.fields) }
    }

    public var source: SourceID {
        _read { yield box.source }
        set { unique(); box.source = newValue }
    }

    public var location: SourceLocation {
        _read { yield box.location }
        set { unique(); box.location = newValue }
    }

    @inlinable public var fields: FieldMap {
        _read { yield box.fields }
        _modify {
            unique()
            yield &box.fields
        }
    }

    /// The normalised value of a field, nil when blank or invalid.
    @inlinable public subscript(_ field: FieldID) -> String? { box.fields.normalized(field) }

    /// The member's key for findings: the ID number when present, else the name.
    public var memberKey: String {
        self[.idNumber] ?? self[.name] ?? box.fields[.name]?.raw ?? ""
    }
}

/// A household as one source records it, with the members that source lists.
public struct HouseholdRecord: Sendable {
    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline var source: SourceID
        @usableFromInline var location: SourceLocation
        @usableFromInline var fields: FieldMap
        @usableFromInline var members: [MemberRecord]
        @usableFromInline var isMemberOnly = false

        init(source: SourceID, location: SourceLocation, fields: FieldMap, members: [MemberRecord], isMemberOnly: Bool = false) {
            self.source = source
            self.location = location
            self.fields = fields
            self.members = members
            self.isMemberOnly = isMemberOnly
        }
    }

    @usableFromInline var box: Box

    public init(
        source: SourceID, location: SourceLocation, fields: FieldMap = [:],
        members: [MemberRecord] = []
    ) {
        box = Box(source: source, location: location, fields: fields, members: members)
    }

    @usableFromInline mutating func unique() {
        if !isKnownUniquelyReferenced(&box) {
            box = Box(source: box.source, location: box.location, fields: box.fields, members: box.members, isMemberOnly: box.isMemberOnly)
        }
    }

    public var source: SourceID {
        _read { yield box.source }
        set { unique(); box.source = newValue }
    }

    public var location: SourceLocation {
        _read { yield box.location }
        set { unique(); box.location = newValue }
    }

    @inlinable public var fields: FieldMap {
        _read { yield box.fields }
        _modify {
            unique()
            yield &box.fields
        }
    }

    @inlinable public var members: [MemberRecord] {
        _read { yield box.members }
        _modify {
            unique()
            yield &box.members
        }
    }

    /// True when only member rows named this household (its household row is absent).
    @inlinable public var isMemberOnly: Bool {
        get { box.isMemberOnly }
        set { unique(); box.isMemberOnly = newValue }
    }

    /// The normalised value of a field, nil when blank or invalid.
    @inlinable public subscript(_ field: FieldID) -> String? { box.fields.normalized(field) }

    /// The household id (户编号) as normalised; empty when absent.
    public var householdID: String { self[.householdID] ?? "" }
}
