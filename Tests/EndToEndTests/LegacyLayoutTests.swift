import Foundation
import XCTest

@testable import FivefoldKit
import TestSupport

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
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("fivefold-legacy-\(UUID().uuidString)").path
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
        let foundByID = Dictionary(found.rows.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        for row in expected.rows {
            XCTAssertEqual(foundByID[key(row)], row, "finding \(row["rule"]!) \(row["household_id"]!) \(row["member_id"]!) \(row["field"]!)")
        }
        XCTAssertEqual(Set(found.rows.map(key)), Set(expected.rows.map(key)))
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
            let a = try Data(contentsOf: URL(fileURLWithPath: Self.runs.sample + "/worklists/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: Self.runs.legacy + "/worklists/" + name))
            XCTAssertEqual(a, b, "worklists/\(name)")
        }
    }

    func testLegacyLayout_EveryRowAccountedAndNoneQuarantined() throws {
        let summary = Self.runs.legacySummary
        XCTAssertEqual(summary.inputs.count, 16, "5 sources (system in two tables), 8 registries, villages")
        for input in summary.inputs {
            XCTAssertEqual(input.read, input.accepted + input.quarantined, input.file)
            XCTAssertEqual(input.quarantined, 0, input.file)
            XCTAssertGreaterThan(input.read, 0, input.file)
        }
    }
}
