// Which elements of an XML dump are records and which are their members is pipeline
// configuration (SPEC §3: `档案/户` with `成员列表/成员`, `submissions/submission` with
// `members/member`), so the reader takes the paths as data.

/// The element paths that locate records, and members inside a record, in an XML file.
public struct XMLPaths: Sendable, Equatable {
    /// Element names from the root to the record element, e.g. `["档案", "户"]`.
    public var record: [String]
    /// Element names from the record (exclusive) to a member element, e.g. `["成员列表", "成员"]`;
    /// nil when records have no members.
    public var member: [String]?

    /// Creates paths from element-name lists.
    public init(record: [String], member: [String]? = nil) {
        self.record = record
        self.member = member
    }

    /// Creates paths from slash-separated strings such as `"档案/户"` and `"成员列表/成员"`.
    ///
    /// Empty segments and surrounding white space are ignored; an empty member path means none.
    public init(recordPath: String, memberPath: String?) {
        func split(_ path: String) -> [String] {
            path.split(separator: "/").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        record = split(recordPath)
        let member = memberPath.map(split) ?? []
        self.member = member.isEmpty ? nil : member
    }
}
