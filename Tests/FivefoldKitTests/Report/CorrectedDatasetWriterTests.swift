import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Row changes in `corrected/`: a removed member's row is left out, an added member's row is
/// appended in the input's dialect, and every other byte is copied as it was.
final class CorrectedDatasetWriterTests: XCTestCase {
    let dir = TempDir()
    let head = TestData.id(birth: "19700101", serial: 1, male: true)
    let ghost = TestData.id(birth: "19800101", serial: 3, male: false)
    let child = TestData.id(birth: "20050505", serial: 5, male: true)

    func membersTable(_ file: String) throws -> TableConfig {
        let yaml = """
            sources:
              system:
                households: {file: h.csv, fields: {household_id: 户编号}}
                members: {file: \(file), fields: {household_id: 户编号, id_number: 身份证号, name: 姓名, relation: 与户主关系}}
            """
        let path = dir.url.appendingPathComponent("p.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: path).sources[0].members!
    }

    var writer: CorrectedDatasetWriter {
        let row = { (id: String, old: String, new: String) in
            Correction(findingID: "f", householdID: "H1", memberID: id, field: MemberRowPolicy.field, oldValue: old, newValue: new, evidence: "", policy: "")
        }
        let cell = { (field: FieldID, value: String) in
            Correction(findingID: "f", householdID: "H1", memberID: self.child, field: field, oldValue: "", newValue: value, evidence: "", policy: "")
        }
        return CorrectedDatasetWriter(
            corrections: [row(ghost, "present", "removed"), row(child, "absent", "added"), cell(.idNumber, child), cell(.name, "王小"), cell(.relation, "之子")],
            normalizer: FieldNormalizer(vocabulary: Vocabulary()))
    }

    func testCopy_DropsTheRemovedRowAndAppendsTheAddedOneKeepingBOMAndCRLF() throws {
        let input = "\u{FEFF}户编号,身份证号,姓名,与户主关系,备注\r\nH1,\(head),王大,户主,\"a,b\"\r\nH1,\(ghost),鬼,其他,\r\nH2,\(ghost),鬼,之女,\r\n"
        let path = dir.write("m.csv", Array(input.utf8))
        let out = dir.url.appendingPathComponent("out.csv").path
        let counts = try writer.copy(table: try membersTable("m.csv"), level: .member, inputPath: path, outputPath: out)
        XCTAssertEqual(counts, CorrectedDatasetWriter.Counts(cells: 0, droppedRows: 1, addedRows: 1))
        let expected = "\u{FEFF}户编号,身份证号,姓名,与户主关系,备注\r\nH1,\(head),王大,户主,\"a,b\"\r\nH2,\(ghost),鬼,之女,\r\nH1,\(child),王小,之子,\r\n"
        XCTAssertEqual(String(decoding: FileManager.default.contents(atPath: out)!, as: UTF8.self), expected)
    }

    func testWriteXLSX_DropsAndAppendsRowsInTheCSVCopy() throws {
        var sheet = try XLSXOutputSheet(name: "成员", columns: ["户编号", "身份证号", "姓名", "与户主关系"].map { XLSXColumn($0) })
        try sheet.append(["H1", head, "王大", "户主"].map { XLSXOutputCell($0) })
        try sheet.append(["H1", ghost, "鬼", "其他"].map { XLSXOutputCell($0) })
        let path = dir.url.appendingPathComponent("m.xlsx").path
        try XLSXWriter(sheets: [sheet]).write(to: path)
        let out = dir.url.appendingPathComponent("out.csv").path
        let counts = try writer.writeXLSX(table: try membersTable("m.xlsx"), level: .member, inputPath: path, outputPath: out)
        XCTAssertEqual(counts, CorrectedDatasetWriter.Counts(cells: 0, droppedRows: 1, addedRows: 1))
        var rows: [[String]] = []
        let reader = try CSVReader(path: out)
        rows.append(reader.header)
        _ = try reader.read({ row in rows.append((0..<row.fieldCount).map { row.string(at: $0) }) }, quarantine: { _ in })
        XCTAssertEqual(rows, [["户编号", "身份证号", "姓名", "与户主关系"], ["H1", head, "王大", "户主"], ["H1", child, "王小", "之子"]])
    }
}
