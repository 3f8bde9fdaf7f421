// The state machine that turns a stream of element events into records: it tracks how much of
// the record path the open elements match, collects a record's attributes and its direct
// children's text, descends into the member container, and hands back a record when its end tag
// arrives. It knows nothing of libxml2 (LibXMLPushParser feeds it), so it is plain Swift.

/// Assembles ``XMLElementRecord``s from start, end and text events.
struct XMLRecordAssembler {
    private let record: [String]
    private let member: [String]
    private let file: String

    /// Open elements (the depth of the next start tag).
    private var depth = 0
    /// Leading record-path elements matched by the open elements (outside a record).
    private var matched = 0
    private var current: XMLElementRecord?
    /// Leading member-path elements matched inside the current record.
    private var memberMatched = 0
    private var currentMember: XMLElementRecord?
    /// The child element whose text is being collected, at `fieldDepth`.
    private var fieldName: String?
    private var fieldDepth = 0
    private var fieldHasChildren = false
    private var fieldText: [UInt8] = []
    /// Records completed since the caller last took them.
    var completed: [XMLElementRecord] = []

    private var recordDepth: Int { record.count - 1 }
    private var memberDepth: Int { recordDepth + member.count }

    init(paths: XMLPaths, file: String) {
        record = paths.record
        member = paths.member ?? []
        self.file = file
    }

    /// Whether a start tag named `name` would begin a record or a member, i.e. whether its
    /// attributes are wanted.
    func wantsAttributes(_ name: String) -> Bool {
        if current == nil { return depth == recordDepth && matched == recordDepth && name == record[recordDepth] }
        return currentMember == nil && fieldName == nil && depth == memberDepth && memberMatched == member.count - 1
            && name == member[member.count - 1]
    }

    /// Whether text is being collected (so text events are worth decoding).
    var wantsText: Bool { fieldName != nil && !fieldHasChildren }

    /// A start tag at `line`, with its attributes when ``wantsAttributes(_:)`` said so.
    mutating func start(_ name: String, line: Int, attributes: [String: String]) {
        let d = depth
        depth += 1
        guard current != nil else {
            if d == matched && d < record.count && name == record[d] {
                matched += 1
                if matched == record.count {
                    current = XMLElementRecord(location: SourceLocation(file: file, line: line), values: attributes)
                    memberMatched = 0
                }
            }
            return
        }
        if fieldName != nil {
            fieldHasChildren = true
            return
        }
        if currentMember != nil {
            if d == memberDepth + 1 { beginField(name, d) }
            return
        }
        let rel = d - recordDepth - 1
        if !member.isEmpty && rel == memberMatched && rel < member.count && name == member[rel] {
            memberMatched += 1
            if memberMatched == member.count {
                currentMember = XMLElementRecord(location: SourceLocation(file: file, line: line), values: attributes)
            }
            return
        }
        if d == recordDepth + 1 { beginField(name, d) }
    }

    /// Text (or CDATA) inside the current element, as UTF-8.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if wantsText { fieldText.append(contentsOf: bytes) }
    }

    /// An end tag.
    mutating func end() {
        depth -= 1
        let d = depth
        guard current != nil else {
            if d < matched { matched = d }
            return
        }
        if let field = fieldName {
            guard d == fieldDepth else { return }
            if !fieldHasChildren {
                let value = XMLRecordAssembler.trimmed(fieldText)
                if currentMember != nil {
                    if currentMember!.values[field] == nil { currentMember!.values[field] = value }
                } else if current!.values[field] == nil {
                    current!.values[field] = value
                }
            }
            fieldName = nil
            return
        }
        if d == recordDepth {
            completed.append(current!)
            current = nil
            matched = recordDepth
            return
        }
        if let done = currentMember, d == memberDepth {
            current!.members.append(done)
            currentMember = nil
            memberMatched = member.count - 1
            return
        }
        let rel = d - recordDepth - 1
        if rel >= 0 && rel < memberMatched { memberMatched = rel }
    }

    private mutating func beginField(_ name: String, _ d: Int) {
        fieldName = name
        fieldDepth = d
        fieldHasChildren = false
        fieldText.removeAll(keepingCapacity: true)
    }

    /// The UTF-8 text without leading and trailing white space (ASCII, U+00A0 and U+3000).
    static func trimmed<C: Collection>(_ bytes: C) -> String where C.Element == UInt8, C.Index == Int {
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi {
            let b = bytes[lo]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { lo += 1; continue }
            if b == 0xC2 && lo + 1 < hi && bytes[lo + 1] == 0xA0 { lo += 2; continue }
            if b == 0xE3 && lo + 2 < hi && bytes[lo + 1] == 0x80 && bytes[lo + 2] == 0x80 { lo += 3; continue }
            break
        }
        while hi > lo {
            let b = bytes[hi - 1]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { hi -= 1; continue }
            if hi - lo >= 2 && bytes[hi - 2] == 0xC2 && b == 0xA0 { hi -= 2; continue }
            if hi - lo >= 3 && bytes[hi - 3] == 0xE3 && bytes[hi - 2] == 0x80 && b == 0x80 { hi -= 3; continue }
            break
        }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}
