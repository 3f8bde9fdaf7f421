import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class CSVWriterTests: XCTestCase {
    let dir = TempDir()

    func bytes(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

    func testCSVWriter_GB18030WithCRLFRoundTripsThroughReader() throws {
        let path = dir.path("out.csv")
        let writer = try CSVWriter(path: path, encoding: .gb18030, lineTerminator: "\r\n")
        try writer.writeRow(["户编号", "姓名", "备注"])
        try writer.writeRow(["H1", "张三", "有,逗号"])
        try writer.writeRow(["H2", "李\"四\"", "两\n行"])
        try writer.writeRow(["H3", " 前后空格 ", ""])
        try writer.close()
        let raw = bytes(path)
        XCTAssertEqual(Array(raw.prefix(14)), gbk("户编号,姓名,备注\r\n").prefix(14).map { $0 })
        XCTAssertTrue(raw.starts(with: gbk("户编号")))
        let out = try readCSV(path)
        XCTAssertEqual(out.reader.encoding, .gb18030)
        XCTAssertEqual(out.reader.lineTerminator, "\r\n")
        XCTAssertEqual(out.rows.map(\.fields), [["H1", "张三", "有,逗号"], ["H2", "李\"四\"", "两\n行"], ["H3", " 前后空格 ", ""]])
        XCTAssertEqual(out.rows[0].raw, gbk("H1,张三,\"有,逗号\"\r\n"))
    }

    func testCSVWriter_UTF8WithBOMRoundTrips() throws {
        let path = dir.path("bom.csv")
        let writer = try CSVWriter(path: path, encoding: .utf8, bom: true, lineTerminator: "\n")
        try writer.writeRow(["a", "b"])
        try writer.writeRow(["张三", "x\"y"])
        try writer.close()
        XCTAssertEqual(bytes(path), TextEncoding.utf8BOM + Array("a,b\n张三,\"x\"\"y\"\n".utf8))
        let out = try readCSV(path)
        XCTAssertTrue(out.reader.hasBOM)
        XCTAssertEqual(out.rows.map(\.fields), [["张三", "x\"y"]])
    }

    func testCSVWriter_QuotesOnlyWhenNeeded() throws {
        let path = dir.path("q.csv")
        let writer = try CSVWriter(path: path, lineTerminator: "\n", delimiter: UInt8(ascii: ";"))
        try writer.writeRow(["plain", "a;b", "a,b", "cr\rx", "tab\t", ""])
        try writer.close()
        XCTAssertEqual(String(decoding: bytes(path), as: UTF8.self), "plain;\"a;b\";a,b;\"cr\rx\";\"tab\t\";\n")
    }

    func testCSVWriter_FormulaNeutralisationIsOptIn() throws {
        let cells = ["=SUM(A1)", "+1", "-2", "@x", "\tt", "\rr", "ok", "中=文"]
        let on = dir.path("on.csv"), off = dir.path("off.csv")
        for (path, neutralize) in [(on, true), (off, false)] {
            let writer = try CSVWriter(path: path, lineTerminator: "\n", neutralizeFormulas: neutralize)
            try writer.writeRow(cells)
            try writer.close()
        }
        XCTAssertEqual(String(decoding: bytes(on), as: UTF8.self), "'=SUM(A1),'+1,'-2,'@x,'\tt,\"'\rr\",ok,中=文\n")
        XCTAssertEqual(String(decoding: bytes(off), as: UTF8.self), "=SUM(A1),+1,-2,@x,\"\tt\",\"\rr\",ok,中=文\n")
    }

    /// The quoting and neutralising rules, written out plainly (prefix the formula mark, then
    /// quote when the cell starts or ends with a space or tab or holds the delimiter, the quote,
    /// CR or LF, doubling quotes), against the writer on random cells, for `,`/`"` and for an
    /// apostrophe as delimiter or quote (the mark itself then needs quoting), and for the
    /// array and the generic (Substring) rows alike.
    func testCSVWriter_MatchesTheRulesOnRandomCells() throws {
        func reference(_ field: String, delimiter: UInt8, quote: UInt8, neutralize: Bool) -> [UInt8] {
            var value = Array(field.utf8)
            if neutralize, let c = value.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(c) {
                value.insert(UInt8(ascii: "'"), at: 0)
            }
            let needs = value.first == 0x20 || value.first == 0x09 || value.last == 0x20 || value.last == 0x09
                || value.contains { $0 == delimiter || $0 == quote || $0 == 0x0D || $0 == 0x0A }
            guard needs else { return value }
            return [quote] + value.flatMap { $0 == quote ? [quote, quote] : [$0] } + [quote]
        }
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "张", "=", "+", "-", "@", " ", "\t", "\r", "\n", ",", ";", "\"", "'", "1"]
        for (delimiter, quote) in [(UInt8(ascii: ","), UInt8(ascii: "\"")), (UInt8(ascii: "'"), UInt8(ascii: "\"")), (UInt8(ascii: ";"), UInt8(ascii: "'"))] {
            for neutralize in [false, true] {
                let rows = (0..<300).map { _ in (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                    (0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
                } }
                let path = dir.path("r\(delimiter)-\(quote)-\(neutralize).csv")
                let writer = try CSVWriter(path: path, lineTerminator: "\n", delimiter: delimiter, quote: quote, neutralizeFormulas: neutralize)
                for (i, row) in rows.enumerated() {
                    if i % 2 == 0 { try writer.writeRow(row) } else { try writer.writeRow(row.map { Substring($0) }) }
                }
                try writer.close()
                var expected: [UInt8] = []
                for row in rows {
                    for (j, field) in row.enumerated() {
                        if j > 0 { expected.append(delimiter) }
                        expected += reference(field, delimiter: delimiter, quote: quote, neutralize: neutralize)
                    }
                    expected.append(0x0A)
                }
                XCTAssertEqual(bytes(path), expected, "delimiter \(delimiter) quote \(quote) neutralize \(neutralize)")
            }
        }
    }

    func testCSVWriter_WriteRawCopiesRowsVerbatim() throws {
        let input = dir.write("in.csv", gbk("姓名,村\r\n张三,\"大河,村\"\r\n李四,小河村\r\n"))
        let reader = try CSVReader(path: input)
        let output = dir.path("copy.csv")
        let writer = try CSVWriter(path: output, encoding: reader.encoding)
        try writer.writeRaw(reader.headerRawBytes)
        _ = try reader.read({ try writer.writeRaw($0.rawBytes) }, quarantine: { _ in })
        try writer.close()
        XCTAssertEqual(bytes(output), bytes(input))
    }

    func testQuarantineWriter_CreatesFileLazilyWithBOMHeaderAndNeutralisedCells() throws {
        let folder = dir.path("run/quarantine")
        let writer = QuarantineWriter(directory: folder, source: "wall")
        XCTAssertFalse(FileManager.default.fileExists(atPath: writer.path))
        try writer.append(QuarantinedRow(location: SourceLocation(file: "wall/cards.csv", line: 7), reason: "expected 11 fields, found 3", raw: "=1+1,张三,\"x\""))
        try writer.close()
        XCTAssertEqual(writer.count, 1)
        XCTAssertEqual(writer.path, folder + "/wall.csv")
        let text = String(decoding: bytes(writer.path), as: UTF8.self)
        XCTAssertEqual(text, "\u{FEFF}file,line,reason,raw\r\nwall/cards.csv,7,\"expected 11 fields, found 3\",\"'=1+1,张三,\"\"x\"\"\"\r\n")
    }

    func testQuarantineWriter_NoRowsNoFile() throws {
        let writer = QuarantineWriter(directory: dir.path("q"), source: "system")
        try writer.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: writer.path))
    }
}
