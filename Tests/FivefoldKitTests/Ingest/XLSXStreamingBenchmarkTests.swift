import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Opt-in benchmark, skipped in the suite: `FIVEFOLD_XLSX_BENCH=<rows>` writes a worklist-like
/// sheet of that many rows with ``XLSXWriter``, then streams it back with ``XLSXWorkbook`` and
/// checks that reading holds no more than a bounded amount of memory whatever the row count
/// (resident memory sampled every 1,000 rows, against the resident memory before reading).
final class XLSXStreamingBenchmarkTests: XCTestCase {
    let dir = TempDir()

    func testXLSXStreaming_ReadingHoldsBoundedMemory() throws {
        guard let count = ProcessInfo.processInfo.environment["FIVEFOLD_XLSX_BENCH"].flatMap(Int.init) else {
            throw XCTSkip("set FIVEFOLD_XLSX_BENCH=<rows> to run the streaming benchmark")
        }
        let path = dir.path("big.xlsx")
        var start = Date()
        do {
            var sheet = try XLSXOutputSheet(name: "核实清单", columns: [
                XLSXColumn("问题编号", kind: .text), XLSXColumn("户编号", kind: .text), XLSXColumn("身份证号", kind: .text),
                XLSXColumn("户主姓名"), XLSXColumn("说明", wrap: true), XLSXColumn("家庭人口"),
                XLSXColumn("核实结果", kind: .text, editable: true),
            ], protected: true)
            for i in 0..<count {
                try sheet.append([
                    XLSXOutputCell(String(format: "F%015x", i)), XLSXOutputCell(String(5_202_031_012_020_000 + i)),
                    XLSXOutputCell(String(520_203_197_709_080_000 + i)), "龙秀英",
                    XLSXOutputCell("系统与档案的身份证号不一致，请核实第\(i)户"), .number(String(i % 7 + 1)),
                    XLSXOutputCell("", allowedValues: ["已整改", "情况属实", "情况不实"]),
                ])
            }
            try XLSXWriter(sheets: [sheet]).write(to: path)
        }
        let written = Date().timeIntervalSince(start)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let before = Self.residentMB()
        var peak = before, rows = 0
        start = Date()
        let workbook = try XLSXWorkbook(path: path)
        try workbook.readRows(of: workbook.sheets[0]) { row in
            rows += 1
            if rows % 1000 == 0 { peak = max(peak, Self.residentMB()) }
            return true
        }
        let read = Date().timeIntervalSince(start)
        print("XLSX streaming: \(count) rows, \(size / 1024) KiB zipped; write \(String(format: "%.2f", written)) s, read \(String(format: "%.2f", read)) s; resident before reading \(before) MB, peak while reading \(peak) MB")
        XCTAssertEqual(rows, count + 1)
        XCTAssertLessThan(peak - before, 32, "reading should not hold the sheet in memory")
    }

    /// The process's resident set size in MB (VmRSS), 0 where /proc is missing.
    static func residentMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }
}
