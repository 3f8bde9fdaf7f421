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

    /// A file cut off (a copy or download that stopped) ends inside its last row without a line
    /// break: that row is refused, and the reader says the file looks cut off. A refused row
    /// followed by a line break, or a whole last row without one, is no such sign.
    func testCSVReader_FileCutOffInsideItsLastRowIsNamed() throws {
        let whole = "户编号,姓名,劳动技能\n1,张三,普通劳动力\n2,李四,无劳动能力\n"
        let utf8 = Array(whole.utf8)
        let cuts: [(String, [UInt8], String?)] = [
            ("cut-short.csv", Array(utf8[..<(utf8.count - 20)]), "line 3, its last row, ends without a line break and was refused (expected 3 fields, found 2)"),
            ("cut-in-a-character.csv", Array(utf8[..<(utf8.count - 2)]), "line 3, its last row, ends without a line break and was refused (invalid UTF-8 in field 3 (劳动技能)"),
            ("cut-in-a-gbk-character.csv", Array(gbk(whole).dropLast(2)), "line 3, its last row, ends without a line break and was refused (invalid GB18030 in field 3 (劳动技能)"),
            ("cut-in-a-quote.csv", Array("a,b\n1,2\n3,\"ope".utf8), "line 3, its last row, ends without a line break and was refused (unterminated quoted field 2 (reaches end of file))"),
            ("whole.csv", utf8, nil),
            ("whole-without-final-break.csv", Array(utf8.dropLast()), nil),
            ("short-row-then-break.csv", Array("a,b,c\n1,2,3\n4,5\n".utf8), nil),
            ("short-row-then-blank-line-no-break.csv", Array("a,b,c\n1,2,3\n4,5\n   ".utf8), nil),
            ("refused-then-delimiters-only.csv", Array("a,b,c\n1,2,3\n4,5\n,,".utf8), nil),
        ]
        for (name, bytes, expected) in cuts {
            // Declared, as a pipeline does: a file this small is sniffed whole, and a UTF-8 file
            // cut inside a character is then taken for GBK.
            var format = CSVFormat()
            format.encoding = name.contains("gbk") ? .gb18030 : .utf8
            let out = try readCSV(dir.write(name, bytes), format: format, displayName: name)
            // (A reason may go on: a cut character can be valid in the other encoding.)
            if let expected {
                XCTAssertTrue(out.reader.brokenOff?.hasPrefix(expected) == true, "\(name): \(out.reader.brokenOff ?? "nil")")
            } else {
                XCTAssertNil(out.reader.brokenOff, name)
            }
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
