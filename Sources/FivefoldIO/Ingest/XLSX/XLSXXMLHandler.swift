// The receiving end of `XLSXXMLParser`: one handler per kind of SpreadsheetML part (sheet,
// shared strings, styles, workbook, relationships). Element and attribute names arrive as indexes
// into the lists the handler asked for, so the hot path (a sheet's cells) compares integers.

/// Receives the element events of one XML part.
protocol XLSXXMLHandler: AnyObject {
    /// The element local names the handler cares about; events carry an index into this list
    /// (-1 for any other element).
    var elementNames: [String] { get }
    /// The attribute local names the handler reads through ``XLSXXMLAttributes``.
    var attributeNames: [String] { get }
    /// Whether text events are wanted now (text is only collected inside a few elements).
    var wantsText: Bool { get }
    /// The first problem the handler found in the content (not in the XML syntax); reading stops.
    var contentError: String? { get }

    /// A start tag: `element` indexes ``elementNames`` (-1: another name).
    func start(_ element: Int, attributes: XLSXXMLAttributes)
    /// An end tag.
    func end(_ element: Int)
    /// Text (or CDATA) as UTF-8, delivered only while ``wantsText`` is true.
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}
