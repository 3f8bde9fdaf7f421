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

/// Runs the default pipeline on `fixtures/sample` and checks the outputs against the fixture's
/// own ground truth (`planted.csv`, `noise.csv`), row by row.
final class SampleRunTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let pipeline = repo.appendingPathComponent("pipelines/five-unities.yaml").path
    static let sample = repo.appendingPathComponent("fixtures/sample").path
    /// The sample is 2020 data and the shipped pipeline pins no date (its `as_of` is the run
    /// date), so every run of the sample says the date its data was taken, as
    /// scripts/run-sample.sh does with `--as-of 2020-12-31`.
    static let asOf = "2020-12-31"

    /// Every rule of SPEC §4: a planted case of any of them that is not found fails the test.
    /// All but `duplicate.household_id` (a 户编号 twice in one source: RepeatedHouseholdIDRuleTests),
    /// which the fixtures and the generator do not plant, since it is a defect of the export rather
    /// than of a household; `monitor.relapse`, which compares two nights through the ledger and so
    /// cannot be planted in one dataset (RelapseRunTests); and the rules of optional inputs (roster,
    /// signoff, notice), asserted on fixtures/accountability (AccountabilityRunTests): the sample
    /// has no accountability tables.
    static let assertedRules = Set(RuleRegistry.ids.filter { !RuleRegistry.optionalInputFamilies.contains($0.family) }.map(\.rawValue))
        .subtracting([RuleID.duplicateHouseholdID.rawValue, RuleID.monitorRelapse.rawValue])

    /// One run shared by the tests of this class (the pipeline is deterministic).
    static let run: (out: String, summary: RunSummary) = {
        let out = TestTemporaryFolder.root.appendingPathComponent("fivefold-e2e-\(UUID().uuidString)").path
        let config = try! PipelineConfig.load(path: pipeline)
        let runner = PipelineRunner(config: config, options: .init(inputFolder: sample, outputFolder: out, asOf: asOf))
        let summary = try! runner.run()
        return (out, summary)
    }()

    /// The run's work folder (`<out>.work-<pid>`: spill files, part files) is gone when the run
    /// returns, though its spill files are removed on a thread of their own during the assembly.
    func testRun_LeavesNoWorkFolder() throws {
        let out = Self.run.out
        let parent = (out as NSString).deletingLastPathComponent, name = (out as NSString).lastPathComponent
        let left = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.hasPrefix(name + ".work-") }
        XCTAssertEqual(left, [])
    }

    func testRun_PlantedDefectsAreFoundWithRuleHouseholdAndField() throws {
        let findings = try CSVTable(path: Self.run.out + "/findings.csv")
        let corrections = try CSVTable(path: Self.run.out + "/corrections.csv")
        let planted = try CSVTable(path: Self.sample + "/planted.csv")
        var checked = 0
        for p in planted.rows where Self.assertedRules.contains(p["rule"]!) {
            let hits = findings.rows.filter { f in
                f["rule"] == p["rule"] && f["household_id"] == p["household_id"]
                    && (p["field"]!.isEmpty || f["field"] == p["field"])
                    && (p["member_id"]!.isEmpty || f["member_id"] == p["member_id"])
                    && (p["region_code"]!.isEmpty || f["region_code"] == p["region_code"])
            }
            XCTAssertFalse(hits.isEmpty, "planted \(p) not found")
            checked += 1
            guard let hit = hits.first else { continue }
            if let action = p["expected_action"], !action.isEmpty {
                XCTAssertEqual(hit["action"], action, "action of \(p)")
            }
            if let value = p["expected_new_value"], !value.isEmpty {
                let fix = corrections.rows.first { $0["finding_id"] == hit["finding_id"] }
                XCTAssertEqual(fix?["new_value"], value, "correction of \(p)")
            }
        }
        XCTAssertEqual(Set(planted.rows.map { $0["rule"]! }), Self.assertedRules, "the fixture plants every rule")
        XCTAssertGreaterThanOrEqual(checked, planted.rows.count)
    }

    /// Every rule id the run writes is in the registry (which lists, documents and configures it).
    func testRun_EveryFindingsRuleIsRegistered() throws {
        let findings = try CSVTable(path: Self.run.out + "/findings.csv")
        let written = Set(findings.rows.map { $0["rule"]! })
        XCTAssertGreaterThan(written.count, 20)
        XCTAssertEqual(written.subtracting(RuleRegistry.ids.map(\.rawValue)), [], "rules that RuleRegistry does not list")
    }

    func testRun_FormatNoiseRaisesNoFinding() throws {
        let findings = try CSVTable(path: Self.run.out + "/findings.csv")
        let noise = try CSVTable(path: Self.sample + "/noise.csv")
        XCTAssertGreaterThan(noise.rows.count, 5)
        for n in noise.rows {
            let hits = findings.rows.filter { f in
                f["household_id"] == n["household_id"] && f["field"] == n["field"]
                    && (n["member_id"]!.isEmpty || f["member_id"] == n["member_id"])
            }
            XCTAssertTrue(hits.isEmpty, "noise \(n) raised \(hits)")
        }
    }

    func testRun_EveryCorrectedCellHasItsCorrectionRowAndViceVersa() throws {
        let config = try PipelineConfig.load(path: Self.pipeline)
        let system = config.sources.first { $0.id == .system }!
        let corrections = try CSVTable(path: Self.run.out + "/corrections.csv")
        var expected = Set(corrections.rows.map { [$0["household_id"]!, $0["member_id"]!, $0["field"]!, $0["new_value"]!] })
        XCTAssertFalse(expected.isEmpty, "the sample plants correctable mismatches")
        var seen = Set<[String]>()
        for (table, isMember) in [(system.households, false), (system.members!, true)] {
            let input = try CSVTable(path: Self.sample + "/" + table.file)
            let output = try CSVTable(path: Self.run.out + "/corrected/" + (table.file as NSString).lastPathComponent)
            XCTAssertEqual(input.header, output.header)
            XCTAssertEqual(input.rows.count, output.rows.count)
            for (a, b) in zip(input.rows, output.rows) {
                for (field, headers) in table.fields {
                    guard let column = headers.first(where: { input.header.contains($0) }) else { continue }
                    guard a[column] != b[column] else { continue }
                    let hid = a["户编号"]!.trimmingCharacters(in: .whitespaces)
                    let member = isMember ? (IDNumber.parse(a["身份证号"]!).normalized ?? a["姓名"]!) : ""
                    let key = [hid, member, field.rawValue, b[column]!]
                    XCTAssertTrue(expected.contains(key), "unexplained change \(key) (was \(a[column]!))")
                    seen.insert(key)
                }
            }
        }
        expected.subtract(seen)
        XCTAssertTrue(expected.isEmpty, "corrections not applied: \(expected)")
    }

    func testRun_CorrectedFilesKeepEncodingBOMAndUnchangedRowsByteForByte() throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: Self.sample + "/system/households.csv"))
        let output = try Data(contentsOf: URL(fileURLWithPath: Self.run.out + "/corrected/households.csv"))
        XCTAssertEqual(Array(input.prefix(3)), Array(output.prefix(3)), "BOM kept")
        let inLines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
        let outLines = output.split(separator: 0x0A, omittingEmptySubsequences: false)
        XCTAssertEqual(inLines.count, outLines.count)
        let changedHouseholds = Set(try CSVTable(path: Self.run.out + "/corrections.csv").rows.filter { $0["member_id"]!.isEmpty }.map { $0["household_id"]! })
        for (a, b) in zip(inLines, outLines) where a != b {
            let text = String(decoding: a, as: UTF8.self)
            XCTAssertTrue(changedHouseholds.contains { text.contains($0) }, "row changed without a correction: \(text)")
        }
    }

    func testRun_SummaryAccountsForEveryRow() throws {
        let summary = Self.run.summary
        XCTAssertGreaterThanOrEqual(summary.inputs.count, 10)
        for input in summary.inputs {
            XCTAssertEqual(input.read, input.accepted + input.quarantined, input.file)
            XCTAssertGreaterThan(input.read, 0, input.file)
        }
        XCTAssertGreaterThanOrEqual(summary.households, 28)
    }
}
