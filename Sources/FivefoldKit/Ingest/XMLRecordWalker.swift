// The state machine that turns libxml2's stream of reader nodes into records: it tracks how much
// of the record path the open elements match, collects a record's attributes and direct
// children's text, descends into the member container, and hands back a record when its end tag
// is read. Swift strings are built only for kept values; element names are cached by their
// (dictionary-interned) libxml2 pointer, so a name is decoded once per file, not once per node.

import CLibXML2

/// Walks a libxml2 text reader, one node per `step()`, assembling records.
struct XMLRecordWalker {
    private let reader: xmlTextReaderPtr
    private let record: [String]
    private let member: [String]
    private let file: String
    private var names: [UnsafePointer<xmlChar>: String] = [:]

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

    private var recordDepth: Int { record.count - 1 }
    private var memberDepth: Int { recordDepth + member.count }

    init(reader: xmlTextReaderPtr, paths: XMLPaths, file: String) {
        self.reader = reader
        self.record = paths.record
        self.member = paths.member ?? []
        self.file = file
    }

    /// Processes the reader's current node; returns a record when one has just ended.
    mutating func step() -> XMLElementRecord? {
        switch xmlTextReaderNodeType(reader) {
        case 1:  // element
            let depth = Int(xmlTextReaderDepth(reader))
            let empty = xmlTextReaderIsEmptyElement(reader) == 1
            startElement(depth: depth, name: name(xmlTextReaderConstLocalName(reader)))
            return empty ? endElement(depth: depth) : nil
        case 15:  // end element
            return endElement(depth: Int(xmlTextReaderDepth(reader)))
        case 3, 4, 13, 14:  // text, CDATA, whitespace
            if fieldName != nil, !fieldHasChildren, let value = xmlTextReaderConstValue(reader) {
                fieldText.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
            }
            return nil
        default:
            return nil
        }
    }

    private mutating func startElement(depth: Int, name: String) {
        guard current != nil else {
            if depth == matched && depth < record.count && name == record[depth] {
                matched += 1
                if matched == record.count {
                    current = XMLElementRecord(location: location(), values: attributes())
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
            if depth == memberDepth + 1 { beginField(name, depth) }
            return
        }
        let rel = depth - recordDepth - 1
        if !member.isEmpty && rel == memberMatched && rel < member.count && name == member[rel] {
            memberMatched += 1
            if memberMatched == member.count {
                currentMember = XMLElementRecord(location: location(), values: attributes())
            }
            return
        }
        if depth == recordDepth + 1 { beginField(name, depth) }
    }

    private mutating func endElement(depth: Int) -> XMLElementRecord? {
        guard current != nil else {
            if depth < matched { matched = depth }
            return nil
        }
        if let field = fieldName {
            guard depth == fieldDepth else { return nil }
            if !fieldHasChildren {
                let value = XMLRecordWalker.trimmed(fieldText)
                if currentMember != nil {
                    if currentMember!.values[field] == nil { currentMember!.values[field] = value }
                } else if current!.values[field] == nil {
                    current!.values[field] = value
                }
            }
            fieldName = nil
            return nil
        }
        if depth == recordDepth {
            let done = current
            current = nil
            matched = recordDepth
            return done
        }
        if let done = currentMember, depth == memberDepth {
            current!.members.append(done)
            currentMember = nil
            memberMatched = member.count - 1
            return nil
        }
        let rel = depth - recordDepth - 1
        if rel >= 0 && rel < memberMatched { memberMatched = rel }
        return nil
    }

    private mutating func beginField(_ name: String, _ depth: Int) {
        fieldName = name
        fieldDepth = depth
        fieldHasChildren = false
        fieldText.removeAll(keepingCapacity: true)
    }

    /// The current element's attributes as `"@name"` values (namespace declarations left out).
    private mutating func attributes() -> [String: String] {
        var values: [String: String] = [:]
        guard xmlTextReaderHasAttributes(reader) == 1 else { return values }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            let key = name(xmlTextReaderConstName(reader))
            if key == "xmlns" || key.hasPrefix("xmlns:") { continue }
            let value = xmlTextReaderConstValue(reader)
            values["@" + key] = value.map { XMLRecordWalker.trimmed(UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0)))) } ?? ""
        }
        xmlTextReaderMoveToElement(reader)
        return values
    }

    /// Where the current element's start tag is. libxml2 stores element lines in 16 bits; past
    /// line 65535 the parser's current line is used, which may be a few lines ahead.
    private func location() -> SourceLocation {
        var line = 0
        if let node = xmlTextReaderCurrentNode(reader) { line = Int(xmlGetLineNo(node)) }
        if line <= 0 || line >= 65535 { line = Int(xmlTextReaderGetParserLineNumber(reader)) }
        return SourceLocation(file: file, line: line)
    }

    private mutating func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        if let known = names[pointer] { return known }
        let decoded = String(cString: pointer)
        names[pointer] = decoded
        return decoded
    }

    /// The UTF-8 text without leading and trailing white space (ASCII, U+00A0 and U+3000).
    static func trimmed<C: Collection>(_ bytes: C) -> String where C.Element == UInt8, C.Index == Int {
        var lo = bytes.startIndex, hi = bytes.endIndex
        func isSpace(_ i: Int) -> Int {  // length of the white-space character at i, or 0
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { return 1 }
            if b == 0xC2 && i + 1 < hi && bytes[i + 1] == 0xA0 { return 2 }
            if b == 0xE3 && i + 2 < hi && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 { return 3 }
            return 0
        }
        while lo < hi { let k = isSpace(lo); if k == 0 { break }; lo += k }
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
