// The single owner of a libxml2 `xmlTextReaderPtr`: created over an `XMLInputStream`, freed in
// deinit, with the structured error handler that records the first fatal error with its line and
// column (the reader's options silence libxml2's own printing).

import CLibXML2

/// Owns one libxml2 text reader and the errors it reported.
final class LibXMLTextReader {
    let pointer: xmlTextReaderPtr
    private let errors: ErrorCollector

    /// Collects libxml2's structured errors; the first fatal one (else the first) is kept.
    final class ErrorCollector {
        var first: (message: String, line: Int, column: Int)?
        var firstFatal: (message: String, line: Int, column: Int)?

        static let callback: xmlStructuredErrorFunc = { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
            var message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
            while message.last == "\n" || message.last == " " { message.removeLast() }
            let entry = (message, Int(error.pointee.line), Int(error.pointee.int2))
            if collector.first == nil { collector.first = entry }
            if collector.firstFatal == nil && error.pointee.level == XML_ERR_FATAL { collector.firstFatal = entry }
        }
    }

    /// The error that stopped parsing, if libxml2 reported one.
    var stoppingError: (message: String, line: Int, column: Int)? { errors.firstFatal ?? errors.first }

    /// Creates a reader pulling from `input`.
    ///
    /// - Parameters:
    ///   - url: the name libxml2 uses for the document (never fetched: NONET and the entity fence).
    ///   - encoding: an iconv encoding name that overrides the document's, or nil.
    init?(input: XMLInputStream, url: String, encoding: String?, options: Int32) {
        let context = Unmanaged.passRetained(input).toOpaque()
        // libxml2 calls the close callback (which releases `context`) even when this fails.
        guard let reader = xmlReaderForIO(
            XMLInputStream.readCallback, XMLInputStream.closeCallback, context, url, encoding, options)
        else { return nil }
        pointer = reader
        errors = ErrorCollector()
        xmlTextReaderSetStructuredErrorHandler(reader, ErrorCollector.callback, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit { xmlFreeTextReader(pointer) }
}
