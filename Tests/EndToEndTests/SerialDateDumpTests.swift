import Foundation
import XCTest
import TestSupport
@testable import FivefoldModel
@testable import FivefoldPipeline

/// The sample as a spreadsheet saves it when its 出生日期 column is formatted as numbers: every
/// system birth date a 1900-system serial (`1966-08-12` → `24331`), built here from
/// fixtures/sample (the invalid 2016年2月30日, which no spreadsheet holds as a date, kept as
/// text). The sample's households are poor rural families with many elderly members: before
/// 2026-12-07 the serial window started at 20 000 (1954-10-03), so every member born earlier
/// (`16238`, 1944-06-15) was a value.invalid and a unify.mismatch with the archive — 73 findings
/// against the sample's 59 (7 such members; 14 false findings), and exit 0.
final class SerialDateDumpTests: XCTestCase {
    /// Days from 1899-12-30 (the 1900 system's day 0 from serial 61 on) to each yyyy-MM-dd.
    func serialDump(_ copy: SampleCopy) throws -> [Int] {
        let path = copy.input + "/system/members.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "(?<=,)(\\d{4})-(\\d{2})-(\\d{2})(?=,)")
        var serials: [Int] = []
        var result = ""
        var last = text.startIndex
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let range = Range(match.range, in: text)!
            let part = { (i: Int) in Int(text[Range(match.range(at: i), in: text)!])! }
            let date = try XCTUnwrap(CivilDate(year: part(1), month: part(2), day: part(3)))
            let serial = date.daysSinceEpoch - CivilDate.days(fromCivil: 1899, 12, 30)
            serials.append(serial)
            result += text[last..<range.lowerBound] + String(serial)
            last = range.upperBound
        }
        result += text[last...]
        try result.write(toFile: path, atomically: true, encoding: .utf8)
        return serials
    }

    func keys(_ path: String) throws -> Set<String> {
        Set(try CSVTable(path: path).rows.map { "\($0["rule"]!)|\($0["household_id"]!)|\($0["member_id"]!)|\($0["field"]!)" })
    }

    func testSerialDump_GivesTheSamplesFindings() throws {
        let plain = try SampleCopy(self)
        var outcome = try FivefoldProcess.run(plain.runArguments())
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let expected = try keys(plain.out + "/findings.csv")

        let copy = try SampleCopy(self)
        let serials = try serialDump(copy)
        XCTAssertEqual(serials.count, 157)
        XCTAssertEqual(serials.filter { $0 < 20_000 }.count, 7, "members born before 1954-10-03, what this is about")
        outcome = try FivefoldProcess.run(copy.runArguments())
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let found = try keys(copy.out + "/findings.csv")
        XCTAssertEqual(found.sorted(), expected.sorted())
        XCTAssertTrue(found.contains("value.invalid|5202031002020003|520203201602204709|birth_date"), "2016年2月30日 is still invalid")
    }
}
