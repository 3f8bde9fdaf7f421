// The ZIP container of an .xlsx workbook, read through ZIPFoundation. Parts are inflated in
// chunks straight into a libxml2 push parser, so no part (a sheet may be hundreds of megabytes)
// is ever held whole in memory, and the reader can stop in the middle of a sheet.

import Foundation
import ZIPFoundation

/// Read access to the parts of one .xlsx package.
final class XLSXPackage {
    /// The file as the caller named it, for messages.
    let file: String
    private let archive: Archive
    /// Bytes inflated per step (and so the most XML handed to the parser at once).
    static let chunkSize = 64 * 1024

    /// Opens the ZIP file at `path`.
    /// - Throws: ``XLSXError`` when the file is missing or is not a ZIP package.
    init(path: String, displayName: String) throws {
        file = displayName
        guard FileManager.default.fileExists(atPath: path) else { throw XLSXError(file: file, message: "no such file") }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XLSXError(file: file, message: XLSXPackage.notZipMessage(path: path))
        }
    }

    /// Whether the package has a part named `part` (OPC part names ignore case).
    func contains(_ part: String) -> Bool { entry(part) != nil }

    /// Streams `part` through a parser reporting to `handler`, calling `afterChunk` after each
    /// chunk (and once at the end) so the caller can take what the handler completed.
    ///
    /// What the handler completed before a malformed spot is taken before the error is thrown.
    /// - Throws: ``XLSXError`` for a missing part, a damaged ZIP entry or malformed XML (with
    ///   its line and column); whatever `afterChunk` throws, unchanged.
    func parse(_ part: String, handler: XLSXXMLHandler, afterChunk: () throws -> Void = {}) throws {
        guard let entry = entry(part) else { throw XLSXError(file: file, message: "the package has no part \(part)") }
        guard let parser = XLSXXMLParser(url: part, handler: handler) else {
            throw XLSXError(file: file, part: part, message: "cannot start the XML parser")
        }
        var callerError: Error?
        var wellFormed = true
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: XLSXPackage.chunkSize) { data in
                wellFormed = data.withUnsafeBytes { parser.parse($0, final: false) }
                do { try afterChunk() } catch {
                    callerError = error
                    throw error
                }
                if !wellFormed { throw MalformedXML() }
            }
        } catch {
            if let callerError { throw callerError }
            if wellFormed { throw XLSXError(file: file, part: part, message: "the ZIP entry is damaged (\(error))") }
            throw syntaxError(parser, part: part)
        }
        guard checksum == entry.checksum else { throw XLSXError(file: file, part: part, message: "the ZIP entry is damaged (CRC mismatch)") }
        wellFormed = parser.parse(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
        try afterChunk()
        if !wellFormed { throw syntaxError(parser, part: part) }
    }

    /// Ends the extraction once the parser has found the XML malformed.
    private struct MalformedXML: Error {}

    private func syntaxError(_ parser: XLSXXMLParser, part: String) -> XLSXError {
        let stop = parser.stoppingError ?? (message: "malformed XML", line: 0, column: 0)
        return XLSXError(file: file, part: part, line: stop.line, column: stop.column, message: stop.message)
    }

    /// The paths of the package's entries, in the archive's order.
    var entryPaths: [String] { archive.map(\.path) }

    private func entry(_ part: String) -> Entry? {
        if let exact = archive[part] { return exact }
        let lower = part.lowercased()
        return archive.first { $0.path.lowercased() == lower }
    }

    /// Why a file that ZIPFoundation cannot open is no workbook: an OLE compound file is an
    /// .xls (Excel 97–2003) or a password-protected workbook.
    /// Web systems' "export to Excel" often writes an HTML table (or an Excel 2003 XML sheet)
    /// under an .xls name: it is named as such, with what to do.
    private static func notZipMessage(path: String) -> String {
        let magic = FileHandle(forReadingAtPath: path).map { handle -> Data in
            defer { try? handle.close() }
            return handle.readData(ofLength: 1024)
        } ?? Data()
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return "not an .xlsx (ZIP) package but an OLE file: an .xls (Excel 97-2003) or a password-protected workbook; save it as .xlsx without a password"
        }
        let head = String(decoding: magic, as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<table") || head.contains("<!doctype html") {
            return "not an .xlsx workbook but an HTML page (what many web systems' \"export to Excel\" writes): "
                + "open it in a spreadsheet and save it as .xlsx or CSV UTF-8"
        }
        if head.contains("urn:schemas-microsoft-com:office:spreadsheet") {
            return "not an .xlsx workbook but an Excel 2003 XML spreadsheet: open it in a spreadsheet and save it as .xlsx or CSV UTF-8"
        }
        return "not an .xlsx workbook: the file is not a ZIP package"
    }
}
