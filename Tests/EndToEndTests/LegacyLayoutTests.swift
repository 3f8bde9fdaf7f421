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

/// A county's legacy export (`fixtures/legacy`, made from `fixtures/sample` by `make_legacy.py`):
/// other file names, GB18030 tab- and `|`-separated tables with a title line, renamed and reordered
/// headers with extra columns, attribute-style archive XML under a deeper path, an XLSX wall-card
/// sheet saved by LibreOffice, a `;`-separated inspection. Read by `pipelines/legacy-county.yaml`,
/// it must give exactly the findings, corrections and worklists that the default pipeline gives on
/// the sample: every record is the same, only the containers differ.
final class LegacyLayoutTests: XCTestCase {
    static let legacyPipeline = SampleRunTests.repo.appendingPathComponent("pipelines/legacy-county.yaml").path
    static let legacyInput = SampleRunTests.repo.appendingPathComponent("fixtures/legacy").path

    /// Both runs, as of the fixture's date (the data is from 2020).
    static let runs: (sample: String, legacy: String, legacySummary: RunSummary) = {
        func run(_ pipeline: String, _ input: String) -> (String, RunSummary) {
            let out = TestTemporaryFolder.root.appendingPathComponent("fivefold-legacy-\(UUID().uuidString)").path
            let config = try! PipelineConfig.load(path: pipeline)
            let options = PipelineRunner.Options(inputFolder: input, outputFolder: out, asOf: "2020-12-31", useLedger: false)
            return (out, try! PipelineRunner(config: config, options: options).run())
        }
        let sample = run(SampleRunTests.pipeline, SampleRunTests.sample)
        let legacy = run(legacyPipeline, legacyInput)
        return (sample.0, legacy.0, legacy.1)
    }()

    func testLegacyLayout_GivesTheSampleFindings() throws {
        let expected = try CSVTable(path: Self.runs.sample + "/findings.csv")
        let found = try CSVTable(path: Self.runs.legacy + "/findings.csv")
        XCTAssertGreaterThan(expected.rows.count, 40)
        XCTAssertEqual(found.header, expected.header)
        let key = { (row: [String: String]) in row["finding_id"]! }
        // An unregistered household's message points at its record in the interview file
        // ("见interview/survey.xml.gz:2330"), whose name differs by design: compare the rest.
        let unnamed = { (row: [String: String]) -> [String: String] in
            var row = row
            row["message"] = row["message"]!.replacingOccurrences(of: "见走访/大走访.xml.gz:", with: "见interview/survey.xml.gz:")
            return row
        }
        let foundByID = Dictionary(found.rows.map { (key($0), unnamed($0)) }, uniquingKeysWith: { a, _ in a })
        for row in expected.rows {
            XCTAssertEqual(foundByID[key(row)], row, "finding \(row["rule"]!) \(row["household_id"]!) \(row["member_id"]!) \(row["field"]!)")
        }
        XCTAssertEqual(Set(found.rows.map(key)), Set(expected.rows.map(key)))
    }

    /// The sample with its system household header typed with a Chinese input method:
    /// `人均纯收入（元）` (full-width brackets) for the pipeline's alias `人均纯收入(元)`. It stopped
    /// the run with exit 2 ("no column named …; closest: 人均纯收入（元）"); the same name in
    /// another width now reads as that name, and the findings are the sample's.
    func testFullWidthHeader_ReadsAsItsAlias_GivesTheSampleFindings() throws {
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-width-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: input) }
        try FileManager.default.copyItem(atPath: SampleRunTests.sample, toPath: input)
        let households = input + "/system/households.csv"
        let text = try String(contentsOfFile: households, encoding: .utf8)
        let renamed = text.replacingOccurrences(of: ",人均纯收入,", with: ",人均纯收入（元）,")
        XCTAssertNotEqual(renamed, text)
        try renamed.write(toFile: households, atomically: true, encoding: .utf8)
        let out = input + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        _ = try PipelineRunner(config: config, options: .init(inputFolder: input, outputFolder: out, asOf: "2020-12-31", useLedger: false)).run()
        XCTAssertEqual(try CSVTable(path: out + "/findings.csv").rows, try CSVTable(path: Self.runs.sample + "/findings.csv").rows)
        XCTAssertEqual(try CSVTable(path: out + "/corrections.csv").rows, try CSVTable(path: Self.runs.sample + "/corrections.csv").rows)
    }

    func testLegacyLayout_GivesTheSampleCorrectionsAndWorklists() throws {
        let expected = try CSVTable(path: Self.runs.sample + "/corrections.csv")
        let found = try CSVTable(path: Self.runs.legacy + "/corrections.csv")
        XCTAssertFalse(expected.rows.isEmpty)
        XCTAssertEqual(found.rows, expected.rows)
        let fm = FileManager.default
        let worklists = try fm.contentsOfDirectory(atPath: Self.runs.sample + "/worklists").filter { $0.hasSuffix(".csv") }.sorted()
        XCTAssertFalse(worklists.isEmpty)
        for name in worklists {
            let a = try String(contentsOfFile: Self.runs.sample + "/worklists/" + name, encoding: .utf8)
            let b = try String(contentsOfFile: Self.runs.legacy + "/worklists/" + name, encoding: .utf8)
            XCTAssertEqual(a, b.replacingOccurrences(of: "见走访/大走访.xml.gz:", with: "见interview/survey.xml.gz:"), "worklists/\(name)")
        }
    }

    func testLegacyLayout_EveryRowAccountedAndNoneQuarantined() throws {
        let summary = Self.runs.legacySummary
        XCTAssertEqual(summary.inputs.count, 15, "6 source tables (system in two), 8 registries, villages")
        for input in summary.inputs {
            XCTAssertEqual(input.read, input.accepted + input.quarantined, input.file)
            XCTAssertEqual(input.quarantined, 0, input.file)
            XCTAssertGreaterThan(input.read, 0, input.file)
        }
    }

    /// The two system tables share the file name 导出.txt: each keeps its own corrected file, in
    /// GB18030 with its title line, and differs from its input only in corrected households' rows.
    func testLegacyLayout_CorrectedKeepsBothSystemTablesWithTheirTitleLines() throws {
        let corrections = try CSVTable(path: Self.runs.legacy + "/corrections.csv")
        let corrected = Set(corrections.rows.map { $0["household_id"]! })
        var changed = 0
        for (table, title) in [("户", "建档立卡贫困户家庭基本信息表"), ("人员", "建档立卡贫困人口信息表")] {
            let input = try Self.gb18030Lines(Self.legacyInput + "/县级导出/\(table)/导出.txt")
            let output = try Self.gb18030Lines(Self.runs.legacy + "/corrected/县级导出/\(table)/导出.txt")
            XCTAssertEqual(output.first, title)
            XCTAssertEqual(output.count, input.count, table)
            for (a, b) in zip(input, output) where a != b {
                changed += 1
                XCTAssertTrue(corrected.contains { b.contains("\t\($0)\t") }, "\(table): \(b) changed without a correction")
            }
        }
        XCTAssertGreaterThanOrEqual(changed, 4)
    }

    /// Regression: the wall-card workbook with each run of equal 帮扶责任人 and 责任人电话 typed
    /// once and merged down (合并单元格, LibreOffice through UNO:
    /// `scripts/resave-fixtures/merge_runs_uno.py`), and 王丽娟's merged phone mistyped
    /// 13908580120 over her four households. Only a range's top cell holds the value in the
    /// file: the other 37 cards read blank cadre and phone, and the run exited 0 with one of the
    /// four mismatches, the other three cards silently saying nothing. Every row of a range
    /// reads its top cell now: four mismatches, and the rest exactly the unmerged run's findings.
    func testLegacyLayout_WallCardsWithMergedCadreCells_ReadInEveryRow() throws {
        let fm = FileManager.default
        let input = TestTemporaryFolder.root.appendingPathComponent("fivefold-legacy-merged-\(UUID().uuidString)").path
        let out = input + "-out"
        addTeardownBlock { try? fm.removeItem(atPath: input); try? fm.removeItem(atPath: out) }
        try fm.copyItem(atPath: Self.legacyInput, toPath: input)
        let merged = SampleRunTests.repo.appendingPathComponent("fixtures/resaved/merged/明白卡.xlsx").path
        try fm.removeItem(atPath: input + "/明白卡/明白卡.xlsx")
        try fm.copyItem(atPath: merged, toPath: input + "/明白卡/明白卡.xlsx")
        let workbook = try XLSXWorkbook(path: merged)
        XCTAssertEqual(try workbook.mergedRanges(of: workbook.sheet(named: "明白卡")).count, 16)

        let config = try PipelineConfig.load(path: Self.legacyPipeline)
        let options = PipelineRunner.Options(inputFolder: input, outputFolder: out, asOf: "2020-12-31", useLedger: false)
        _ = try PipelineRunner(config: config, options: options).run()
        let plain = try CSVTable(path: Self.runs.legacy + "/findings.csv").rows
        let found = try CSVTable(path: out + "/findings.csv").rows
        let typo = found.filter { $0["values"]!.hasSuffix("wall=13908580120") }
        XCTAssertEqual(typo.map { $0["household_id"]! }, ["5202031002010008", "5202031002010009", "5202031002010010", "5202031002010011"])
        XCTAssertEqual(Set(typo.map { $0["field"]! }), ["cadre_phone"])
        XCTAssertEqual(found.filter { !$0["values"]!.hasSuffix("wall=13908580120") }, plain)
    }

    /// Regression: the wall-card workbook as township offices send it, one sheet per township
    /// (LibreOffice through UNO: `scripts/resave-fixtures/split_sheets_uno.py`), read by a
    /// pipeline that names no sheet. Only the first sheet was read: exit 0 and 82 findings
    /// instead of 59, 岩脚镇's 25 cards each reported missing from the wall, nothing said. The
    /// run and `fivefold check` now warn, naming the sheets with the same header.
    func testLegacyLayout_WallCardsOneSheetPerTownship_WarnsOfTheSheetsNotRead() throws {
        let fm = FileManager.default
        let base = TestTemporaryFolder.root.appendingPathComponent("fivefold-legacy-sheets-\(UUID().uuidString)").path
        addTeardownBlock { try? fm.removeItem(atPath: base) }
        try fm.createDirectory(atPath: base, withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.legacyInput, toPath: base + "/in")
        try fm.removeItem(atPath: base + "/in/明白卡/明白卡.xlsx")
        try fm.copyItem(atPath: SampleRunTests.repo.appendingPathComponent("fixtures/resaved/sheets/明白卡.xlsx").path, toPath: base + "/in/明白卡/明白卡.xlsx")
        let vocabulary = SampleRunTests.repo.appendingPathComponent("pipelines/vocabulary.yaml").path
        let pipeline = try String(contentsOfFile: Self.legacyPipeline, encoding: .utf8)
            .replacingOccurrences(of: "      sheet: 明白卡\n", with: "")
            .replacingOccurrences(of: "\nvocabulary: vocabulary.yaml\n", with: "\nvocabulary: \(vocabulary)\n")
        XCTAssertFalse(pipeline.contains("sheet: 明白卡"))
        try pipeline.write(toFile: base + "/p.yaml", atomically: true, encoding: .utf8)

        let warning = "明白卡/明白卡.xlsx: sheet 岩脚镇 has the header of sheet 郎岱镇, the one read (the first: the pipeline names no sheet); its rows are not read, and the households in them are reported missing from this source. Put every sheet's rows into one sheet, or name the sheet to read with `sheet:`"
        let config = try PipelineConfig.load(path: base + "/p.yaml")
        let options = PipelineRunner.Options(inputFolder: base + "/in", outputFolder: base + "/out", asOf: "2020-12-31", useLedger: false)
        let summary = try PipelineRunner(config: config, options: options).run()
        XCTAssertEqual(summary.warnings, [warning])
        let check = try FivefoldProcess.run(["check", base + "/p.yaml", "--input", base + "/in"])
        XCTAssertTrue(check.stderr.contains("fivefold: warning: \(warning)"), check.stderr)
        // With the sheet named, as before: no warning.
        let named = try PipelineRunner(config: PipelineConfig.load(path: Self.legacyPipeline), options: .init(inputFolder: Self.legacyInput, outputFolder: base + "/out2", asOf: "2020-12-31", useLedger: false)).run()
        XCTAssertEqual(named.warnings, [])
    }

    private static func gb18030Lines(_ path: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        let text = try XCTUnwrap(String(data: data, encoding: gb18030), path)
        return text.components(separatedBy: "\r\n")
    }
}
