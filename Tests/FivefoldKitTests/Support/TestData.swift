import Foundation
import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Builders for in-memory households, members and contexts used across the unit tests.
enum TestData {
    /// A field value whose normalised form is the given canonical text (blank when empty).
    static func value(_ text: String) -> FieldValue {
        FieldValue(raw: text, normalized: text.isEmpty ? nil : text)
    }

    static func member(_ fields: [FieldID: String], source: SourceID = .system) -> MemberRecord {
        MemberRecord(source: source, location: SourceLocation(file: "\(source).csv", line: 2),
                     fields: FieldMap(fields.mapValues(value)))
    }

    static func household(_ fields: [FieldID: String], source: SourceID = .system, members: [MemberRecord] = []) -> HouseholdRecord {
        HouseholdRecord(source: source, location: SourceLocation(file: "\(source).csv", line: 2),
                        fields: FieldMap(fields.mapValues(value)), members: members)
    }

    static func `case`(_ records: [HouseholdRecord], registries: Registries = Registries()) -> HouseholdCase {
        var c = HouseholdCase(householdID: records[0].householdID)
        for r in records { c.records[r.source] = r }
        MemberLinker().link(&c, registries: registries)
        return c
    }

    /// A pipeline config with the given rules section (YAML), otherwise minimal.
    static func config(rules: String = "", resolution: String = "") throws -> PipelineConfig {
        let dir = TestTemporaryFolder.root.appendingPathComponent("fivefold-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("p.yaml")
        let yaml = """
            sources:
              system:
                households: {file: h.csv, fields: {household_id: 户编号}}
            \(rules.isEmpty ? "" : "rules:\n" + rules)
            \(resolution.isEmpty ? "" : "resolution:\n" + resolution)
            """
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: file.path)
    }

    static func context(rules: String = "", asOf: String = "2020-12-31", registries: Registries = Registries()) throws -> RuleContext {
        RuleContext(config: try config(rules: rules), asOf: DateParser.parse(asOf)!, registries: registries)
    }

    /// Runs one case rule and returns its findings.
    static func findings(_ rule: CaseRule, _ c: HouseholdCase, context: RuleContext) -> [Finding] {
        var sink = FindingSink(settings: context.settings)
        rule.check(c, context: context, sink: &sink)
        return sink.findings
    }

    /// A valid 18-digit ID number for a birth date and sex (check character computed here).
    static func id(birth: String, serial: Int, male: Bool, region: String = "520203") -> String {
        var seq = serial * 2 + (male ? 1 : 0)
        seq %= 1000
        let body = region + birth + String(format: "%03d", seq)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}
