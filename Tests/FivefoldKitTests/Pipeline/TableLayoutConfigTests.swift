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

/// The table keys of issue 13: field forms with `optional`, `header_row` / `skip_rows`,
/// `ragged`, `member_separator`; and the closest-header folding used in mapping errors.
final class TableLayoutConfigTests: XCTestCase {
    private func load(_ table: String) throws -> TableConfig {
        let dir = TestTemporaryFolder.root.appendingPathComponent("fivefold-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("p.yaml")
        try "sources:\n  wall:\n    households:\n\(table)\n  system:\n    households: {file: h.csv, fields: {household_id: 户编号}}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: file.path).sources[0].households
    }

    func testFieldForms_StringListAndMappingWithOptional() throws {
        let table = try load("""
                  file: w.csv
                  fields:
                    household_id: 户编号
                    size: [家庭人口数, 家庭人口]
                    income_per_capita: {name: 人均纯收入, optional: true}
                    cadre_name: {aliases: [帮扶责任人, 帮扶人]}
            """)
        XCTAssertEqual(table.mapped.map(\.names), [["户编号"], ["家庭人口数", "家庭人口"], ["人均纯收入"], ["帮扶责任人", "帮扶人"]])
        XCTAssertEqual(table.mapped.map(\.optional), [false, false, true, false])
        XCTAssertEqual(table.mapped[2].keyPath, "sources.wall.households.fields.income_per_capita")
        XCTAssertEqual(table.mapped[2].line, 8)
        XCTAssertEqual(table.mapped[2].column, 9)
        XCTAssertEqual(table.fields.map(\.field), ["household_id", "size", "income_per_capita", "cadre_name"])
    }

    func testLayoutKeys_HeaderRowSkipRowsRaggedSeparator() throws {
        let a = try load("      {file: w.csv, header_row: 3, ragged: pad, member_separator: \"、 \", fields: {household_id: 户编号, member_names: 家庭成员}}")
        XCTAssertEqual(a.headerRow, 3)
        XCTAssertEqual(a.ragged, .pad)
        XCTAssertEqual(a.memberSeparators, "、 ")
        let b = try load("      {file: w.csv, skip_rows: 2, fields: {household_id: 户编号}}")
        XCTAssertEqual(b.headerRow, 3)
        XCTAssertEqual(b.ragged, .quarantine)
        XCTAssertEqual(b.memberSeparators, "、，,；; \u{3000}/／|｜\n\r\t")
    }

    func testLayoutKeys_MistakesAreErrorsAtTheirKey() {
        let cases: [(String, String)] = [
            ("      {file: w.csv, header_row: 2, skip_rows: 1, fields: {household_id: 户编号}}", "give header_row or skip_rows, not both"),
            ("      {file: w.csv, ragged: drop, fields: {household_id: 户编号}}", "expected one of quarantine, pad"),
            ("      {file: w.csv, member_separator: \"、\", fields: {household_id: 户编号}}", "which this table does not map"),
            ("      {file: w.csv, fields: {household_id: {optional: true}}}", "expected name: HEADER or aliases"),
            ("      {file: w.csv, fields: {household_id: {name: 户编号, optinal: true}}}", "unknown key \"optinal\""),
            ("      {file: w.xml, record_path: a/b, header_row: 2, fields: {household_id: 户编号}}", "apply to csv"),
        ]
        for (yaml, message) in cases {
            XCTAssertThrowsError(try load(yaml), message) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
                XCTAssertTrue("\(error)".contains("sources.wall.households"), "\(error)")
            }
        }
    }

    func testHeaderMatcher_FoldsWidthBracketsUnitsAndSpace() {
        XCTAssertEqual(HeaderMatcher.fold("注册资本（万元）"), "注册资本")
        XCTAssertEqual(HeaderMatcher.fold("住房面积【㎡】"), "住房面积")
        XCTAssertEqual(HeaderMatcher.fold(" 粮食产量 (公斤)"), "粮食产量")
        XCTAssertEqual(HeaderMatcher.fold("县(市、区)"), "县市、区")
        XCTAssertEqual(HeaderMatcher.closest(to: ["注册资本(万元)"], among: ["身份证号", "注册资本（万元）"]), "注册资本（万元）")
        XCTAssertEqual(HeaderMatcher.closest(to: ["人均纯收入"], among: ["户编号", "人均纯收入(元)"]), "人均纯收入(元)")
        XCTAssertEqual(HeaderMatcher.closest(to: ["帮扶责任人"], among: ["户编号", "帮扶责任 人员"]), "帮扶责任 人员")
        XCTAssertNil(HeaderMatcher.closest(to: ["户主姓名"], among: ["户编号", "粮食产量"]))
    }

    /// Width is the one difference a header may have from its mapped name and still be read:
    /// `人均纯收入（元）` typed with a Chinese input method is `人均纯收入(元)`. A unit is not
    /// (万元 against 元 is a factor of 10 000), nor are brackets that differ in kind.
    func testResolveColumns_MatchesFullWidthFormsOfAName_NothingElse() throws {
        XCTAssertEqual(HeaderMatcher.widthFolded("人均纯收入（元）"), "人均纯收入(元)")
        XCTAssertEqual(HeaderMatcher.widthFolded("县（市、区）"), "县(市、区)")
        XCTAssertEqual(HeaderMatcher.widthFolded("ＩＤ　１"), "ID 1")
        XCTAssertEqual(HeaderMatcher.widthFolded("注册资本【万元】"), "注册资本【万元】")
        let table = try load("      file: w.csv\n      fields: {household_id: 户编号, income_per_capita: [人均纯收入, 人均纯收入(元)], cause: {name: 主要致贫原因（一）, optional: true}}")
        let resolved = TableScanner.resolveColumns(table, header: ["户编号", "人均纯收入（元）", "主要致贫原因(一)"])
        XCTAssertEqual(resolved.missing.map(\.message), [])
        XCTAssertEqual(resolved.columns.map(\.0), [.householdID, .incomePerCapita, .cause])
        XCTAssertEqual(resolved.columns.map(\.1), [0, 1, 2])
        XCTAssertEqual(TableScanner.absentOptional(table, header: ["户编号", "人均纯收入(元)", "主要致贫原因(一)"]), [])
        XCTAssertEqual(TableScanner.absentOptional(table, header: ["户编号", "人均纯收入(元)"]), ["cause"])
        // Another unit, or 【】 for (): not the same name; the error names the closest header.
        for header in [["户编号", "人均纯收入（万元）"], ["户编号", "人均纯收入【元】"]] {
            let missing = TableScanner.resolveColumns(table, header: header).missing
            XCTAssertEqual(missing.count, 1, "\(header)")
            XCTAssertTrue(missing.first?.message.contains("closest: \"\(header[1])\"") ?? false, "\(missing)")
        }
        // Both widths in one file: which one is meant cannot be told.
        let both = TableScanner.resolveColumns(table, header: ["户编号", "人均纯收入(元)", "人均纯收入（元）"]).missing
        XCTAssertEqual(both.count, 1)
        XCTAssertTrue(both.first?.message.contains("has 2 columns named") ?? false, "\(both)")
    }
}
