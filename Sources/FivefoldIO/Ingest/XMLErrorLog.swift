// Both libxml2 SAX2 parsers (records, and the parts of an .xlsx package) keep the same two
// errors from libxml2's structured error callback: the first, and the first fatal one, which is
// what stopped the parse.

import CLibXML2

/// The errors libxml2 reported to a parser, as its structured error callback delivers them.
struct XMLErrorLog {
    typealias Entry = (message: String, line: Int, column: Int)
    private(set) var first: Entry?
    private(set) var firstFatal: Entry?

    /// Notes one error (called from the `serror` callback).
    mutating func note(_ error: UnsafePointer<xmlError>) {
        var message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let entry = (message, Int(error.pointee.line), Int(error.pointee.int2))
        if first == nil { first = entry }
        if firstFatal == nil && error.pointee.level == XML_ERR_FATAL { firstFatal = entry }
    }

    /// The error that stopped the parse: the first fatal one, else the first.
    var stopping: Entry? { firstFatal ?? first }
}
