// The shared string table (`xl/sharedStrings.xml`) is loaded whole: sheets refer to it by index
// in any order. An item is either `<si><t>…</t></si>` or rich text, `<si><r><t>…</t></r>…</si>`,
// whose runs are joined; phonetic guides (`<rPh><t>…</t></rPh>`, furigana/pinyin) are not part of
// the value and are skipped.

/// Collects the shared strings of a workbook.
final class XLSXSharedStrings: XLSXXMLHandler {
    /// The strings by index, `_xHHHH_` escapes decoded.
    private(set) var strings: [String] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var buffer: [UInt8] = []

    let elementNames = ["si", "t", "rPh"]
    let attributeNames: [String] = []
    var wantsText: Bool { inText }
    let contentError: String? = nil

    func start(_ element: Int, attributes: XLSXXMLAttributes) {
        switch element {
        case 0:
            inItem = true
            buffer.removeAll(keepingCapacity: true)
        case 1: inText = inItem && phoneticDepth == 0
        case 2: phoneticDepth += 1
        default: break
        }
    }

    func end(_ element: Int) {
        switch element {
        case 0:
            strings.append(XLSXStringEscape.decode(String(decoding: buffer, as: UTF8.self)))
            inItem = false
        case 1: inText = false
        case 2: phoneticDepth -= 1
        default: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }
}
