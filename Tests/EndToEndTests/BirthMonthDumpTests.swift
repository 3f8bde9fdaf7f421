import Foundation
import XCTest
import TestSupport
@testable import FivefoldModel
@testable import FivefoldReport
@testable import FivefoldPipeline

/// The sample as a county system exports it with 出生年月: the system's member table gives
/// each birth date as year and month (`1966-08`) under the header 出生年月, built here from
/// fixtures/sample by the same rewrite a data team would see (every full date cut to its month;
/// the deliberately invalid 2016年2月30日 kept). Before month precision this run gave 373
/// findings (169 unify.mismatch, 161 value.invalid on birth_date) against the sample's 59.
final class BirthMonthDumpTests: XCTestCase {
    /// Rewrites the copy's system/members.csv: header 出生日期 → 出生年月, yyyy-MM-dd → yyyy-MM;
    /// `plant` changes the month of one member's value (by ID number).
    func monthDump(_ copy: SampleCopy, plant: (id: String, month: String)? = nil) throws {
        let path = copy.input + "/system/members.csv"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "出生日期", with: "出生年月")
        let pattern = try NSRegularExpression(pattern: "(?<=,)(\\d{4})-(\\d{2})-\\d{2}(?=,)")
        text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1-$2")
        if let plant {
            let line = try XCTUnwrap(text.components(separatedBy: "\n").first { $0.contains(plant.id) })
            let cut = try XCTUnwrap(line.range(of: ",\\d{4}-\\d{2},", options: .regularExpression))
            text = text.replacingOccurrences(of: line, with: line.replacingCharacters(in: cut, with: ",\(plant.month),"))
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func keys(_ path: String) throws -> Set<String> {
        Set(try CSVTable(path: path).rows.map { "\($0["rule"]!)|\($0["household_id"]!)|\($0["member_id"]!)|\($0["field"]!)" })
    }

    func run(_ copy: SampleCopy) throws -> (findings: Set<String>, summary: RunSummary, stderr: String) {
        let outcome = try FivefoldProcess.run(copy.runArguments())
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: copy.out + "/summary.json")))
        return (try keys(copy.out + "/findings.csv"), summary, outcome.stderr)
    }

    /// The sample's findings by (rule, household, person, field), less the two that depend on
    /// the day: 蒙丽's system 1982-06-04 against 1982-06-14 in the archive, the hukou registry
    /// and her ID number (a day typed wrong) is id.birth_mismatch and unify.mismatch on the
    /// sample; cut to 1982-06 it agrees with all three, and no month can show it. Plus one warning.
    func testMonthDump_GivesTheSamplesFindings() throws {
        let sample = try SampleCopy(self)
        let plain = try run(sample)
        let expected = plain.findings
        let copy = try SampleCopy(self)
        try monthDump(copy)
        let (found, summary, stderr) = try run(copy)
        let dayOnly: Set = ["id.birth_mismatch|5202031002020002|520203198206141748|birth_date",
                            "unify.mismatch|5202031002020002|520203198206141748|birth_date"]
        XCTAssertTrue(dayOnly.isSubset(of: expected))
        XCTAssertEqual(found.sorted(), expected.subtracting(dayOnly).sorted())
        XCTAssertTrue(found.contains("value.invalid|5202031002020003|520203201602204709|birth_date"), "2016年2月30日 is still invalid")
        let warning = "system/members.csv 出生年月: 157 of 158 values give the year and month of birth only (出生年月); they are compared at month precision"
        XCTAssertEqual(summary.warnings.filter { $0.contains("出生年月") }.count, 1, "\(summary.warnings)")
        XCTAssertTrue(summary.warnings.contains { $0.hasPrefix(warning) }, "\(summary.warnings)")
        XCTAssertTrue(stderr.contains(warning), stderr)
        XCTAssertTrue(try String(contentsOfFile: copy.out + "/report.html", encoding: .utf8).contains("157 of 158 values"))
        XCTAssertFalse(plain.summary.warnings.contains { $0.contains("出生年月") }, "full dates: no warning")
    }

    /// A month that is wrong is still found: 王德明 (ID 1966-08-12, archive 1966年8月12日)
    /// given 1966-09 is id.birth_mismatch and unify.mismatch, and the hukou registry settles it
    /// to 1966-08-12 as for any other wrong birth date.
    func testMonthDump_APlantedWrongMonthIsFound() throws {
        let copy = try SampleCopy(self)
        try monthDump(copy, plant: (id: "520203196608121230", month: "1966-09"))
        let (found, _, _) = try run(copy)
        XCTAssertTrue(found.contains("id.birth_mismatch|5202031002010001|520203196608121230|birth_date"), "\(found.sorted())")
        XCTAssertTrue(found.contains("unify.mismatch|5202031002010001|520203196608121230|birth_date"))
        let corrections = try CSVTable(path: copy.out + "/corrections.csv").rows.filter { $0["member_id"] == "520203196608121230" && $0["field"] == "birth_date" }
        XCTAssertEqual(corrections.map { "\($0["old_value"]!)→\($0["new_value"]!)" }, ["1966-09→1966-08-12"])
    }

    /// Birth dates with a two-digit year (`66-08-12`): no reader can tell the century, so each
    /// stays a value.invalid finding (373 on the sample so rewritten, loud) — and the run now says
    /// the one cause once, in summary.json and on stderr even with -q.
    func testTwoDigitYears_SaidOnceWithTheCause() throws {
        let copy = try SampleCopy(self)
        let path = copy.input + "/system/members.csv"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "(?<=,)\\d{2}(\\d{2}-\\d{2}-\\d{2})(?=,)")
        text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (found, summary, stderr) = try run(copy)
        let warning = "system/members.csv 出生日期: 157 of 158 values write the year with two digits (66-08-12); which century is meant the file does not say"
        XCTAssertEqual(summary.warnings.filter { $0.contains("two digits") }.count, 1, "\(summary.warnings)")
        XCTAssertTrue(summary.warnings.contains { $0.hasPrefix(warning) }, "\(summary.warnings)")
        XCTAssertTrue(stderr.contains(warning), stderr)
        XCTAssertTrue(found.contains("value.invalid|5202031002010001|520203196608121230|birth_date"), "still a finding per member")
    }

    func testHasTwoDigitYear() {
        for text in ["66-08-12", "66/8/12", "12/08/66", "66.8.12", "66年8月12日", "66年8月12"] {
            XCTAssertTrue(TableScanner.BirthMonths.hasTwoDigitYear(text), text)
        }
        for text in ["1966-08-12", "66-08", "66-08/12", "66-13-40", "2016年2月30日", "660812", "66-08-12-01", "", "a-b-c"] {
            XCTAssertFalse(TableScanner.BirthMonths.hasTwoDigitYear(text), text)
        }
    }
}
