import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline

/// The part files between pass 2 and pass 3 (and from shards to `merge`): each record kind
/// comes back as written, and a damaged file stops the assembly with a clear error.
final class PartCodecTests: XCTestCase {
    let dir = TempDir()

    private var finding: Finding {
        Finding(
            rule: "unify.mismatch", severity: .warning, regionCode: "520203101001", householdID: "H1", memberID: "52020319700101001X",
            field: FieldID.name.rawValue, values: [(.system, "王大"), (.archive, "王, \"大\"\n")], action: .worklist, message: "姓名不一致")
    }

    func testFindingRows_RoundTrip() throws {
        let rows = [FindingRow(finding), FindingRow(["F2", "exit.income", "error", "", "", "", "", "", "info", ""])]
        let path = dir.url.path + "/findings-0.csv"
        try PartCodec.write(rows, to: path)
        XCTAssertEqual(try PartCodec<FindingRow>.read(path: path), rows)
        XCTAssertEqual(rows[0].partFields, FindingsWriter.row(finding), "a part file row is the findings.csv row")
    }

    func testCorrections_RoundTrip() throws {
        let corrections = [
            Correction(findingID: "F1", householdID: "H1", memberID: "", field: .size, oldValue: "3", newValue: "4", evidence: "archive=4", policy: "trust:archive>system"),
            Correction(findingID: "", householdID: "H2", memberID: "M,1", field: FieldID("member_row"), oldValue: "present", newValue: "moved", evidence: "", policy: ""),
        ]
        let path = dir.url.path + "/corrections-0.csv"
        try PartCodec.write(corrections, to: path)
        XCTAssertEqual(try PartCodec<Correction>.read(path: path), corrections)
    }

    func testWorklistItems_RoundTrip() throws {
        let entry = HouseholdDirectory.Entry(township: "郎岱镇", village: "花山村", headName: "王大", cadreName: "李四", cadrePhone: "13800000000")
        let item = try XCTUnwrap(WorklistWriter(maskIDs: true).item(finding, entry: entry))
        let path = dir.url.path + "/worklist-0.csv"
        try PartCodec.write([item, item], to: path)
        let read = try PartCodec<WorklistWriter.Item>.read(path: path)
        XCTAssertEqual(read.map(\.partFields), [item.partFields, item.partFields])
        XCTAssertEqual(read.first?.findingID, finding.id)
        XCTAssertEqual(read.first?.township, "郎岱镇")
    }

    func testEmptyPartFile_ReadsNoRecords() throws {
        let path = dir.url.path + "/findings-1.csv"
        try PartCodec.write([FindingRow](), to: path)
        XCTAssertEqual(try PartCodec<FindingRow>.read(path: path), [])
    }

    func testDamagedPartFile_IsAnError() throws {
        let header = FindingsWriter.header.joined(separator: ",")
        let damaged = [
            "",  // truncated to nothing
            header + "\nF1,unify.mismatch,\"unterminated\n",  // cut inside a quoted field
            "finding_id,rule\nF1,x\n",  // another kind's (or another build's) header
        ]
        for (i, text) in damaged.enumerated() {
            let path = dir.url.path + "/findings-\(i).csv"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try PartCodec<FindingRow>.read(path: path), "case \(i)") { error in
                XCTAssertTrue("\(error)".contains("damaged intermediate file; run the shard again"), "\(error)")
            }
        }
    }

    func testDamagedCountersFile_IsAnError() throws {
        let parts = try PartFiles(folder: dir.url.path + "/parts")
        try Data("kind,key,a,b,c,d,e,f\nvillage,52,x,,,,,\n".utf8).write(to: URL(fileURLWithPath: parts.folder + "/counters-0.csv"))
        XCTAssertThrowsError(try parts.counters()) { error in
            XCTAssertTrue("\(error)".contains("damaged intermediate file; run the shard again"), "\(error)")
        }
    }
}
