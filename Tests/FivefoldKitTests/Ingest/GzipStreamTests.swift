import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class GzipStreamTests: XCTestCase {
    let dir = TempDir()

    func readAll(_ path: String) throws -> (bytes: [UInt8], gzipped: Bool) {
        let (source, gzipped) = try FileByteSource.open(path: path)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            out += chunk[..<n]
        }
        return (out, gzipped)
    }

    func testGzipStream_InflatesLargeFileInChunks() throws {
        let text = String(repeating: "户编号,姓名,人均纯收入\nH1,张三,3200\n", count: 20_000)
        dir.write("big.csv", text)
        let (bytes, gzipped) = try readAll(dir.gzip("big.csv"))
        XCTAssertTrue(gzipped)
        XCTAssertEqual(bytes, Array(text.utf8))
    }

    func testGzipStream_ConcatenatedMembersAreAllRead() throws {
        dir.write("a.txt", "first member\n")
        dir.write("b.txt", "second member\n")
        let a = FileManager.default.contents(atPath: dir.gzip("a.txt"))!
        let b = FileManager.default.contents(atPath: dir.gzip("b.txt"))!
        let joined = dir.write("joined.gz", Array(a + b))
        XCTAssertEqual(String(decoding: try readAll(joined).bytes, as: UTF8.self), "first member\nsecond member\n")
    }

    func testGzipStream_TruncatedDataIsAnError() throws {
        dir.write("t.txt", String(repeating: "0123456789", count: 10_000))
        let full = Array(FileManager.default.contents(atPath: dir.gzip("t.txt"))!)
        let cut = dir.write("cut.gz", Array(full.prefix(full.count / 2)))
        XCTAssertThrowsError(try readAll(cut)) { error in
            XCTAssertTrue("\(error)".contains("truncated gzip data"), "\(error)")
        }
    }

    func testOtherCompressions_AreNamedNotReadAsText() throws {
        // Real files, made by the tools a data team has: read as text, they gave "header is not
        // valid GB18030 (field 1)".
        let plain = dir.write("h.csv", "户编号,姓名\n1,张三\n")
        for (tool, arguments, name, undo) in [("bzip2", ["-k", "-f"], "bzip2", "bunzip2"), ("xz", ["-k", "-f"], "xz", "unxz")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [tool] + arguments + [plain]
            try process.run()
            process.waitUntilExit()
            try XCTSkipIf(process.terminationStatus != 0, "\(tool) is not installed")
            let compressed = plain + (tool == "bzip2" ? ".bz2" : ".xz")
            XCTAssertThrowsError(try FileByteSource.open(path: compressed, displayName: "h.csv")) { error in
                XCTAssertEqual("\(error)", "h.csv: the file is \(name)-compressed; fivefold reads plain or gzipped files: decompress it (\(undo)) or compress it with gzip")
            }
        }
        // Text that starts like a magic number is still text.
        XCTAssertEqual(try readAll(dir.write("bzh.csv", "BZh,Rar!\n1,2\n")).bytes, Array("BZh,Rar!\n1,2\n".utf8))
    }

    /// A tar archive (made by tar, plain and gzipped) given as the table is named with the file
    /// inside it; a file shorter than a tar header, and a gzipped one, still read whole.
    func testTarArchives_AreNamedWithTheirFirstFile() throws {
        dir.write("in/survey.xml", "<档案><户/></档案>\n")
        for (flags, name, gzipped) in [("-cf", "t.tar", false), ("-czf", "t.tar.gz", true)] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["tar", "-C", dir.path("in"), flags, dir.path(name), "survey.xml"]
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            XCTAssertThrowsError(try FileByteSource.open(path: dir.path(name), displayName: "interview/survey.xml.gz")) { error in
                XCTAssertEqual("\(error)", "interview/survey.xml.gz: the file is a tar archive\(gzipped ? " (gzipped: a .tar.gz)" : ""), not the table itself; "
                               + "it holds \"survey.xml\" first: extract it (tar -xf) and give the pipeline the file inside")
            }
        }
        XCTAssertEqual(try readAll(dir.write("short.csv", "a\n")).bytes, Array("a\n".utf8))
        let text = String(repeating: "户编号,姓名\n1,张三\n", count: 400)
        dir.write("long.csv", text)
        XCTAssertEqual(try readAll(dir.gzip("long.csv")).bytes, Array(text.utf8))
    }

    func testGzipStream_PlainFileIsPassedThrough() throws {
        let path = dir.write("plain.txt", [0x1f, 0x41, 0x42])
        let (bytes, gzipped) = try readAll(path)
        XCTAssertFalse(gzipped)
        XCTAssertEqual(bytes, [0x1f, 0x41, 0x42])
        XCTAssertEqual(try readAll(dir.write("one.txt", [0x1f])).bytes, [0x1f])
        XCTAssertEqual(try readAll(dir.write("empty.txt", [])).bytes, [])
    }
}
