// Every input row that could not be read goes to `quarantine/<source>.csv` with its place, reason
// and text (SPEC §6), so nothing is dropped without a trace. People open these files in Excel
// to see what went wrong, so they are UTF-8 with a BOM and formula-like cells are neutralised.
// The file is created only when the first row arrives: a clean source leaves no empty file.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends quarantined rows of one source to `<directory>/<source>.csv`, created lazily.
public final class QuarantineWriter {
    /// The file written (it exists only once a row was appended).
    public let path: String
    /// Rows appended so far.
    public private(set) var count = 0
    private let directory: String
    private var writer: CSVWriter?

    /// The CSV header of quarantine files.
    public static let header = ["file", "line", "reason", "raw"]

    /// Prepares to write `<directory>/<source>.csv`; creates nothing yet.
    public init(directory: String, source: String) {
        self.directory = directory
        self.path = directory.hasSuffix("/") ? directory + source + ".csv" : directory + "/" + source + ".csv"
    }

    /// Appends one row, creating the folder and the file (with its header) on first use.
    ///
    /// - Throws: ``IngestError`` when the file cannot be created or written.
    public func append(_ row: QuarantinedRow) throws {
        if writer == nil {
            try QuarantineWriter.makeDirectories(directory)
            let created = try CSVWriter(path: path, encoding: .utf8, bom: true, lineTerminator: "\r\n", neutralizeFormulas: true)
            try created.writeRow(QuarantineWriter.header)
            writer = created
        }
        try writer!.writeRow([row.location.file, String(row.location.line), row.reason, row.raw])
        count += 1
    }

    /// Flushes and closes the file, if one was created.
    public func close() throws {
        try writer?.close()
    }

    private static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part + "/"
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw IngestError(file: path, "cannot create folder: \(String(cString: strerror(errno)))")
            }
        }
    }
}
