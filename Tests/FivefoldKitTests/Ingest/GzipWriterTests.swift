import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class GzipWriterTests: XCTestCase {
    private func inflate(_ path: String) throws -> [UInt8] {
        let opened = try FileByteSource.open(path: path)
        XCTAssertTrue(opened.gzipped)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try opened.source.read(into: $0) }
            if n == 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    func testWriter_RoundTripsThroughGzipStream() throws {
        let dir = TempDir()
        let path = dir.path("a.gz")
        let text = Array(String(repeating: "<户>王德明,520203196608120031</户>\n", count: 5000).utf8)
        let writer = try GzipWriter(path: path)
        try writer.write(Array(text[0..<1000]))
        try writer.write(Array(text[1000...]))
        try writer.close()
        XCTAssertEqual(try inflate(path), text)
        XCTAssertLessThan(try Data(contentsOf: URL(fileURLWithPath: path)).count, text.count / 10)
    }

    /// The generator concatenates one member per batch: readers must see one stream.
    func testMembers_ConcatenateIntoOneValidFile() throws {
        let dir = TempDir()
        let parts = ["<?xml version=\"1.0\"?>\n<a>", "<b>一</b>", "", "<b>二</b></a>\n"].map { Array($0.utf8) }
        var bytes: [UInt8] = []
        for part in parts { bytes += try GzipWriter.member(part) }
        let path = dir.write("m.gz", bytes)
        XCTAssertEqual(try inflate(path), parts.flatMap { $0 })
        XCTAssertEqual(Array(try GzipWriter.member([1, 2, 3]).prefix(10)), GzipWriter.header, "fixed header: mtime 0, OS 255")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -t '\(path)'"]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "gzip -t accepts the file")
    }
}
