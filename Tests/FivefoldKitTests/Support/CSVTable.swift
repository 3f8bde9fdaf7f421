import XCTest

@testable import FivefoldKit

/// A CSV file read through the Ingest reader as header → value dictionaries.
struct CSVTable {
    var header: [String]
    var rows: [[String: String]]
    var encoding: TextEncoding
    var hasBOM: Bool
    var lineTerminator: String

    init(path: String) throws {
        let reader = try CSVReader(path: path)
        header = reader.header
        var rows: [[String: String]] = []
        let header = reader.header
        _ = try reader.read({ row in
            var dict: [String: String] = [:]
            for (i, name) in header.enumerated() { dict[name] = row.string(at: i) }
            rows.append(dict)
        }, quarantine: { row in XCTFail("unreadable row in \(path): \(row)") })
        self.rows = rows
        encoding = reader.encoding
        hasBOM = reader.hasBOM
        lineTerminator = reader.lineTerminator
    }
}
