// SpreadsheetML strings (ST_Xstring) carry characters XML cannot hold as `_xHHHH_` (Excel writes a
// carriage return as `_x000D_`), and a literal `_xHHHH_` typed by a user as `_x005F_xHHHH_`.
// The reader decodes both; the writer escapes the underscore of a literal `_xHHHH_` and drops the
// characters XML 1.0 forbids (they cannot survive an XML parser anyway).

/// The `_xHHHH_` escapes of SpreadsheetML strings.
enum XLSXStringEscape {
    /// `text` with every `_xHHHH_` replaced by the character it names.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(0x5F) else { return text }
        var bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if let scalar = escape(in: bytes, at: i) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 7
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        bytes = out
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` ready for an XML text node or attribute: `&`, `<`, `>`, `"` escaped, a carriage return as `&#13;`, a literal
    /// `_xHHHH_` protected as `_x005F_xHHHH_`, and characters XML 1.0 forbids (controls other
    /// than tab, line feed and carriage return, U+FFFE, U+FFFF) dropped.
    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let bytes = Array(text.utf8)
        var at = 0
        for scalar in text.unicodeScalars {
            defer { at += UTF8.width(scalar) }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // A raw carriage return would be normalised to a line feed by the reading parser.
            case "\r": out += "&#13;"
            case "_": out += escape(in: bytes, at: at) != nil ? "_x005F_" : "_"
            default:
                if isAllowedInXML(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The scalar of an `_xHHHH_` escape starting at byte `i`, or nil.
    private static func escape(in bytes: [UInt8], at i: Int) -> Unicode.Scalar? {
        guard i + 7 <= bytes.count, bytes[i] == 0x5F, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F else { return nil }
        var value: UInt32 = 0
        for b in bytes[(i + 2)..<(i + 6)] {
            guard let digit = hexValue(b) else { return nil }
            value = value * 16 + digit
        }
        return Unicode.Scalar(value)
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }
}
