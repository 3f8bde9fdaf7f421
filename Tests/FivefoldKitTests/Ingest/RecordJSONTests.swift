import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class RecordJSONTests: XCTestCase {
    let dir = TempDir()

    func testRecordJSON_CSVRowKeepsHeaderOrderAndRenamesClashes() throws {
        let reader = try CSVReader(path: dir.write("a.csv", "户编号,,line,备注\nH1,x,3,\"a\"\"b\nc\"\n"), displayName: "a.csv")
        let keys = RecordJSON.keys(forHeader: reader.header)
        XCTAssertEqual(keys, ["户编号", "column_2", "line_3", "备注"])
        var lines: [String] = []
        _ = try reader.read({ lines.append(RecordJSON.object(for: $0, keys: keys)) }, quarantine: { _ in })
        XCTAssertEqual(lines, [#"{"file":"a.csv","line":2,"户编号":"H1","column_2":"x","line_3":"3","备注":"a\"b\nc"}"#])
    }

    func testRecordJSON_XMLRecordWithMembersAndQuarantinedRow() {
        let member = XMLElementRecord(location: SourceLocation(file: "a.xml", line: 4), values: ["姓名": "张三"])
        let record = XMLElementRecord(location: SourceLocation(file: "a.xml", line: 3), values: ["户主姓名": "张三", "@户编号": "H1"], members: [member])
        XCTAssertEqual(RecordJSON.object(for: record), #"{"file":"a.xml","line":3,"@户编号":"H1","户主姓名":"张三","members":[{"file":"a.xml","line":4,"姓名":"张三"}]}"#)
        let row = QuarantinedRow(location: SourceLocation(file: "w.csv", line: 9), reason: "NUL byte in row", raw: "a\u{1}\tb")
        XCTAssertEqual(RecordJSON.object(for: row), #"{"file":"w.csv","line":9,"quarantined":true,"reason":"NUL byte in row","raw":"a\u0001\tb"}"#)
    }
}
