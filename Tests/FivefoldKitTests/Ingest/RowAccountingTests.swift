import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Guards SPEC §6: for every input file, read = accepted + quarantined, whatever is wrong with it.
final class RowAccountingTests: XCTestCase {
    let dir = TempDir()

    func testCSVReader_AccountingHoldsForBrokenFiles() throws {
        let files: [(String, [UInt8], RowCounts)] = [
            ("ragged.csv", Array("a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n1,2,3\n".utf8), RowCounts(read: 4, accepted: 1, quarantined: 3)),
            ("stray.csv", Array("a,b\n1,x\"y\n\"p\"q,2\n3,4\n".utf8), RowCounts(read: 3, accepted: 1, quarantined: 2)),
            ("unterminated.csv", Array("a,b\n1,\"open\n2,3\n\"x\n".utf8), RowCounts(read: 3, accepted: 1, quarantined: 2)),
            ("quote-closed-lines-later.csv", Array("a,b\n1,\"open\n2,3\n4,\"5\"x\n6,7\n".utf8), RowCounts(read: 4, accepted: 2, quarantined: 2)),
            ("nul.csv", Array("a,b\n1,".utf8) + [0] + Array("\n2,3\n".utf8), RowCounts(read: 2, accepted: 1, quarantined: 1)),
            ("mixed-encoding.csv", TextEncoding.utf8BOM + Array("a,b\n1,张三\n".utf8) + gbk("2,李四\n") + Array("3,王五\n".utf8), RowCounts(read: 3, accepted: 2, quarantined: 1)),
            ("blank-and-cr.csv", Array("a,b\r\r1,2\r\r\n\n3\r".utf8), RowCounts(read: 2, accepted: 1, quarantined: 1)),
            ("no-newline-at-all.csv", Array("a,b\n\"".utf8), RowCounts(read: 1, accepted: 0, quarantined: 1)),
        ]
        for (name, bytes, expected) in files {
            let out = try readCSV(dir.write(name, bytes), displayName: name)
            XCTAssertEqual(out.counts, expected, name)
            XCTAssertEqual(out.counts.read, out.counts.accepted + out.counts.quarantined, name)
            for row in out.quarantined { XCTAssertEqual(row.location.file, name) }
        }
    }

    func testCSVReader_OverlongRowIsQuarantinedAndReadingResumes() throws {
        var format = CSVFormat()
        format.maxRowBytes = 10_000
        let text = "a,b\n1," + String(repeating: "x", count: 3_000_000) + "\n2,3\n"
        let out = try readCSV(dir.write("long.csv", text), format: format)
        XCTAssertEqual(out.counts, RowCounts(read: 2, accepted: 1, quarantined: 1))
        XCTAssertEqual(out.quarantined.first?.reason, "row longer than 10000 bytes")
        XCTAssertLessThanOrEqual(out.quarantined.first?.raw.utf8.count ?? 0, 64 * 1024)
        XCTAssertEqual(out.rows.first?.fields, ["2", "3"])
        XCTAssertEqual(out.rows.first?.line, 3)
    }
}
