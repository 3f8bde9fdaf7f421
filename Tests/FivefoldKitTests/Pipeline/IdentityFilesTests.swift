import XCTest
@testable import FivefoldKit

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

    func testDamagedKeyFileIsAnError() throws {
        for bytes in [[0, 1, 2], [UInt8](repeating: 0, count: 8 * 64) + [23, 0, 0, 0, 0, 0, 0, 0]] {
            let path = dir.write("ids-1.bin", bytes)
            XCTAssertThrowsError(try IdentityFiles.keys(path: path, bucket: 63)) { error in
                XCTAssertTrue("\(error)".contains("damaged intermediate file"), "\(error)")
            }
        }
    }
}
