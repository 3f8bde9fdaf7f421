// A start tag's attributes as libxml2 hands them over (five pointers per attribute), read lazily:
// most start tags in a sheet are `<c r="B2" s="3" t="s">`, and building a Swift array or
// dictionary per cell would cost more than finding the one or two values needed.

/// The attributes of one start tag, valid only during the `start` event.
struct XLSXXMLAttributes {
    /// libxml2's attribute array: localname, prefix, URI, value start, value end per attribute.
    let raw: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int
    /// The interned pointer of each name in the handler's `attributeNames`.
    let names: [UnsafePointer<UInt8>?]

    /// The value of the attribute whose local name is `attributeNames[index]`, or nil.
    func value(_ index: Int) -> String? {
        guard let raw, let wanted = names[index] else { return nil }
        for k in 0..<count {
            let base = raw + 5 * k
            guard base[0] == wanted, let start = base[3], let end = base[4] else { continue }
            let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            // Without entity substitution libxml2 passes `&` in attribute values on as `&#38;`.
            return value.utf8.contains(0x26) ? LibXMLSAXParser.decodeAmpersands(value) : value
        }
        return nil
    }
}
