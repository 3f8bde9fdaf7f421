import FivefoldIO

/// A CSV file read through the Ingest reader as header → value dictionaries, for tests of both
/// test targets. An unreadable row is an error: every CSV a test reads was written by Fivefold
/// or by the test itself.
public struct CSVTable {
    public var header: [String]
    public var rows: [[String: String]]
    public var encoding: TextEncoding
    public var hasBOM: Bool
    public var lineTerminator: String

    public struct UnreadableRow: Error, CustomStringConvertible {
        public var description: String
    }

    public init(path: String) throws {
        let reader = try CSVReader(path: path)
        header = reader.header
        var rows: [[String: String]] = []
        var unreadable: [String] = []
        let header = reader.header
        _ = try reader.read({ row in
            var dict: [String: String] = [:]
            for (i, name) in header.enumerated() { dict[name] = row.string(at: i) }
            rows.append(dict)
        }, quarantine: { row in unreadable.append("\(row)") })
        if let first = unreadable.first { throw UnreadableRow(description: "unreadable row in \(path): \(first)") }
        self.rows = rows
        encoding = reader.encoding
        hasBOM = reader.hasBOM
        lineTerminator = reader.lineTerminator
    }
}
