import Foundation
import TestSupport
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// A temporary folder for one test's input files, removed when the test ends.
final class TempDir {
    let url: URL

    init() {
        url = TestTemporaryFolder.root.appendingPathComponent("fivefold-ingest-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` and returns the path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        try! FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Writes `text` as UTF-8.
    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Gzips `name` with the `gzip` command into `name + ".gz"` (or `target`), keeping the input.
    @discardableResult
    func gzip(_ name: String, to target: String? = nil) -> String {
        let out = path(target ?? name + ".gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c '\(path(name))' > '\(out)'"]
        try! process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0)
        return out
    }
}

/// GB18030 bytes of `text`, through iconv.
func gbk(_ text: String) -> [UInt8] { try! Transcoder.utf8ToGB18030().encode(text) }

/// Everything a CSV read produced, for assertions.
struct CSVReadOutcome {
    var header: [String]
    var rows: [(line: Int, fields: [String], raw: [UInt8])]
    var quarantined: [QuarantinedRow]
    var counts: RowCounts
    var reader: CSVReader
}

func readCSV(_ path: String, format: CSVFormat = CSVFormat(), displayName: String? = nil) throws -> CSVReadOutcome {
    let reader = try CSVReader(path: path, displayName: displayName, format: format)
    var rows: [(line: Int, fields: [String], raw: [UInt8])] = []
    var quarantined: [QuarantinedRow] = []
    let counts = try reader.read({ row in
        rows.append((row.location.line, (0..<row.fieldCount).map { row.string(at: $0) }, row.rawBytes))
    }, quarantine: { quarantined.append($0) })
    XCTAssertEqual(counts.read, counts.accepted + counts.quarantined, "row accounting")
    XCTAssertEqual(counts.accepted, rows.count)
    XCTAssertEqual(counts.quarantined, quarantined.count)
    return CSVReadOutcome(header: reader.header, rows: rows, quarantined: quarantined, counts: counts, reader: reader)
}
