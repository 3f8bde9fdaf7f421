import Foundation
import TestSupport
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// `resolution.members`: the row policies are read by the typed loader, off by default, and a
/// wrong key or value stops with file:line:column and the key path.
final class MemberRowPolicyTests: XCTestCase {
    private func load(_ resolution: String) throws -> PipelineConfig {
        let dir = TestTemporaryFolder.root.appendingPathComponent("fivefold-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("p.yaml")
        let yaml = """
            sources:
              system:
                households:
                  file: h.csv
                  fields: {household_id: 户编号}
            resolution:
            \(resolution)
            """
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: file.path)
    }

    private func expectError(_ resolution: String, keyPath: String, contains text: String, line: Int, testLine: UInt = #line) {
        do {
            _ = try load(resolution)
            XCTFail("expected a PipelineError", line: testLine)
        } catch let error as PipelineError {
            XCTAssertEqual(error.keyPath, keyPath, line: testLine)
            XCTAssertEqual(error.line, line, "\(error)", line: testLine)
            XCTAssertNotNil(error.column, line: testLine)
            XCTAssertTrue(error.description.contains(text), "\(error)", line: testLine)
            XCTAssertTrue(error.description.contains("p.yaml:\(line):"), "\(error)", line: testLine)
        } catch {
            XCTFail("unexpected error \(error)", line: testLine)
        }
    }

    func testMemberRowPolicy_DefaultsAreOffAndConservative() throws {
        let policy = try load("  default: {min_agree: 2}").resolution.members
        XCTAssertFalse(policy.add.enabled)
        XCTAssertFalse(policy.remove.enabled)
        XCTAssertFalse(policy.duplicatePerson.enabled)
        XCTAssertEqual(policy.add.minAgree, 3)
        XCTAssertEqual(policy.add.require, [.hukou])
        XCTAssertEqual(policy.remove.requireAbsent, [.hukou])
        XCTAssertEqual(policy.duplicatePerson.authoritative, [.hukou])
    }

    func testMemberRowPolicy_ReadsEveryKey() throws {
        let policy = try load("""
              members:
                add: {enabled: true, min_agree: 2, require: [hukou, archive]}
                remove: {enabled: true, min_agree: 4, require_absent: [hukou, wall]}
                duplicate_person: {enabled: true, authoritative: [hukou]}
            """).resolution.members
        XCTAssertEqual(policy.add, MemberRowPolicy.Add(enabled: true, minAgree: 2, require: [.hukou, .archive]))
        XCTAssertEqual(policy.remove, MemberRowPolicy.Remove(enabled: true, minAgree: 4, requireAbsent: [.hukou, .wall]))
        XCTAssertTrue(policy.duplicatePerson.enabled)
    }

    func testMemberRowPolicy_UnknownKeyNamesFileLineAndKeyPath() {
        expectError("""
              members:
                add: {enabled: true, min_agre: 3}
            """, keyPath: "resolution.members.add.min_agre", contains: "unknown key \"min_agre\"", line: 8)
        expectError("""
              members:
                delete: {enabled: true}
            """, keyPath: "resolution.members.delete", contains: "expected one of: add, remove, duplicate_person", line: 8)
    }

    func testMemberRowPolicy_WrongValueNamesKeyPathAndExpectation() {
        expectError("""
              members:
                remove: {enabled: maybe}
            """, keyPath: "resolution.members.remove.enabled", contains: "expected true or false", line: 8)
        expectError("""
              members:
                add: {min_agree: 0}
            """, keyPath: "resolution.members.add.min_agree", contains: "expected a whole number in 1...10", line: 8)
        expectError("""
              members:
                add: {require: [hukou, system]}
            """, keyPath: "resolution.members.add.require[1]", contains: "expected one of archive, wall, interview, verification, hukou", line: 8)
        expectError("""
              members:
                duplicate_person: {authoritative: [archive]}
            """, keyPath: "resolution.members.duplicate_person.authoritative[0]", contains: "expected one of hukou", line: 8)
    }
}
