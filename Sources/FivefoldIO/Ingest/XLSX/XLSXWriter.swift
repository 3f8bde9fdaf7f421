// Writes .xlsx workbooks for people to fill in (worklists): text-typed ID columns a spreadsheet
// cannot round, a frozen bold header with an autofilter, editable columns unlocked and
// highlighted on an optionally protected sheet, drop-down lists, wrapped text.
//
// Why a hand-written writer: the package mirror has no maintained Swift XLSX writer. XMLCoder
// could serialise the parts from Codable structs, but the SpreadsheetML needed here is a fixed
// skeleton plus rows, and a string builder that turns each row into XML as it is appended is
// simpler and faster than building a tree of cell values to encode. The ZIP container comes from
// ZIPFoundation (deflated entries); the file is written under a temporary name and renamed, so a
// reader never sees half a workbook.

import Foundation
import ZIPFoundation

/// Builds an .xlsx workbook from sheets and writes it.
public struct XLSXWriter: Sendable {
    /// The sheets in tab order.
    public var sheets: [XLSXOutputSheet]

    /// Creates a writer for `sheets`.
    public init(sheets: [XLSXOutputSheet] = []) {
        self.sheets = sheets
    }

    /// Writes the workbook to `path`, replacing any file there only once it is complete.
    ///
    /// - Throws: ``XLSXError`` when there is no sheet, two sheet names differ only in case, or
    ///   the file cannot be written.
    public func write(to path: String) throws {
        guard !sheets.isEmpty else { throw XLSXError(file: path, message: "a workbook needs at least one sheet") }
        var seen = Set<String>()
        for sheet in sheets where !seen.insert(sheet.name.lowercased()).inserted {
            throw XLSXError(file: path, message: "two sheets are named \(sheet.name) (sheet names ignore case)")
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: temporary)
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            for (part, bytes) in parts() { try add(part, bytes, to: archive) }
            guard rename(temporary.path, path) == 0 else {
                throw XLSXError(file: path, message: "cannot rename \(temporary.lastPathComponent): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? XLSXError { throw error }
            throw XLSXError(file: path, message: "cannot write the workbook: \(error)")
        }
    }

    /// A fixed entry date, so that the same workbook gives the same bytes.
    private static let entryDate = Date(timeIntervalSince1970: 946_684_800)

    private func add(_ part: String, _ bytes: [UInt8], to archive: Archive) throws {
        let data = Data(bytes)
        try archive.addEntry(with: part, type: .file, uncompressedSize: Int64(data.count), modificationDate: XLSXWriter.entryDate,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
