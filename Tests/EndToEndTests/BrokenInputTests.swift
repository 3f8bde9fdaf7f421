import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Issue 3 at pipeline level: broken rows and a broken file lose nothing — every unreadable row
/// is quarantined with file, line and reason, every file balances (read = accepted +
/// quarantined), and a file that ends in a well-formedness error keeps what came before it
/// while the run goes on with the other sources.
final class BrokenInputTests: XCTestCase {
    func testBrokenRowsAndATruncatedArchiveAreAccountedForAndTheRunCompletes() throws {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-broken-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)

        // members.csv: a row with too few fields and a row with a stray quote.
        let members = input + "/system/members.csv"
        var text = try String(contentsOfFile: members, encoding: .utf8)
        text += "5202031002010001,520203196608121230,王德明\n"
        text += "5202031002010002,5202031\"970,李\"四,户主,男,1970-01-01,汉族,小学,非在校生,健康,普通劳动力,0,是\n"
        try text.write(toFile: members, atomically: true, encoding: .utf8)

        // archive.xml (GBK): the second household loses its key; the file is cut mid-record.
        let archive = input + "/archive/archive.xml"
        let gbk = String.Encoding(rawValue: 0x8000_0632)
        var xml = String(data: try Data(contentsOf: URL(fileURLWithPath: archive)), encoding: gbk)!
        xml = xml.replacingOccurrences(of: "<户 户编号=\"5202031002010002\">", with: "<户>")
        let cut = xml.range(of: "<户 户编号=\"5202031002010010\">")!.upperBound
        try xml[..<cut].appending("\n    <户主姓名>截断").data(using: gbk)!.write(to: URL(fileURLWithPath: archive))

        let out = input + "-out"
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let summary = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: SampleRunTests.asOf)).run()

        for file in summary.inputs {
            XCTAssertEqual(file.read, file.accepted + file.quarantined, file.file)
        }
        let membersStats = summary.inputs.first { $0.file == "system/members.csv" }!
        XCTAssertEqual(membersStats.quarantined, 2)
        XCTAssertEqual(membersStats.accepted, 158)
        let archiveStats = summary.inputs.first { $0.file == "archive/archive.xml" }!
        XCTAssertNotNil(archiveStats.fatal, "the cut file reports where it broke")
        XCTAssertTrue(archiveStats.fatal!.hasPrefix("archive/archive.xml:"), archiveStats.fatal!)
        XCTAssertEqual(archiveStats.read, 9, "the nine households before the cut are kept")
        XCTAssertEqual(archiveStats.quarantined, 1, "the household without 户编号")
        XCTAssertTrue(summary.warnings.contains { $0.hasPrefix("archive/archive.xml: the file breaks off (") && $0.contains("after 9 records") }, "\(summary.warnings)")
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertTrue(report.contains("<h2>运行警告（请数据组处理）</h2>") && report.contains("archive/archive.xml: the file breaks off ("), "the report says so too")

        let systemQuarantine = try CSVTable(path: out + "/quarantine/system.csv")
        XCTAssertEqual(systemQuarantine.header, ["file", "line", "reason", "raw"])
        XCTAssertEqual(systemQuarantine.rows.map { $0["file"]! }, ["system/members.csv", "system/members.csv"])
        XCTAssertEqual(systemQuarantine.rows.map { $0["line"]! }, ["160", "161"])
        XCTAssertTrue(systemQuarantine.rows[0]["reason"]!.contains("expected 13 fields"), "\(systemQuarantine.rows[0])")
        let archiveQuarantine = try CSVTable(path: out + "/quarantine/archive.csv")
        XCTAssertEqual(archiveQuarantine.rows.count, 1)
        XCTAssertTrue(archiveQuarantine.rows[0]["reason"]!.contains("户编号"))

        // The run went on: the other sources were read in full and findings were made.
        XCTAssertEqual(summary.inputs.first { $0.file == "wall/cards.csv" }?.read, 47)
        XCTAssertGreaterThan(summary.findings, 0)
        // Households cut from the archive are missing from it, not silently dropped.
        let findings = try CSVTable(path: out + "/findings.csv").rows
        XCTAssertTrue(findings.contains { $0["rule"] == "unify.missing" && $0["household_id"] == "5202031012020009" && $0["values"]!.contains("archive=无") })
    }

    /// The system's members.csv cut off at 8 KiB (inside a row and inside a character, as a copy
    /// that stopped leaves it): the run goes on, as for an XML file that breaks off, and says on
    /// stderr, in summary.json and in report.html that the file looks cut off and what that does
    /// to the findings. Before, the cut row was one quarantined line among others and 80 false
    /// findings went to the worklists with nothing said.
    func testACSVFileCutOffIsSaidToBeCutOff() throws {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-cut-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        defer { try? fm.removeItem(atPath: input) }
        let members = input + "/system/members.csv"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: members))
        try bytes.prefix(8192).write(to: URL(fileURLWithPath: members))

        let out = input + "-out"
        defer { try? fm.removeItem(atPath: out) }
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let summary = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: SampleRunTests.asOf)).run()
        let stats = try XCTUnwrap(summary.inputs.first { $0.file == "system/members.csv" })
        XCTAssertEqual(stats.read, stats.accepted + stats.quarantined)
        XCTAssertEqual(stats.quarantined, 1, "the cut row")
        let warning = try XCTUnwrap(summary.warnings.first { $0.hasPrefix("system/members.csv: the file looks cut off: line \(stats.read + 1), its last row, ends without a line break") },
                                    "\(summary.warnings)")
        XCTAssertTrue(warning.contains("after \(stats.read - 1) whole rows") && warning.contains("the members of its households from there on are reported missing from the system source"), warning)
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertTrue(report.contains("<h2>运行警告（请数据组处理）</h2>") && report.contains("system/members.csv: the file looks cut off"))

        // The same file whole but without its last line break is no sign of a cut: no warning,
        // the sample's findings.
        try bytes.dropLast().write(to: URL(fileURLWithPath: members))
        let whole = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: SampleRunTests.asOf)).run()
        XCTAssertFalse(whole.warnings.contains { $0.contains("cut off") }, "\(whole.warnings)")
        XCTAssertNil(whole.inputs.first { $0.file == "system/members.csv" }?.fatal)
        XCTAssertEqual(whole.findings, 59)
    }

    /// Registries raise no value.invalid: a 参保状态 no code list knows (断缴 for 未参保) was as if
    /// blank, and the planted exit.medical of its member did not fire — exit 0, 58 findings
    /// instead of 59, nothing said. Now each registry column with refused values is warned about,
    /// with counts and the first value; the sample's registries give no such warning.
    func testRegistryValuesThatCannotBeReadAreSaid() throws {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-registry-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        defer { try? fm.removeItem(atPath: input); try? fm.removeItem(atPath: input + "-out") }
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let clean = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: input + "-out", asOf: SampleRunTests.asOf, useLedger: false)).run()
        XCTAssertFalse(clean.warnings.contains { $0.contains("could not be read") }, "\(clean.warnings)")
        let path = input + "/verification/registry/insurance.csv"
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "未参保", with: "断缴").write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: input + "-out", asOf: SampleRunTests.asOf, useLedger: false)).run()
        XCTAssertEqual(summary.findings, 58, "the exit.medical that needed the value")
        XCTAssertTrue(summary.warnings.contains("verification/registry/insurance.csv 参保状态 (insurance_status): 1 of 154 values of the rows read could not be read (first: 断缴); "
            + "those rows count as blank there, so the checks that need the column do not fire for them: add the values to the vocabulary (pipelines/vocabulary.yaml) or correct the registry extract"),
            "\(summary.warnings)")
    }

    /// Peak resident memory of this process so far, in MB.
    static func peakMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// A sample copy whose archive is `archive` (UTF-8) and, when given, whose interview is
    /// `interview` (plain text under the .gz name: detected by content); the secret file it names.
    func hostileInput(archive: (String) -> String, interview: String? = nil) throws -> (input: String, secret: String) {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-hostile-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        let secret = "TOP-SECRET-\(UUID().uuidString)"
        let secretPath = input + "/secret.txt"
        try secret.write(toFile: secretPath, atomically: true, encoding: .utf8)
        try archive(secretPath).write(toFile: input + "/archive/archive.xml", atomically: true, encoding: .utf8)
        if let interview {
            try fm.removeItem(atPath: input + "/interview/survey.xml.gz")
            try interview.write(toFile: input + "/interview/survey.xml.gz", atomically: true, encoding: .utf8)
        }
        return (input, secret)
    }

    /// The run's error when it stops, else nil.
    func stoppingError(_ input: String) throws -> PipelineError? {
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        do {
            _ = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: input + "-out", asOf: SampleRunTests.asOf)).run()
            return nil
        } catch let error as PipelineError {
            return error
        }
    }

    func testHostileXML_BeforeTheFirstRecordStopsTheRunAndLeaksNothing() throws {
        // The archive names a local file as an external entity in its first record: libxml2
        // refuses the undefined entity there, so not one record can be read. That is a file the
        // run cannot use (exit 2, nothing written), not a source whose every household is missing.
        let (input, secret) = try hostileInput(archive: { secretPath in
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE 档案 [ <!ENTITY xxe SYSTEM "file://\(secretPath)"> ]>
            <档案><户 户编号="5202031002010001"><户主姓名>&xxe;</户主姓名><成员列表><成员><姓名>&xxe;</姓名></成员></成员列表></户></档案>
            """
        })
        let error = try XCTUnwrap(try stoppingError(input))
        XCTAssertEqual(error.file, "archive/archive.xml")
        XCTAssertTrue(error.message.contains("breaks off before its first record") && error.message.contains("xxe"), error.message)
        XCTAssertFalse(error.message.contains(secret))
        XCTAssertFalse(FileManager.default.fileExists(atPath: input + "-out"), "nothing written")

        // A billion-laughs interview is refused quickly and in little memory, and stops the run too.
        var lol = "<!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            lol += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n"
        }
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE submissions [\n\(lol)]>\n<submissions><submission><户编号>5202031002010001</户编号><户主姓名>&lol9;</户主姓名></submission></submissions>\n"
        let sample = try String(contentsOfFile: SampleRunTests.sample + "/archive/archive.xml", encoding: String.Encoding(rawValue: 0x8000_0632))
        let (laughing, _) = try hostileInput(
            archive: { _ in sample.replacingOccurrences(of: "encoding=\"GBK\"", with: "encoding=\"UTF-8\"") }, interview: laughs)
        let before = Self.peakMB()
        let refused = try XCTUnwrap(try stoppingError(laughing))
        XCTAssertLessThan(Self.peakMB() - before, 200, "entity expansion must not blow up memory")
        XCTAssertEqual(refused.file, "interview/survey.xml.gz")
        XCTAssertTrue(refused.message.contains("breaks off before its first record"), refused.message)
    }

    func testHostileXML_AfterSomeRecordsTheRunGoesOnWarnsAndLeaksNothing() throws {
        // The external entity in the second household: the first is read, the file breaks off
        // there, the run goes on with a warning saying what was lost, and no output holds the file.
        let sample = try String(contentsOfFile: SampleRunTests.sample + "/archive/archive.xml", encoding: String.Encoding(rawValue: 0x8000_0632))
        let second = try XCTUnwrap(sample.range(of: "<户 户编号=\"5202031002010002\">"))
        let (input, secret) = try hostileInput(archive: { secretPath in
            sample[..<second.upperBound]
                .replacingOccurrences(of: "encoding=\"GBK\"?>", with: "encoding=\"UTF-8\"?>\n<!DOCTYPE 档案 [ <!ENTITY xxe SYSTEM \"file://\(secretPath)\"> ]>")
                + "<户主姓名>&xxe;</户主姓名>" + sample[second.upperBound...]
        })
        let out = input + "-out"
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let summary = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: SampleRunTests.asOf)).run()
        let archive = try XCTUnwrap(summary.inputs.first { $0.file == "archive/archive.xml" })
        XCTAssertEqual(archive.read, 1)
        XCTAssertNotNil(archive.fatal)
        XCTAssertTrue(summary.warnings.contains {
            $0.hasPrefix("archive/archive.xml: the file breaks off (") && $0.contains("xxe") && $0.contains("after 1 record;") && $0.contains("missing from the archive source")
        }, "\(summary.warnings)")
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: out)! {
            guard let data = fm.contents(atPath: out + "/" + path) else { continue }
            XCTAssertFalse(String(decoding: data, as: UTF8.self).contains(secret), "\(path) leaked the local file")
        }
        XCTAssertGreaterThan(summary.findings, 0, "the run completed")
    }
}

/// The corrected dataset keeps the system input's encoding: a GBK system export comes back GBK.
final class CorrectedEncodingTests: XCTestCase {
    func testGBKSystemInput_CorrectedFilesStayGBKWithTheirCorrections() throws {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-gbk-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        let gbk = String.Encoding(rawValue: 0x8000_0632)
        for name in ["households.csv", "members.csv"] {
            let path = input + "/system/" + name
            var text = try String(contentsOfFile: path, encoding: .utf8)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            try text.data(using: gbk)!.write(to: URL(fileURLWithPath: path))
        }
        let out = input + "-out"
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let summary = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: SampleRunTests.asOf)).run()
        XCTAssertEqual(summary.inputs.first { $0.file == "system/households.csv" }?.encoding, "gb18030")
        XCTAssertGreaterThan(summary.corrections, 0)

        let corrected = try Data(contentsOf: URL(fileURLWithPath: out + "/corrected/households.csv"))
        XCTAssertNil(String(data: corrected, encoding: .utf8), "still GBK, not re-encoded as UTF-8")
        let text = String(data: corrected, encoding: gbk)!
        XCTAssertTrue(text.hasPrefix("户编号,"))
        // The planted house-grade correction (C → A) is in the GBK file, on its household's row.
        let row = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("5202031002020008,") }!
        let header = text.split(whereSeparator: \.isNewline)[0].split(separator: ",", omittingEmptySubsequences: false)
        let column = header.firstIndex(of: "住房安全等级")!
        XCTAssertEqual(row.split(separator: ",", omittingEmptySubsequences: false)[column], "A")
        // Every other row is the input's bytes.
        let original = try Data(contentsOf: URL(fileURLWithPath: input + "/system/households.csv"))
        let inRows = original.split(separator: 0x0A), outRows = corrected.split(separator: 0x0A)
        XCTAssertEqual(inRows.count, outRows.count)
        let correctedHouseholds = Set(try CSVTable(path: out + "/corrections.csv").rows.filter { $0["member_id"]!.isEmpty }.map { $0["household_id"]! })
        XCTAssertEqual(zip(inRows, outRows).filter { $0 != $1 }.count, correctedHouseholds.count)
    }
}

/// Totals rows at the end of an export are not households.
final class TotalsRowTests: XCTestCase {
    /// Exports often end with a totals row. Its 户编号 cell (合计, 总计：158人) is no household's:
    /// the row is quarantined, not reported on the worklists as household 合计 without a cadre,
    /// with 152 members, missing from every other source (three false findings before).
    func testTotalsRowsAreQuarantinedNotHouseholds() throws {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-totals-\(UUID().uuidString)").path
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        defer { try? fm.removeItem(atPath: input) }
        let households = try FileHandle(forWritingTo: URL(fileURLWithPath: input + "/system/households.csv"))
        households.seekToEndOfFile()
        households.write(Data("合计,,,,,,,152,,,,,,,,,,,,,,\r\n".utf8))
        try households.close()
        let members = try FileHandle(forWritingTo: URL(fileURLWithPath: input + "/system/members.csv"))
        members.seekToEndOfFile()
        members.write(Data("总计：158人,,,,,,,,,,,,\n".utf8))
        try members.close()

        let out = input + "-out"
        defer { try? fm.removeItem(atPath: out) }
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let summary = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: SampleRunTests.asOf)).run()
        XCTAssertEqual(summary.households, 48)
        let quarantine = try CSVTable(path: out + "/quarantine/system.csv")
        XCTAssertEqual(quarantine.rows.map { $0["reason"]! }, [
            "a totals row (户编号 合计), not a household: 合计 rows are left out",
            "a totals row (户编号 总计:158人), not a household: 总计 rows are left out",
        ])
        for file in summary.inputs { XCTAssertEqual(file.read, file.accepted + file.quarantined, file.file) }
        let findings = try String(contentsOfFile: out + "/findings.csv", encoding: .utf8)
        XCTAssertFalse(findings.contains("合计") || findings.contains("总计"), "no finding about a totals row")

        // `fivefold check` says the same before a run (it counted 0 rows to quarantine before).
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", input])
        XCTAssertTrue(check.stderr.contains("fivefold: system/households.csv: 1 of all 49 rows would be quarantined: a totals row (户编号 合计), not a household: 合计 rows are left out (line 50)\n"), check.stderr)
        XCTAssertTrue(check.stderr.contains("fivefold: system/members.csv: 1 of all 159 rows would be quarantined: a totals row (户编号 总计:158人), not a household: 总计 rows are left out (line 160)\n"), check.stderr)
        XCTAssertTrue(check.stdout.contains("all 49 rows read, 1 would be quarantined"), check.stdout)
    }
}

/// A source table that holds only its header is an export that stopped early: the run stops.
final class EmptyTableTests: XCTestCase {
    /// Before: 0 households, 75 findings, exit 0, and a nightly ledger that would mark every open
    /// finding resolved. Now exit 2, nothing written, the ledger as it was.
    func testHeaderOnlySystemExport_StopsAndLeavesTheLedgerAlone() throws {
        let fm = FileManager.default
        let copy = try SampleCopy(self)
        let (input, out, ledger) = (copy.input, copy.out, copy.ledger)
        let args = copy.runArguments()
        XCTAssertEqual(try FivefoldProcess.run(args).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let findingsBefore = try Data(contentsOf: URL(fileURLWithPath: out + "/findings.csv"))

        let households = input + "/system/households.csv"
        let header = try String(contentsOfFile: households, encoding: .utf8).components(separatedBy: "\r\n")[0]
        try (header + "\r\n").write(toFile: households, atomically: true, encoding: .utf8)
        let empty = try FivefoldProcess.run(args)
        XCTAssertEqual(empty.status, 2, empty.stderr)
        XCTAssertEqual(empty.stderr, "fivefold: system/households.csv: no rows (only a header): the system's households are what a run checks; check the export. Nothing was written\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledger)), before, "the ledger is untouched")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/findings.csv")), findingsBefore, "the last outputs stay")
        let check = try FivefoldProcess.run(["check", SampleRunTests.pipeline, "--input", input])
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stderr.contains("fivefold: system/households.csv: no rows (only a header): the system's households are what a run checks; check the export; a run stops here\n"), check.stderr)

        // Another source's empty export names that source and the way out.
        try fm.removeItem(atPath: input)
        try fm.copyItem(atPath: SampleRunTests.sample, toPath: input)
        let inspection = input + "/verification/inspection.csv"
        let first = try String(contentsOfFile: inspection, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)[0]
        try (first + "\n").write(toFile: inspection, atomically: true, encoding: .utf8)
        let emptyInspection = try FivefoldProcess.run(args)
        XCTAssertEqual(emptyInspection.status, 2, emptyInspection.stderr)
        XCTAssertTrue(emptyInspection.stderr.hasPrefix("fivefold: verification/inspection.csv: no rows (only a header): a run would report every household missing from the verification source; check the export, or leave the verification source out of the pipeline"), emptyInspection.stderr)
    }
}
