import XCTest

@testable import FivefoldKit
import TestSupport

final class WorklistMaskTests: XCTestCase {
    func testMask_HidesBirthDateDigitsOfEveryIDInText() {
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "520203199001011234"), "520203********1234")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "张三（52020319900101123X）与52020320100101002x"),
                       "张三（520203********123X）与520203********002x")
    }

    func testMask_LeavesOtherNumbersAlone() {
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "电话13800138000"), "电话13800138000")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "5202031990010112345"), "5202031990010112345", "19 digits is not an ID")
    }

    func testMask_OffWhenPipelineSaysSo() {
        XCTAssertEqual(WorklistWriter(maskIDs: false).mask("520203199001011234"), "520203199001011234")
    }
}

/// A worklist written to disk and parsed back as a field team's spreadsheet would read it.
final class WorklistFileTests: XCTestCase {
    func entry(_ village: String, _ cadre: String, township: String = "郎岱镇") -> HouseholdDirectory.Entry {
        HouseholdDirectory.Entry(township: township, village: village, headName: "户主", cadreName: cadre, cadrePhone: "13908580201")
    }

    /// The .xlsx drop-down for 核实结果: the field's code list plus the verdicts, verdicts alone
    /// for an item about no field, none for free values; everything offered is accepted by
    /// `fivefold signoff`.
    func testVerificationChoices_CodeListsAndVerdicts() throws {
        let vocabulary = ShippedVocabulary.vocabulary
        let status = try XCTUnwrap(WorklistWriter.verificationChoices(field: "status", memberID: "", vocabulary: vocabulary))
        XCTAssertEqual(status, vocabulary.table("status")!.values + ["属实", "不属实"])
        XCTAssertTrue(status.contains("未脱贫"))
        XCTAssertEqual(WorklistWriter.verificationChoices(field: "", memberID: "", vocabulary: vocabulary), ["属实", "不属实"])
        XCTAssertNil(WorklistWriter.verificationChoices(field: "grain_kg", memberID: "", vocabulary: vocabulary))
        XCTAssertNil(WorklistWriter.verificationChoices(field: "cadre_name", memberID: "", vocabulary: vocabulary))
        XCTAssertEqual(WorklistWriter.verificationChoices(field: "medical_insured", memberID: "52020319900101123X", vocabulary: vocabulary)?.suffix(2), ["属实", "不属实"])
        // Every choice passes the sign-off's normaliser for the field.
        let normalizer = FieldNormalizer(vocabulary: vocabulary)
        for choice in status.dropLast(2) {
            XCTAssertEqual(normalizer.normalize(choice, kind: .enumeration("status")).normalized, choice)
        }
    }

    func testWrittenWorklist_HasBOMChineseHeadersSortingMaskingAndNoFormulas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fivefold-wl-\(UUID().uuidString)").path
        let id = "520203199001011234"
        func finding(_ hid: String, _ message: String, values: [(source: SourceID, value: String)] = [], member: String = "") -> Finding {
            Finding(rule: "unify.mismatch", severity: .warning, regionCode: "520203100201", householdID: hid, memberID: member,
                    field: "income_per_capita", values: values, action: .worklist, message: message)
        }
        let findings = [
            finding("H3", "乙村 张干部", values: [(.system, "=HYPERLINK(\"http://x\")"), (.wall, "-3500")]),
            finding("H1", "甲村 王干部", member: id),
            finding("H2", "甲村 李干部", values: [(.archive, "+1"), (.interview, "@SUM(A1)")]),
            finding("H4", "\t换行", values: [(.verification, "\r5200")]),
            Finding(rule: "village.class", severity: .warning, regionCode: "520203100201", action: .info, message: "不进工作单"),
        ]
        var directory = HouseholdDirectory()
        for (hid, e) in [("H1", entry("甲村", "王干部")), ("H2", entry("甲村", "李干部")), ("H3", entry("乙村", "张干部")), ("H4", entry("丙村", "赵干部"))] {
            var c = HouseholdCase(householdID: hid)
            c.records[.system] = TestData.household([.householdID: hid, .township: e.township, .village: e.village, .headName: e.headName,
                                                     .cadreName: e.cadreName, .cadrePhone: e.cadrePhone])
            directory.add(c)
        }
        let counts = try WorklistWriter(maskIDs: true).write(findings, directory: directory, folder: folder)
        XCTAssertEqual(counts, ["郎岱镇.csv": 4], "info findings stay off the worklists")

        let path = folder + "/郎岱镇.csv"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM so Excel reads it")
        let table = try CSVTable(path: path)
        XCTAssertEqual(table.header, WorklistWriter.header)
        XCTAssertTrue(table.header.contains("核实结果") && table.header.contains("核实人") && table.header.contains("核实日期"))
        // Sorted by village, then cadre (Unicode order of the names): 丙村 < 乙村 < 甲村; 李 < 王.
        XCTAssertEqual(table.rows.map { $0["户编号"]! }, ["H4", "H3", "H2", "H1"])
        XCTAssertEqual(table.rows.map { $0["核实结果"]! }, ["", "", "", ""])
        // ID numbers masked.
        XCTAssertEqual(table.rows[3]["成员"], "520203********1234")
        XCTAssertFalse(String(decoding: bytes, as: UTF8.self).contains(id))
        // Every cell that a spreadsheet would run as a formula is neutralised.
        for row in table.rows {
            for (header, cell) in row {
                if let first = cell.unicodeScalars.first {
                    XCTAssertFalse("=+-@\t\r".unicodeScalars.contains(first), "\(header): \(cell)")
                }
            }
        }
        XCTAssertEqual(table.rows[1]["系统值"], "'=HYPERLINK(\"http://x\")")
        XCTAssertEqual(table.rows[1]["明白卡值"], "'-3500")
        XCTAssertEqual(table.rows[2]["走访值"], "'@SUM(A1)")
        XCTAssertEqual(table.rows[0]["核查值"], "'\r5200")
    }
}
