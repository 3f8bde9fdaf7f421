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

/// Matching returned rows whose id columns a spreadsheet turned into numbers (issue 14): each
/// rendering of an all-digit 问题编号 and of the 户编号, the ambiguous case refused naming the cause.
final class SignoffImporterTests: XCTestCase {
    var folder: String!
    let household = "5202031012020002"

    override func setUpWithError() throws {
        folder = TestTemporaryFolder.root.appendingPathComponent("fivefold-signoff-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A finding of `household` whose hex id is all digits (about one id in 2,000): the
    /// discriminators were found by trying `d0`, `d1`, … (see the hex ids asserted).
    func allDigitFinding(_ discriminator: String, hex: String) -> Finding {
        let f = Finding(rule: "household.no_cadre", severity: .warning, regionCode: "520203101202", householdID: household, message: "m", discriminator: discriminator)
        XCTAssertEqual(f.id, "F" + hex)
        return f
    }

    func ledger(with findings: [Finding]) throws -> Ledger {
        let ledger = try Ledger(path: folder + "/l.sqlite")
        let staging = folder + "/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let identity = RunIdentity(
            pipeline: "p", pipelinePath: "/p.yaml", pipelineHash: "ph", inputFolder: "/in", inputs: [], signoffHash: "",
            asOf: "2020-12-31", outputFolder: folder + "/out")
        try ledger.recordRun(identity, started: Date(), body: { recorder in
            (try recorder.classify(findings.map(FindingRow.init)), RunCounts(households: 1, findings: findings.count, corrections: 0, worklistItems: 0))
        }, publish: { try OutputFolder.replace(self.folder + "/out", with: staging) })
        return ledger
    }

    func importer(_ ledger: Ledger) -> SignoffImporter {
        SignoffImporter(ledger: ledger, normalizer: FieldNormalizer(vocabulary: Vocabulary()), today: CivilDate(year: 2021, month: 3, day: 1)!)
    }

    func testResolve_EachSpreadsheetRenderingOfAnAllDigitID() throws {
        let target = allDigitFinding("d8468", hex: "5052246813107652")
        let zero = allDigitFinding("d118070", hex: "0976688303402599")
        let importer = importer(try ledger(with: [target, zero]))
        let hex = String(target.id.dropFirst())
        let short = String(format: "%.5E", Double(hex)!)  // 1.23457E+15, as a narrow column shows it
        let kept = hex.prefix(15)
        let rounded = (hex.last! >= "5" ? SpreadsheetNumber.increment(kept) : String(kept)) + "0"
        let cases: [(String, Set<SpreadsheetNumber.Change>)] = [
            (target.id, []), (hex, []), (" \(target.id.lowercased()) ", [.spaces]), ("'" + target.id, [.apostrophe]),
            (rounded, [.rounded]), (short, [.scientific]), (hex + ".0", [.decimalSuffix]),
            (String(zero.id.dropFirst(2)), [.leadingZeroLost]),
        ]
        for (cell, expected) in cases {
            guard case .found(let finding, let changes) = try importer.resolve(id: cell) else {
                XCTFail("\(cell) not matched")
                continue
            }
            XCTAssertEqual(finding.findingID, cell.contains(String(zero.id.dropFirst(2))) ? zero.id : target.id, cell)
            XCTAssertEqual(changes, expected, cell)
        }
    }

    func testResolve_AmbiguousOrUnknownNumberRefusedNamingTheCause() throws {
        // Two ids in 4.0…4.5 × 10^15: both fit "4E+15" (one significant digit shown).
        let findings = [allDigitFinding("d333255", hex: "4130007267492799"), allDigitFinding("d458221", hex: "4375619625830910")]
        let importer = importer(try ledger(with: findings))
        guard case .refused(let message) = try importer.resolve(id: "4E+15") else {
            return XCTFail("a two-digit rendering fits several ids")
        }
        XCTAssertTrue(message.hasPrefix("“4E+15”是被电子表格转成了数字的问题编号（变成了科学计数法），台账中有 2 个问题编号与之相符（\(findings.map(\.id).sorted().joined(separator: "、"))），"), message)
        XCTAssertTrue(message.contains("个问题编号与之相符") && message.contains("无法确定是哪一个：请用 .xlsx 核实清单填写，或把该列设为文本格式"), message)
        guard case .refused(let none) = try importer.resolve(id: "9876543210987650") else { return XCTFail("fits no id") }
        XCTAssertEqual(none, "“9876543210987650”是被电子表格转成了数字的问题编号（被四舍五入为15位有效数字），台账中没有与之相符的问题：请用 .xlsx 核实清单填写，或把该列设为文本格式后从下发的清单重新复制")
        guard case .refused(let short) = try importer.resolve(id: "12345") else { return XCTFail("fits no id") }
        XCTAssertEqual(short, "unknown item \"12345\": not in the ledger (a worklist from another pipeline or ledger?)", "no spreadsheet's hand")
        guard case .refused(let lost) = try importer.resolve(id: "976688303402598") else { return XCTFail("fits no id") }
        XCTAssertTrue(lost.hasPrefix("“976688303402598”是被电子表格转成了数字的问题编号（丢掉了开头的0），台账中没有与之相符的问题"), lost)
        guard case .refused(let text) = try importer.resolve(id: "Fzz") else { return XCTFail("not an id") }
        XCTAssertEqual(text, "unknown item \"Fzz\": not in the ledger (a worklist from another pipeline or ledger?)")
    }

    func testHouseholdRenderings_AcceptedWithOneWarningLinePerFile() throws {
        let f = Finding(rule: "household.no_cadre", severity: .warning, regionCode: "520203101202", householdID: household, field: "cadre_name", message: "m")
        let importer = importer(try ledger(with: [f]))
        var batch = SignoffBatch()
        for (line, cell) in ["5202031012020000", "5202031012020000", "5.20203E+15", household, "'5202031012020002"].enumerated() {
            try importer.check(row: line + 2, file: "r.csv", id: f.id, household: cell, result: "属实", signer: "张三", date: "44201", imported: "", into: &batch)
        }
        try importer.check(row: 9, file: "r.csv", id: f.id, household: "5202031012030000", result: "属实", signer: "张三", date: "2021/1/5", imported: "", into: &batch)
        try importer.check(row: 2, file: "s.csv", id: f.id, household: "5202031012020000.0", result: "属实", signer: "李四", date: "2021年1月5日", imported: "", into: &batch)
        XCTAssertEqual(batch.results.count, 6)
        XCTAssertEqual(Set(batch.results.map(\.signedOn)), ["2021-01-05"])
        XCTAssertEqual(batch.problems.map(\.description), [
            "r.csv:9: 户编号: “5202031012030000”是被电子表格转成了数字的户编号（被四舍五入为15位有效数字），与问题 \(f.id) 的户编号 5202031012020002 不一致：请用 .xlsx 核实清单填写，或把该列设为文本格式后从下发的清单重新复制",
        ])
        XCTAssertEqual(batch.warnings, [
            "r.csv: 警告: 户编号: 电子表格改动了 4 行的户编号（1 行前面加了单引号，2 行被四舍五入为15位有效数字，1 行变成了科学计数法，如 5202031012020000），已按各行问题编号核对一致后接受。下次请用 .xlsx 核实清单，或把这些列设为文本格式",
            "s.csv: 警告: 户编号: 电子表格改动了 1 行的户编号（1 行后面加了“.0”，1 行被四舍五入为15位有效数字，如 5202031012020000.0），已按各行问题编号核对一致后接受。下次请用 .xlsx 核实清单，或把这些列设为文本格式",
        ])
    }

    /// A 核实日期 before the run that first reported the item (as of 2020-12-31 here) is a typo
    /// of the year (2012 for 2021): it was taken as it stood, and since the latest 核实日期 wins,
    /// the signature silently lost to any older one. Refused, naming the day; the as-of day
    /// itself and later are accepted (a dump replayed today takes its 2021 visits).
    func testDate_BeforeTheItemWasFirstReported_Refused() throws {
        let f = Finding(rule: "household.no_cadre", severity: .warning, regionCode: "520203101202", householdID: household, field: "cadre_name", message: "m")
        let importer = importer(try ledger(with: [f]))
        var batch = SignoffBatch()
        for (line, date) in ["2012-01-08", "2020-12-30", "2020-12-31", "2021-01-08"].enumerated() {
            try importer.check(row: line + 2, file: "r.csv", id: f.id, household: household, result: "属实", signer: "张三", date: date, imported: "", into: &batch)
        }
        XCTAssertEqual(batch.results.map(\.signedOn), ["2020-12-31", "2021-01-08"])
        XCTAssertEqual(batch.problems.map(\.description), [
            "r.csv:2: 核实日期: 2012-01-08 is before the item was first reported (2020-12-31): no visit can have verified it then; check the year",
            "r.csv:3: 核实日期: 2020-12-30 is before the item was first reported (2020-12-31): no visit can have verified it then; check the year",
        ])
    }

    /// A returned CSV re-saved tab-delimited in GB18030, and one `;`-delimited in UTF-8 with a
    /// BOM, both with columns reordered and added: columns are found by name.
    func testRead_DelimitersEncodingsAndReorderedExtraColumns() throws {
        let f = Finding(rule: "household.no_cadre", severity: .warning, regionCode: "520203101202", householdID: household, field: "cadre_name", message: "m")
        let importer = importer(try ledger(with: [f]))
        let header = ["备注", "核实日期", "核实人", "户编号", "核实结果", "乡镇", "问题编号"]
        let row = ["已核实；无误", "2021年1月5日", "张三", " 5.20203E+15", "周海燕", "岩脚镇", f.id]
        var batch = SignoffBatch()
        for (name, encoding, bom, delimiter) in [("tab.csv", TextEncoding.gb18030, false, "\t"), ("semi.csv", .utf8, true, ";")] {
            let path = folder + "/" + name
            let writer = try CSVWriter(path: path, encoding: encoding, bom: bom, delimiter: UInt8(ascii: Unicode.Scalar(delimiter)!))
            try writer.writeRow(header)
            try writer.writeRow(row)
            try writer.close()
            try importer.read(file: path, displayName: name, into: &batch)
        }
        XCTAssertEqual(batch.problems, [])
        XCTAssertEqual(batch.results.map(\.value), ["周海燕", "周海燕"])
        XCTAssertEqual(batch.results.map(\.signedOn), ["2021-01-05", "2021-01-05"])
        XCTAssertEqual(batch.warnings.count, 2, "one line per file")
        XCTAssertTrue(batch.warnings[0].hasPrefix("tab.csv: 警告: 户编号: 电子表格改动了 1 行的户编号（1 行前后多了空格，1 行变成了科学计数法"), batch.warnings[0])

        // A row whose trailing empty cells the spreadsheet dropped is read all the same.
        let short = folder + "/short.csv"
        try Data("问题编号,户编号,核实结果,核实人,核实日期,备注\r\n\(f.id),\(household),属实,李四,2021-01-06\r\n".utf8).write(to: URL(fileURLWithPath: short))
        try importer.read(file: short, displayName: "short.csv", into: &batch)
        XCTAssertEqual(batch.problems, [])
        XCTAssertEqual(batch.results.last?.signer, "李四")

        // A file named .xlsx that is no workbook: refused whole, one message (exit 2 in the CLI).
        let notZip = folder + "/returned.xlsx"
        try Data("问题编号,核实结果\r\n".utf8).write(to: URL(fileURLWithPath: notZip))
        XCTAssertThrowsError(try importer.read(file: notZip, displayName: "returned.xlsx", into: &batch)) { error in
            XCTAssertTrue(error is PipelineError)
            XCTAssertTrue("\(error)".hasPrefix("returned.xlsx: cannot read the returned worklist: "), "\(error)")
        }

        XCTAssertThrowsError(try importer.read(file: folder + "/returned.xls", displayName: "returned.xls", into: &batch)) { error in
            XCTAssertEqual("\(error)", "returned.xls: cannot read .xls files: save the worklist as .xlsx (Excel 2007 or later) or as CSV, and import that")
        }

        // Without the key column in any delimiting, the file is refused whole, naming the columns.
        let bad = folder + "/bad.csv"
        try Data("户编号,核实结果\r\n1,2\r\n".utf8).write(to: URL(fileURLWithPath: bad))
        XCTAssertThrowsError(try importer.read(file: bad, displayName: "bad.csv", into: &batch)) { error in
            XCTAssertEqual("\(error)", "bad.csv:1: not a returned worklist: no column 问题编号, 核实人, 核实日期 (expected the worklist's header with 核实结果, 核实人, 核实日期 filled in)")
        }
    }
}
