import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif
import FivefoldIO

extension InputFormat: ExpressibleByArgument {}

/// `fivefold inspect FILE`: print what the readers make of one input file.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read one CSV or XML input file and print its records as JSON lines.",
        discussion: """
            Prints one JSON object per record (with its file and line), then each row that could \
            not be read with "quarantined": true and the reason. A one-line summary (rows read, \
            accepted, quarantined, encoding, delimiter) goes to standard error. Gzipped files are \
            recognised by content; the CSV delimiter (comma, tab, | or ;) is detected unless given. \
            For XML without --record-path (or with --paths), prints every element and attribute \
            path with its count instead, to choose record_path and member_path from.

            Examples:
              fivefold inspect system/households.csv --limit 5
              fivefold inspect 户/导出.txt --header-row 2 --limit 3
              fivefold inspect archive/archive.xml --paths
              fivefold inspect 明白卡.xlsx --sheet 明白卡 --header-row 2
              fivefold inspect archive/archive.xml --record-path 档案/户 --member-path 成员列表/成员
            """
    )

    @Argument(help: "The input file (CSV or XML, gzipped or not).")
    var file: String

    @Option(help: "Input format: csv, xml or xlsx. Default: xlsx for a ZIP package, xml when the first non-space byte is '<', else csv.")
    var format: InputFormat?

    @Option(help: "Text encoding: auto, utf-8, gbk or gb18030.")
    var encoding: String = "auto"

    @Option(help: "CSV field delimiter: one ASCII character, or \\t for tab. Default: detected (comma, tab, | or ;).")
    var delimiter: String?

    @Option(name: .customLong("header-row"), help: "CSV, XLSX: the 1-based line (sheet row) of the header; the rows above it (titles) are skipped.")
    var headerRow: Int = 1

    @Option(help: "XLSX: the sheet, by name or 0-based index (default: the first sheet).")
    var sheet: String?

    @Flag(help: "XML: list every element and attribute path with its count instead of records.")
    var paths = false

    @Option(help: "CSV quote character (one ASCII character).")
    var quote: String = "\""

    @Option(help: "XML: element path from the root to a record, e.g. 档案/户 (without it, the paths are listed).")
    var recordPath: String?

    @Option(help: "XML: element path from a record to a member, e.g. 成员列表/成员.")
    var memberPath: String?

    @Option(help: "Print at most N records (quarantined rows are always printed).")
    var limit: Int?

    @Flag(help: ArgumentHelp("Read and count records without printing them (for benchmarks).", visibility: .hidden))
    var countOnly = false

    func validate() throws {
        guard TextEncoding(pipelineName: encoding) != nil else {
            throw ValidationError("unknown encoding '\(encoding)': use auto, utf-8, gbk or gb18030")
        }
        for (name, value) in [("delimiter", delimiter ?? ","), ("quote", quote)] where Inspect.asciiByte(value) == nil {
            throw ValidationError("--\(name) must be one ASCII character, got '\(value)'")
        }
        if headerRow < 1 { throw ValidationError("--header-row must be at least 1") }
        if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
    }

    static func asciiByte(_ text: String) -> UInt8? {
        if text == "\\t" { return 0x09 }
        let bytes = Array(text.utf8)
        return bytes.count == 1 && bytes[0] < 0x80 ? bytes[0] : nil
    }

    func run() throws {
        let textEncoding = TextEncoding(pipelineName: encoding)!
        let output = LineWriter(enabled: !countOnly)
        do {
            switch try format ?? InputFormat.sniff(path: file) {
            case .csv:
                let detected = delimiter == nil ? try DelimiterSniffer.sniff(path: file) : nil
                var csvFormat = CSVFormat(delimiter: delimiter.flatMap(Inspect.asciiByte) ?? detected ?? UInt8(ascii: ","), quote: Inspect.asciiByte(quote)!, encoding: textEncoding)
                csvFormat.headerRow = headerRow
                let reader = try CSVReader(path: file, displayName: file, format: csvFormat)
                for warning in reader.headerWarnings { printError("fivefold: \(file): \(warning)") }
                let keys = RecordJSON.keys(forHeader: reader.header)
                var printed = 0
                let counts = try reader.read({ row in
                    guard !countOnly, limit.map({ printed < $0 }) ?? true else { return }
                    printed += 1
                    output.line(RecordJSON.object(for: row, keys: keys))
                }, quarantine: { output.line(RecordJSON.object(for: $0)) })
                output.flush()
                let delimiterNote = "delimiter \(csvFormat.delimiter == 9 ? "tab" : "\"\(DelimiterSniffer.name(csvFormat.delimiter))\"")\(delimiter == nil ? (detected == nil ? " (default: none detected)" : " (detected)") : "")"
                let skipped = reader.skippedRows > 0 ? ", \(reader.skippedRows) title rows skipped" : ""
                printError("\(file): read \(counts.read), accepted \(counts.accepted), quarantined \(counts.quarantined); encoding \(reader.encoding.rawValue)\(reader.hasBOM ? " with BOM" : "")\(reader.isGzipped ? ", gzipped" : ""); \(delimiterNote)\(skipped)")
            case .xlsx:
                try inspectXLSX(output: output)
            case .xml:
                guard let recordPath, !paths else {
                    try listPaths(textEncoding, output: output)
                    return
                }
                let paths = XMLPaths(recordPath: recordPath, memberPath: memberPath)
                let reader = try XMLRecordReader(path: file, displayName: file, paths: paths, encoding: textEncoding)
                var printed = 0
                let result = try reader.read { record in
                    guard !countOnly, limit.map({ printed < $0 }) ?? true else { return }
                    printed += 1
                    output.line(RecordJSON.object(for: record, includeMembers: paths.member != nil))
                }
                output.flush()
                printError("\(file): records \(result.records); encoding \(reader.encodingName)\(reader.isGzipped ? ", gzipped" : "")")
                if let fatal = result.fatal {
                    printError("fivefold: \(fatal)")
                    throw ExitCode.failure
                }
            }
        } catch let error as IngestError {
            output.flush()
            printError("fivefold: \(error)")
            throw ExitCode.failure
        }
    }

    /// XLSX: the rows of one sheet below its header as JSON lines, cells as the sheet shows them.
    private func inspectXLSX(output: LineWriter) throws {
        let workbook: XLSXWorkbook
        let chosen: XLSXSheetInfo
        do {
            workbook = try XLSXWorkbook(path: file, displayName: file)
            if let sheet {
                chosen = try workbook.sheets.first { $0.name == sheet } ?? (Int(sheet).map { try workbook.sheet(at: $0) } ?? workbook.sheet(named: sheet))
            } else {
                chosen = try workbook.sheet(at: 0)
            }
        } catch let error as XLSXError {
            throw IngestError(message: error.description)
        }
        var keys: [String]?
        var read = 0, printed = 0, skipped = 0
        try workbook.readRows(of: chosen) { row in
            guard row.cells.contains(where: { !$0.isEmpty }) else { return true }
            guard let keys else {
                if row.number < headerRow { skipped += 1 } else { keys = RecordJSON.keys(forHeader: row.cells.map { $0.displayText.trimmingCharacters(in: .whitespaces) }) }
                return true
            }
            read += 1
            guard !countOnly, limit.map({ printed < $0 }) ?? true else { return true }
            printed += 1
            var out = "{\"file\":"
            RecordJSON.appendString(file, to: &out)
            out += ",\"line\":\(row.number)"
            for (index, key) in keys.enumerated() {
                out += ","
                RecordJSON.appendString(key, to: &out)
                out += ":"
                RecordJSON.appendString(row[index].displayText, to: &out)
            }
            output.line(out + "}")
            return true
        }
        output.flush()
        let sheets = workbook.sheets.map { "\($0.index): \($0.name)" }.joined(separator: ", ")
        printError("\(file): sheet \(chosen.name) (sheets \(sheets)); rows \(read)\(skipped > 0 ? ", \(skipped) title rows skipped" : "")")
    }

    /// `--paths` (or XML without `--record-path`): every element and attribute path with its count.
    private func listPaths(_ encoding: TextEncoding, output: LineWriter) throws {
        let reader = try XMLRecordReader(path: file, displayName: file, paths: XMLPaths(record: ["*"]), encoding: encoding)
        let found = try reader.elementPaths()
        for (path, count) in found.paths { output.line("\(count)\t\(path)") }
        output.flush()
        printError("\(file): \(found.paths.count) element and attribute paths; encoding \(reader.encodingName)\(reader.isGzipped ? ", gzipped" : "")"
            + (recordPath == nil && !paths ? "; give --record-path (and --member-path) to read records" : ""))
        if !found.complete {
            printError("fivefold: \(file): not well-formed XML; paths counted up to the error")
            throw ExitCode.failure
        }
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Buffered standard output: JSON lines are written in large blocks, not one syscall each.
private final class LineWriter {
    private var buffer: [UInt8] = []
    private let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
        buffer.reserveCapacity(1 << 16)
    }

    func line(_ text: String) {
        guard enabled else { return }
        buffer += text.utf8
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        // Through `print` (stdio's stdout), so these lines stay in order with the command's other output.
        print(String(decoding: buffer, as: UTF8.self), terminator: "")
        fflush(nil)
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
