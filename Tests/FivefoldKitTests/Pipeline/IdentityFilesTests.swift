import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class IdentityFilesTests: XCTestCase {
    let dir = TempDir()

    func testPackedID_UnpackReversesPack() {
        for id in ["52020319700101001X", "520203197001010011", "110101190001010000", "659001209912319999"] {
            XCTAssertEqual(PackedID.pack(id).map(PackedID.unpack), id)
        }
        XCTAssertEqual(PackedID.unpack(0), "")
    }

    func testBatch_WrittenAndReadBack_KeysAndOnlyTheWantedHouseholds() throws {
        let id = TestData.id(birth: "19700101", serial: 1, male: true)
        let other = TestData.id(birth: "19800101", serial: 3, male: false)
        let a = TestData.case([TestData.household([.householdID: "H1", .headID: id, .headName: "王大", .township: "郎岱镇"], members: [
            TestData.member([.name: "王大", .idNumber: id, .relation: "户主"]), TestData.member([.name: "李花", .idNumber: other, .relation: "配偶"]),
        ])])
        let b = TestData.case([TestData.household([.householdID: "H2", .headName: "张三"], members: [TestData.member([.name: "张三"])])])
        var fixed = a
        fixed.records[.system]!.members[1].fields[.idNumber] = FieldValue(raw: id, normalized: id)
        let batch = IdentityBatch(received: [a, b], corrected: [fixed, b], directory: HouseholdDirectory(cases: [a, b]))
        XCTAssertEqual(batch.households.map(\.householdID), ["H1"], "a household without any ID number has no keys")
        XCTAssertEqual(batch.rows.map { "\($0.role) \($0.receivedID)→\($0.correctedID) \($0.name)" },
                       ["member \(id)→\(id) 王大", "member \(other)→\(id) 李花", "head \(id)→\(id) 王大"])

        let folder = dir.url.path
        try IdentityFiles.write(batch, partition: 7, folder: folder)
        var keys: [IdentityBatch.Key] = []
        for bucket in 0..<PartFiles.idBuckets {
            let read = try IdentityFiles.keys(path: folder + "/ids-7.bin", bucket: bucket)
            XCTAssertTrue(read.allSatisfy { IdentityBatch.bucket($0.received) == bucket || IdentityBatch.bucket($0.corrected) == bucket })
            keys += read
        }
        // The changed member is filed under both of its ID numbers' buckets (once when they share one).
        let sameBucket = IdentityBatch.bucket(PackedID.pack(id)!) == IdentityBatch.bucket(PackedID.pack(other)!)
        XCTAssertEqual(keys.count, sameBucket ? 3 : 4)
        XCTAssertEqual(Set(keys.map(\.name)), [0, 1, 2])
        let households = try IdentityFiles.households(path: folder + "/idhouses-7.bin", wanted: [0])
        XCTAssertEqual(households[0], batch.households[0])
        XCTAssertEqual(households[0]?.entry.township, "郎岱镇")
        XCTAssertThrowsError(try IdentityFiles.households(path: folder + "/idhouses-7.bin", wanted: [0, 5]), "a household the file lacks")
    }

    /// Row changes: a dropped member has no corrected ID, an appended one no received ID; each key
    /// keeps which other sources list the member, and the household its size and corrected count.
    func testBatch_RowChangesAndListingSurviveTheFiles() throws {
        let head = TestData.id(birth: "19700101", serial: 1, male: true)
        let ghost = TestData.id(birth: "19800101", serial: 3, male: false)
        let added = TestData.id(birth: "20050101", serial: 5, male: true)
        let system = TestData.household([.householdID: "H1", .size: "2"], members: [
            TestData.member([.name: "王大", .idNumber: head, .relation: "户主"]), TestData.member([.name: "鬼", .idNumber: ghost]),
        ])
        let archive = TestData.household([.householdID: "H1"], source: .archive, members: [TestData.member([.name: "王大", .idNumber: head], source: .archive)])
        let wall = TestData.household([.householdID: "H1", .memberNames: "王大"], source: .wall)
        let received = TestData.case([system, archive, wall])
        var fixed = received
        fixed.records[.system]!.members.remove(at: 1)
        fixed.records[.system]!.members.append(TestData.member([.name: "王小", .idNumber: added]))
        let batch = IdentityBatch(received: [received], corrected: [fixed], directory: HouseholdDirectory(cases: [received]), removed: ["H1\u{1f}" + ghost])
        try IdentityFiles.write(batch, partition: 3, folder: dir.url.path)
        var keys: [IdentityBatch.Key] = []
        for bucket in 0..<PartFiles.idBuckets { keys += try IdentityFiles.keys(path: dir.url.path + "/ids-3.bin", bucket: bucket) }
        let members = Set(keys.filter { $0.role == .member }.map { "\(PackedID.unpack($0.received))→\(PackedID.unpack($0.corrected)) \($0.listedBy)" })
        XCTAssertEqual(members, ["\(head)→\(head) 3", "\(ghost)→ 0", "→\(added) 0"])
        let household = try IdentityFiles.households(path: dir.url.path + "/idhouses-3.bin", wanted: [0])[0]
        XCTAssertEqual(household?.size, "2")
        XCTAssertEqual(household?.memberCount, 2)
        XCTAssertEqual(IdentityBatch.ListedBy.decode(3), [.archive, .wall])
    }

    func testDamagedKeyFileIsAnError() throws {
        for bytes in [[0, 1, 2], [UInt8](repeating: 0, count: 8 * 64) + [23, 0, 0, 0, 0, 0, 0, 0]] {
            let path = dir.write("ids-1.bin", bytes)
            XCTAssertThrowsError(try IdentityFiles.keys(path: path, bucket: 63)) { error in
                XCTAssertTrue("\(error)".contains("damaged intermediate file"), "\(error)")
            }
        }
    }
}
