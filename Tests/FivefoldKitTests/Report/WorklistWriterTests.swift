import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class WorklistMaskTests: XCTestCase {
    func testMask_HidesBirthDateDigitsOfEveryIDInText() {
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "520203199001011234"), "520203********1234")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "张三（52020319900101123X）与52020320100101002x"),
                       "张三（520203********123X）与520203********002x")
    }

    func testMask_LeavesOtherNumbersAlone() {
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "电话13800138000"), "电话13800138000")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "5202031990010112345"), "5202031990010112345", "19 digits is not an ID")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "同时登记在2户：5202031002020006、5202031002020007"), "同时登记在2户：5202031002020006、5202031002020007",
                       "16-digit 户编号 stay")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "520203100201"), "520203100201", "a region code stays")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "注册号520203123456789"), "注册号520203123456789", "15 digits without a month and day stay")
    }

    /// What the ID rules flag and print in their messages is masked too: a 17-digit number (a
    /// digit lost) and a first-generation 15-digit one (its YYMMDD).
    func testMask_HidesMalformedAndFirstGenerationIDs() {
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "成员龙秀英的身份证号“52020319709082888”格式错误"), "成员龙秀英的身份证号“520203********888”格式错误")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "520203660812123"), "520203******123")
        XCTAssertEqual(WorklistWriter.maskIDNumbers(in: "旧证520203660812123，新证520203196608121230"), "旧证520203******123，新证520203********1230")
    }

    func testMask_ByteLookAgreesWithTheCharacterScanOnRandomText() {
        // The byte look only skips texts without 17 ASCII digits in a row. Random texts of digits,
        // X, Chinese, full-width digits and a digit with a combining keycap (one character, not
        // an ASCII digit) are masked exactly as the character scan alone masks them.
        func characterScan(_ text: String) -> String {
            // Maximal runs of ASCII-digit characters, judged by their length (see maskIDNumbers).
            var chars = Array(text)
            var i = 0
            while i < chars.count {
                guard chars[i].isASCIIDigit else { i += 1; continue }
                var j = i
                while j < chars.count, chars[j].isASCIIDigit { j += 1 }
                let run = j - i
                if run == 17 || run == 18 {
                    for k in (i + 6)..<(i + 14) { chars[k] = "*" }
                } else if run == 15, let mm = Int(String(chars[(i + 8)..<(i + 10)])), let dd = Int(String(chars[(i + 10)..<(i + 12)])),
                          (1...12).contains(mm), (1...31).contains(dd) {
                    for k in (i + 6)..<(i + 12) { chars[k] = "*" }
                }
                i = j
            }
            return String(chars)
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["5", "2", "0", "1", "9", "X", "x", "张", "，", "５", "1\u{20E3}", " ", "520203199001011", "52020319900101123", "520203900101"]
        var masked = 0
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = characterScan(text)
            XCTAssertEqual(WorklistWriter.maskIDNumbers(in: text), expected, text)
            if expected != text { masked += 1 }
        }
        XCTAssertGreaterThan(masked, 50, "the random texts include IDs")
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
        let folder = TestTemporaryFolder.root.appendingPathComponent("fivefold-wl-\(UUID().uuidString)").path
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

    /// 其他来源 is read by field cadres: the registries of the shipped pipeline, the rules' evidence
    /// and a system field cited beside another are named in Chinese; a registry a pipeline names
    /// itself is shown as written.
    func testOtherSourcesColumn_SpeaksChinese() throws {
        func other(_ values: [(source: SourceID, value: String)]) throws -> String {
            let f = Finding(rule: "registry.vehicle", severity: .warning, regionCode: "520203100201", householdID: "H1",
                            field: "", values: [(.system, "x")] + values, action: .worklist, message: "核实")
            let item = try XCTUnwrap(WorklistWriter(maskIDs: true).item(f, entry: entry("甲村", "王干部")))
            return item.row[WorklistWriter.header.firstIndex(of: "其他来源")!]
        }
        XCTAssertEqual(try other([("vehicles", "小型轿车 贵BA7306")]), "车辆登记=小型轿车 贵BA7306")
        XCTAssertEqual(try other([("identified_year", "2015"), ("status", "未脱贫")]), "识别年度=2015；脱贫状态=未脱贫")
        XCTAssertEqual(try other([("four_looks", "房0+粮0+劳0+学0"), ("line", "4000"), ("public_employees", "县财政局")]),
                       "四看法=房0+粮0+劳0+学0；脱贫标准=4000；财政供养人员=县财政局")
        XCTAssertEqual(try other([("deaths", "2020-11-20"), ("members", "520203199001011234")]), "死亡登记=2020-11-20；成员=520203********1234")
        XCTAssertEqual(try other([("县民政低保名单", "是")]), "县民政低保名单=是")
        // No English evidence key left in the worklists of the sample.
        for key in ["deaths", "public_employees", "vehicles", "property", "businesses", "students", "insurance", "four_looks", "facts",
                    "line", "members", "id_number", "identified_year", "exit_year", "status", "roster", "signoffs", "notices"] {
            XCTAssertNil(SourceID(key).chineseLabel.unicodeScalars.first { $0.isASCII }, key)
        }
    }

    /// The .xlsx beside the CSV: the same rows, ids as text cells (a 16-digit 户编号 a number would
    /// round), 核实结果 drop-downs per item (code list + verdicts, verdicts alone, or none), the
    /// verify columns editable, the message wrapped.
    func testWrittenWorkbook_SameRowsTextIDsAndDropDownsPerItem() throws {
        let folder = TestTemporaryFolder.root.appendingPathComponent("fivefold-wlx-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let findings = [
            Finding(rule: "value.invalid", severity: .warning, regionCode: "520203100201", householdID: "5202031002010001", field: "status",
                    values: [(.system, "待核实")], message: "脱贫状态无效"),
            Finding(rule: "unify.mismatch", severity: .warning, regionCode: "520203100201", householdID: "5202031002010002", field: "income_per_capita",
                    values: [(.system, "3000"), (.verification, "5000")], message: "人均纯收入不一致"),
            Finding(rule: "unify.missing", severity: .warning, regionCode: "520203100201", householdID: "5202031002010003", message: "核查中无此户"),
        ]
        var directory = HouseholdDirectory()
        for hid in findings.map(\.householdID) {
            var c = HouseholdCase(householdID: hid)
            c.records[.system] = TestData.household([.householdID: hid, .township: "郎岱镇", .village: "青菜塘村", .headName: "王德明", .cadreName: "李明", .cadrePhone: "13908580101"])
            directory.add(c)
        }
        try WorklistWriter(maskIDs: true).write(findings, directory: directory, folder: folder, vocabulary: ShippedVocabulary.vocabulary)
        let csv = try CSVTable(path: folder + "/郎岱镇.csv")
        let path = folder + "/郎岱镇.xlsx"
        let workbook = try XLSXWorkbook(path: path)
        var rows: [XLSXRow] = []
        try workbook.readRows(of: try workbook.sheet(at: 0)) { rows.append($0); return true }
        XCTAssertEqual(rows[0].cells.map(\.displayText), WorklistWriter.header)
        XCTAssertEqual(rows.dropFirst().map { $0.cells.map(\.displayText) + Array(repeating: "", count: WorklistWriter.header.count - $0.cells.count) },
                       csv.rows.map { row in WorklistWriter.header.map { row[$0]! } })
        let household = WorklistWriter.header.firstIndex(of: "户编号")!, id = WorklistWriter.header.firstIndex(of: "问题编号")!
        for row in rows.dropFirst() {
            guard case .text(let text) = row[household], text.count == 16 else { return XCTFail("户编号 not a text cell: \(row[household])") }
            guard case .text(let fid) = row[id], fid.hasPrefix("F") else { return XCTFail("问题编号 not a text cell: \(row[id])") }
        }
        // Rows are sorted by household here: 0001 status, 0002 income, 0003 no field.
        let lists = try xmlPart(path, "xl/worksheets/sheet1.xml").attributes(of: "dataValidation").map { $0["sqref"]! }
        let formulas = try xmlPart(path, "xl/worksheets/sheet1.xml").elements("formula1").map { $0.stringValue! }
        let status = ShippedVocabulary.vocabulary.table("status")!.values.joined(separator: ",")
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: zip(lists, formulas)), ["S2": "\"\(status),属实,不属实\"", "S4": "\"属实,不属实\""],
                       "no list for 人均纯收入 (row 3), a free number")
        let columns = WorklistWriter.xlsxColumns
        XCTAssertEqual(columns.filter(\.editable).map(\.title), ["核实结果", "核实人", "核实日期"])
        XCTAssertEqual(columns.filter(\.wrap).map(\.title), ["其他来源", "核实内容"])
        XCTAssertEqual(columns.filter { $0.kind == .general }.map(\.title), ["核实日期"], "every other column is text")
        XCTAssertEqual(try xmlPart(path, "xl/worksheets/sheet1.xml").attributes(of: "pane").first?["state"], "frozen")
    }

    /// Two townships whose names differ only in a character a file name cannot hold (城关/东 and
    /// 城关_东) shared the file 城关_东.csv, and the one written last replaced the other's items.
    /// Each now has its own file, the later in name order with _2; written on two threads as the
    /// pipeline writes them, the same files.
    func testTownshipsWithTheSameFileName_EachKeepTheirItems() throws {
        func items(_ township: String, _ n: Int) -> [WorklistWriter.Item] {
            (0..<n).map { i in
                let f = Finding(rule: "unify.mismatch", severity: .warning, regionCode: "520203100201", householdID: "\(township)-\(i)",
                                field: "income_per_capita", action: .worklist, message: "核实")
                return WorklistWriter(maskIDs: false).item(f, entry: entry("甲村", "王干部", township: township))!
            }
        }
        let all = items("城关/东", 2) + items("城关_东", 3) + items("郎岱镇", 1)
        let inTurn = TestTemporaryFolder.root.appendingPathComponent("fivefold-wl-\(UUID().uuidString)").path
        let counts = try WorklistWriter.write(items: all, folder: inTurn, vocabulary: Vocabulary())
        XCTAssertEqual(counts, ["城关_东.csv": 2, "城关_东_2.csv": 3, "郎岱镇.csv": 1])
        XCTAssertEqual(try CSVTable(path: inTurn + "/城关_东.csv").rows.count, 2)
        XCTAssertEqual(try CSVTable(path: inTurn + "/城关_东_2.csv").rows.count, 3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: inTurn + "/城关_东_2.xlsx"))

        let threads = TestTemporaryFolder.root.appendingPathComponent("fivefold-wl-\(UUID().uuidString)").path
        let twoAtATime: WorklistWriter.Runner = { count, body in
            let failures = FailureBox()
            DispatchQueue.concurrentPerform(iterations: count) { i in
                do { try body(i) } catch { failures.add(error) }
            }
            if let error = failures.first { throw error }
        }
        XCTAssertEqual(try WorklistWriter.write(items: all, folder: threads, vocabulary: Vocabulary(), run: twoAtATime), counts)
        for name in counts.keys {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: threads + "/" + name)),
                           try Data(contentsOf: URL(fileURLWithPath: inTurn + "/" + name)), name)
        }
    }
}

/// Errors thrown on several threads, kept under a lock.
private final class FailureBox: @unchecked Sendable {
    private var errors: [Error] = []
    private let lock = NSLock()
    func add(_ error: Error) { lock.lock(); errors.append(error); lock.unlock() }
    var first: Error? { lock.lock(); defer { lock.unlock() }; return errors.first }
}
