import FivefoldModel

// The state machine that turns a stream of element events into records: it tracks how much of
// the record path the open elements match, collects a record's attributes and its direct
// children's text, descends into the member container, and hands back a record when its end tag
// arrives. Element names arrive as pointers to interned C strings (libxml2 interns every name in
// its dictionary), so path matching compares pointers and a name is decoded into a Swift string
// once per file, not once per element: string comparison and hashing of Chinese names (which
// Swift normalises) cost more than the parse itself.

/// An interned element name: equal names have equal pointers.
typealias InternedName = UnsafePointer<UInt8>

/// An attribute of a start tag: its interned local name and prefix, and its trimmed value.
struct XMLAttribute {
    var local: InternedName
    var prefix: InternedName?
    var value: String
}

/// A small map keyed by interned names (pointers), by open addressing with linear probing. A
/// document has a few dozen distinct names, looked up once per element: a `Dictionary` hashed
/// each pointer with SipHash (~300 instructions a start tag, 1.1 M tags at 10 k households),
/// a multiplicative hash of the pointer is a handful.
struct InternedTable<Value> {
    private var keys = [UInt](repeating: 0, count: 64)
    private var values: [Value?] = Array(repeating: nil, count: 64)
    private var count = 0

    private func index(_ key: UInt) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    subscript(_ name: InternedName) -> Value? {
        let key = UInt(bitPattern: name)
        let i = index(key)
        return keys[i] == key ? values[i] : nil
    }

    /// Adds `name` (not yet present) with `value`; at most half the slots fill before the table doubles.
    mutating func insert(_ name: InternedName, _ value: Value) {
        if (count + 1) * 2 > keys.count {
            let old = zip(keys, values).filter { $0.0 != 0 }
            keys = [UInt](repeating: 0, count: keys.count * 2)
            values = Array(repeating: nil, count: keys.count)
            for (k, v) in old {
                let i = index(k)
                keys[i] = k
                values[i] = v
            }
        }
        let key = UInt(bitPattern: name)
        let i = index(key)
        if keys[i] == 0 { count += 1 }
        keys[i] = key
        values[i] = value
    }
}

/// Assembles ``XMLElementRecord``s from start, end and text events.
final class XMLRecordAssembler {
    private let record: [InternedName]
    private let member: [InternedName]
    private let file: String
    /// A location in `file`, moved to each record's and member's line.
    private let here: SourceLocation
    private var names = InternedTable<String>()
    /// Slot mode (`XMLSlotNames`): name → slot at each level, and each element and attribute
    /// name's slot (-1: not wanted) cached by its interned pointer.
    private let slotNames: XMLSlotNames?
    private var recordSlotIndex: [String: Int] = [:]
    private var memberSlotIndex: [String: Int] = [:]
    private var recordSlotOf = InternedTable<Int>()
    private var memberSlotOf = InternedTable<Int>()
    private var recordAttributeSlotOf = InternedTable<Int>()
    private var memberAttributeSlotOf = InternedTable<Int>()
    private var recordSlots: [String?] = []
    private var memberSlots: [String?] = []
    /// The slot of the field being collected (slot mode).
    private var fieldSlot = -1

    /// Open elements (the depth of the next start tag).
    private var depth = 0
    /// Leading record-path elements matched by the open elements (outside a record).
    private var matched = 0
    private var inRecord = false
    private var recordLine = 0
    private var recordValues: [(String, String)] = []
    private var members: [XMLElementRecord] = []
    /// Leading member-path elements matched inside the current record.
    private var memberMatched = 0
    private var inMember = false
    private var memberLine = 0
    private var memberValues: [(String, String)] = []
    /// The child element whose text is being collected, at `fieldDepth`.
    private var fieldName: String?
    private var fieldDepth = 0
    private var fieldHasChildren = false
    private var fieldText: [UInt8] = []
    /// Records completed since the caller last took them.
    var completed: [XMLElementRecord] = []

    private let recordDepth: Int
    private let memberDepth: Int

    /// - Parameters:
    ///   - record, member: the paths' names, interned the way events will deliver them.
    init(record: [InternedName], member: [InternedName], file: String, slotNames: XMLSlotNames? = nil) {
        self.record = record
        self.member = member
        self.file = file
        here = SourceLocation(file: file, line: 0)
        self.slotNames = slotNames
        if let slotNames {
            // The first position of a name wins, like the first occurrence of an element.
            for (i, n) in slotNames.record.enumerated() where recordSlotIndex[n] == nil { recordSlotIndex[n] = i }
            for (i, n) in slotNames.member.enumerated() where memberSlotIndex[n] == nil { memberSlotIndex[n] = i }
        }
        recordDepth = record.count - 1
        memberDepth = recordDepth + member.count
        fieldText.reserveCapacity(256)
    }

    /// The Swift string for an interned name (decoded once).
    func name(_ pointer: InternedName) -> String {
        if let known = names[pointer] { return known }
        let decoded = String(cString: pointer)
        names.insert(pointer, decoded)
        return decoded
    }

    /// Whether a start tag named `name` at the current depth begins a record or a member, i.e.
    /// whether its attributes are wanted.
    func wantsAttributes(_ name: InternedName) -> Bool {
        if !inRecord { return depth == recordDepth && matched == recordDepth && name == record[recordDepth] }
        return !inMember && fieldName == nil && !member.isEmpty && depth == memberDepth
            && memberMatched == member.count - 1 && name == member[member.count - 1]
    }

    /// Whether text is being collected (so text events are worth passing on).
    var wantsText: Bool { fieldName != nil && !fieldHasChildren }

    /// The slot of an element name at the record or member level, -1 when not wanted.
    private func slot(_ name: InternedName, member: Bool) -> Int {
        if member {
            if let known = memberSlotOf[name] { return known }
            let s = memberSlotIndex[self.name(name)] ?? -1
            memberSlotOf.insert(name, s)
            return s
        }
        if let known = recordSlotOf[name] { return known }
        let s = recordSlotIndex[self.name(name)] ?? -1
        recordSlotOf.insert(name, s)
        return s
    }

    /// The slot of an attribute (unprefixed, by its interned local name) at the record or
    /// member level, -1 when not wanted.
    private func attributeSlot(_ name: InternedName, member: Bool) -> Int {
        if let known = member ? memberAttributeSlotOf[name] : recordAttributeSlotOf[name] { return known }
        let key = "@" + self.name(name)
        let s = (member ? memberSlotIndex[key] : recordSlotIndex[key]) ?? -1
        if member { memberAttributeSlotOf.insert(name, s) } else { recordAttributeSlotOf.insert(name, s) }
        return s
    }

    /// Attributes into fresh slots of a record or member (slot mode); the attributes not
    /// wanted go to `others` as `"@name"` (`"@prefix:name"`) pairs.
    private func slotted(_ attributes: [XMLAttribute], member: Bool, others: inout [(String, String)]) -> [String?] {
        var slots = Self.nils(member ? slotNames!.member.count : slotNames!.record.count)
        others = []
        for attribute in attributes {
            if attribute.prefix == nil {
                let i = attributeSlot(attribute.local, member: member)
                if i >= 0 {
                    if slots[i] == nil { slots[i] = attribute.value }
                } else {
                    others.append((pairKey(attribute), attribute.value))
                }
                continue
            }
            let key = pairKey(attribute)
            if let i = member ? memberSlotIndex[key] : recordSlotIndex[key] {
                if slots[i] == nil { slots[i] = attribute.value }
            } else {
                others.append((key, attribute.value))
            }
        }
        return slots
    }

    /// `count` nils. `[String?](repeating: nil, count:)` copied its argument into each element
    /// (a call to retain it, ~45 instructions an element); a literal nil initialises in place.
    @inline(__always)
    static func nils(_ count: Int) -> [String?] {
        [String?](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0..<count { (buffer.baseAddress! + k).initialize(to: nil) }
            initialized = count
        }
    }

    /// An attribute's name as a key of `values`: `"@name"`, or `"@prefix:name"`.
    private func pairKey(_ attribute: XMLAttribute) -> String {
        if let prefix = attribute.prefix { return "@" + name(prefix) + ":" + name(attribute.local) }
        return "@" + name(attribute.local)
    }

    /// Attributes as `"@name"` pairs (outside slot mode).
    private func pairs(_ attributes: [XMLAttribute]) -> [(String, String)] {
        attributes.map { (pairKey($0), $0.value) }
    }

    /// A start tag on `line`, with its attributes when ``wantsAttributes(_:)`` said so.
    func start(_ name: InternedName, line: Int, attributes: [XMLAttribute]) {
        let d = depth
        depth += 1
        guard inRecord else {
            if d == matched && d < record.count && name == record[d] {
                matched += 1
                if matched == record.count {
                    inRecord = true
                    recordLine = line
                    if slotNames != nil { recordSlots = slotted(attributes, member: false, others: &recordValues) } else { recordValues = pairs(attributes) }
                    members = []
                    memberMatched = 0
                }
            }
            return
        }
        if fieldName != nil {
            fieldHasChildren = true
            return
        }
        if inMember {
            if d == memberDepth + 1 { beginField(name, d) }
            return
        }
        let rel = d - recordDepth - 1
        if rel == memberMatched && rel < member.count && name == member[rel] {
            memberMatched += 1
            if memberMatched == member.count {
                inMember = true
                memberLine = line
                if slotNames != nil { memberSlots = slotted(attributes, member: true, others: &memberValues) } else { memberValues = pairs(attributes) }
            }
            return
        }
        if d == recordDepth + 1 { beginField(name, d) }
    }

    /// Text (or CDATA) inside the current element, as UTF-8.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if fieldName != nil && !fieldHasChildren { fieldText.append(contentsOf: bytes) }
    }

    /// An end tag.
    func end() {
        depth -= 1
        let d = depth
        guard inRecord else {
            if d < matched { matched = d }
            return
        }
        if let field = fieldName {
            guard d == fieldDepth else { return }
            if !fieldHasChildren {
                if slotNames != nil && fieldSlot >= 0 {
                    if inMember {
                        if memberSlots[fieldSlot] == nil { memberSlots[fieldSlot] = XMLRecordAssembler.trimmed(fieldText) }
                    } else if recordSlots[fieldSlot] == nil {
                        recordSlots[fieldSlot] = XMLRecordAssembler.trimmed(fieldText)
                    }
                } else {
                    let value = XMLRecordAssembler.trimmed(fieldText)
                    if inMember { memberValues.append((field, value)) } else { recordValues.append((field, value)) }
                }
            }
            fieldName = nil
            return
        }
        if d == recordDepth {
            var done = XMLElementRecord(
                location: here.at(line: recordLine),
                values: XMLRecordAssembler.dictionary(recordValues), members: members)
            done.slots = recordSlots
            completed.append(done)
            inRecord = false
            recordValues = []
            recordSlots = []
            members = []
            matched = recordDepth
            return
        }
        if inMember && d == memberDepth {
            var done = XMLElementRecord(
                location: here.at(line: memberLine),
                values: XMLRecordAssembler.dictionary(memberValues))
            done.slots = memberSlots
            members.append(done)
            inMember = false
            memberValues = []
            memberSlots = []
            memberMatched = member.count - 1
            return
        }
        let rel = d - recordDepth - 1
        if rel >= 0 && rel < memberMatched { memberMatched = rel }
    }

    private func beginField(_ name: InternedName, _ d: Int) {
        if slotNames != nil {
            // An element nobody asked for is kept in `values`, so a quarantined record loses nothing.
            fieldSlot = slot(name, member: inMember)
            fieldName = fieldSlot < 0 ? self.name(name) : ""
        } else {
            fieldName = self.name(name)
        }
        fieldDepth = d
        fieldHasChildren = false
        fieldText.removeAll(keepingCapacity: true)
    }

    /// Pairs to a dictionary in one hashing pass; for a repeated name the first value wins.
    private static func dictionary(_ pairs: [(String, String)]) -> [String: String] {
        if pairs.isEmpty { return [:] }
        var values = [String: String](minimumCapacity: pairs.count)
        for (key, value) in pairs.reversed() { values[key] = value }
        return values
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
