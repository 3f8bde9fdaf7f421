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

/// XLSX tables through the scanner, on a workbook written by the test: the sheet by name, numeric
/// IDs, row accounting (issue 13). Extra cells and date cells: `XLSXTableTests` (LibreOffice files).
final class TableScannerXLSXTests: XCTestCase {
    func testScan_NamedSheetExactAndInexactNumericIDs() throws {
        let dir = TestTemporaryFolder.root.appendingPathComponent("fivefold-xlsx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var sheet = try XLSXOutputSheet(name: "名单", columns: [XLSXColumn("身份证号"), XLSXColumn("姓名"), XLSXColumn("死亡日期")])
        try sheet.append([.number("520203670502022"), "吴春梅", "2020-03-01"])
        try sheet.append([.number("520203196705040627"), "孙小红", "2020/5/1"])
        try sheet.append(["52020319670504062X", "李四", ""])
        try XLSXWriter(sheets: [try XLSXOutputSheet(name: "说明", columns: [XLSXColumn("说明")]), sheet]).write(to: dir + "/d.xlsx")
        try """
            sources:
              system:
                households: {file: h.csv, fields: {household_id: 户编号}}
            registries:
              deaths: {file: d.xlsx, sheet: 名单, fields: {id_number: 身份证号, name: 姓名, death_date: 死亡日期}}
            """.write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let table = try PipelineConfig.load(path: dir + "/p.yaml").registries[0].table
        XCTAssertEqual(table.format, .xlsx)
        var quarantined: [QuarantinedRow] = []
        var accepted: [[String]] = []
        let stats = try TableScanner(inputFolder: dir).scan(table, sourceName: "deaths", quarantine: { quarantined.append($0) }) { record in
            accepted.append(record.fields.map(\.1))
            return nil
        }
        XCTAssertEqual([stats.read, stats.accepted, stats.quarantined], [3, 2, 1])
        XCTAssertEqual(stats.encoding, "xlsx, sheet 名单")
        XCTAssertEqual(accepted, [["520203670502022", "吴春梅", "2020-03-01"], ["52020319670504062X", "李四", ""]])
        XCTAssertEqual(quarantined.map(\.location.line), [3])
        XCTAssertEqual(quarantined.map(\.reason), ["身份证号 stored as a number by a spreadsheet: digits beyond the 15th are lost (520203196705040627)"])
        XCTAssertEqual(quarantined[0].raw, "520203196705040627,孙小红,2020/5/1")
    }

    /// A sheet whose key column (a registry's 身份证号) is blank in every row stops the scan at
    /// the key: no row would match a person. `check`'s sample (a row limit) does not throw.
    func testScan_KeyBlankInEveryRow_Throws() throws {
        let dir = TestTemporaryFolder.root.appendingPathComponent("fivefold-xlsx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var sheet = try XLSXOutputSheet(name: "名单", columns: [XLSXColumn("身份证号"), XLSXColumn("姓名")])
        try sheet.append(["", "吴春梅"])
        try sheet.append(["", "孙小红"])
        try XLSXWriter(sheets: [sheet]).write(to: dir + "/d.xlsx")
        try """
            sources:
              system:
                households: {file: h.csv, fields: {household_id: 户编号}}
            registries:
              deaths: {file: d.xlsx, fields: {id_number: 身份证号, name: 姓名}}
            """.write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let table = try PipelineConfig.load(path: dir + "/p.yaml").registries[0].table
        XCTAssertThrowsError(try TableScanner(inputFolder: dir).scan(table, sourceName: "deaths", quarantine: { _ in }) { _ in nil }) { error in
            XCTAssertTrue("\(error)".contains("registries.deaths.fields.id_number: 身份证号 (id_number) is blank in every row of d.xlsx: it is the key of this table"), "\(error)")
        }
        var stats = InputStats(source: "deaths", file: "d.xlsx")
        XCTAssertNoThrow(try TableScanner(inputFolder: dir).scanXLSX(table, path: dir + "/d.xlsx", stats: &stats, rowLimit: 1000, quarantine: { _ in }) { _ in nil })
    }
}
