import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class EncodingTests: XCTestCase {
    func testTextEncoding_PipelineNames() {
        XCTAssertEqual(TextEncoding(pipelineName: "auto"), .auto)
        XCTAssertEqual(TextEncoding(pipelineName: "UTF-8"), .utf8)
        XCTAssertEqual(TextEncoding(pipelineName: "utf8"), .utf8)
        XCTAssertEqual(TextEncoding(pipelineName: "GBK"), .gb18030)
        XCTAssertEqual(TextEncoding(pipelineName: "gb2312"), .gb18030)
        XCTAssertEqual(TextEncoding(pipelineName: "Gb18030"), .gb18030)
        XCTAssertNil(TextEncoding(pipelineName: "latin1"))
        XCTAssertEqual(TextEncoding.utf8.rawValue, "utf-8")
    }

    func testTextEncoding_Detection() {
        func detect(_ bytes: [UInt8], whole: Bool = true) -> TextEncoding {
            bytes.withUnsafeBytes { TextEncoding.detect(prefix: $0, isWholeFile: whole) }
        }
        XCTAssertEqual(detect(TextEncoding.utf8BOM + [0xD5, 0xC5]), .utf8, "a BOM decides")
        XCTAssertEqual(detect(Array("张三".utf8)), .utf8)
        XCTAssertEqual(detect([0xD5, 0xC5, 0xC8, 0xFD]), .gb18030)
        // A UTF-8 sequence cut by the end of the first chunk is not evidence against UTF-8.
        XCTAssertEqual(detect(Array("张三".utf8).dropLast(), whole: false), .utf8)
        XCTAssertEqual(detect(Array(Array("张三".utf8).dropLast()), whole: true), .gb18030)
    }

    func testTranscoder_DecodesGBKBytes() throws {
        let decoder = try Transcoder.gb18030ToUTF8()
        let text = try [UInt8]([0xD5, 0xC5, 0xC8, 0xFD]).withUnsafeBytes { try decoder.decode($0) }
        XCTAssertEqual(text, "张三")
    }

    func testTranscoder_InvalidBytesAreReportedNotFatal() throws {
        let decoder = try Transcoder.gb18030ToUTF8()
        XCTAssertThrowsError(try [UInt8]([0x41, 0xD5, 0xFF, 0x42]).withUnsafeBytes { try decoder.decode($0) }) { error in
            XCTAssertEqual(error as? Transcoder.Failure, Transcoder.Failure(offset: 1, incomplete: false))
        }
        var out: [UInt8] = []
        let failure = [UInt8]([0x41, 0xD5]).withUnsafeBytes { decoder.convert($0, appendingTo: &out) }
        XCTAssertEqual(failure, Transcoder.Failure(offset: 1, incomplete: true), "a cut-off pair is EINVAL: carry it over")
        XCTAssertEqual(out, [0x41])
    }

    func testTranscoder_EncodesToGB18030() throws {
        XCTAssertEqual(try Transcoder.utf8ToGB18030().encode("张三,A"), [0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0x41])
        XCTAssertThrowsError(try Transcoder(from: "NO-SUCH", to: "UTF-8"))
    }

    func testGB18030Codec_TableMatchesIconv() throws {
        let codec = try GB18030Codec()
        let sample = "建档立卡贫困户：张三、李四（之子）；住房面积㎡ 一二三 ABC"
        let bytes = gbk(sample)
        XCTAssertNil(bytes.withUnsafeBufferPointer { codec.firstInvalid($0.baseAddress!, count: $0.count) })
        XCTAssertEqual(bytes.withUnsafeBufferPointer { codec.decode($0.baseAddress!, count: $0.count) }, sample)
        XCTAssertEqual([UInt8]([0x41, 0x80]).withUnsafeBufferPointer { codec.firstInvalid($0.baseAddress!, count: 2) }, 1)
    }

    func testGB18030Codec_ConvertToUTF8AgreesWithIconvOnEveryTwoByteCode() throws {
        // Every two-byte code, valid or not, alone and between ASCII: the prepared UTF-8 table
        // gives what iconv gives, and stops where iconv fails.
        let codec = try GB18030Codec()
        let iconv = try Transcoder.gb18030ToUTF8()
        var out = [UInt8](repeating: 0, count: 64)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                for input in [[UInt8(lead), UInt8(trail)], [0x41, UInt8(lead), UInt8(trail), 0x42]] {
                    var expected: [UInt8] = []
                    let failure = input.withUnsafeBytes { iconv.convert($0, appendingTo: &expected) }
                    let result = input.withUnsafeBufferPointer { i in
                        out.withUnsafeMutableBufferPointer { codec.convertToUTF8(i.baseAddress!, count: i.count, into: $0.baseAddress!, isFinal: true) }
                    }
                    if failure == nil {
                        XCTAssertFalse(result.invalid, "\(input)")
                        XCTAssertEqual(Array(out[..<result.produced]), expected, "\(input)")
                    } else {
                        XCTAssertTrue(result.invalid, "\(input)")
                        XCTAssertEqual(result.consumed, input.count == 2 ? 0 : 1)
                    }
                }
            }
        }
    }

    func testGB18030Codec_ASCIIRunsOfEveryLengthBetweenCodes() throws {
        // The converter takes ASCII eight bytes at a time, and the run before the first byte
        // that is not ASCII from the same eight: runs of 0 to 19 bytes around two-byte and
        // four-byte codes give iconv's bytes, and an invalid byte after k ASCII bytes stops the
        // conversion exactly there.
        let codec = try GB18030Codec()
        let iconv = try Transcoder.gb18030ToUTF8()
        let encoder = try Transcoder.utf8ToGB18030()
        var out = [UInt8](repeating: 0, count: 256)
        for code in ["张", "𠀀", "€", "、"] {
            let encoded = try encoder.encode(code)
            for before in 0..<20 {
                for after in 0..<20 {
                    let ascii = Array("<hz>1234567890abcdefghij".utf8)
                    let input = Array(ascii[..<before]) + encoded + Array(ascii[..<after]) + encoded
                    var expected: [UInt8] = []
                    XCTAssertNil(input.withUnsafeBytes { iconv.convert($0, appendingTo: &expected) })
                    let result = input.withUnsafeBufferPointer { i in
                        out.withUnsafeMutableBufferPointer { codec.convertToUTF8(i.baseAddress!, count: i.count, into: $0.baseAddress!, isFinal: true) }
                    }
                    XCTAssertFalse(result.invalid)
                    XCTAssertEqual(result.consumed, input.count)
                    XCTAssertEqual(Array(out[..<result.produced]), expected, "\(code) after \(before), then \(after) ASCII bytes")
                }
                let broken = Array(ascii(before)) + [0x80] + encoded + Array("tail of the line".utf8)
                let result = broken.withUnsafeBufferPointer { i in
                    out.withUnsafeMutableBufferPointer { codec.convertToUTF8(i.baseAddress!, count: i.count, into: $0.baseAddress!, isFinal: true) }
                }
                XCTAssertTrue(result.invalid)
                XCTAssertEqual(result.consumed, before)
                XCTAssertEqual(result.produced, before)
                XCTAssertEqual(Array(out[..<before]), Array(ascii(before)))
            }
        }
    }

    private func ascii(_ count: Int) -> ArraySlice<UInt8> { Array("<hz>1234567890abcdefghij".utf8)[..<count] }

    func testGB18030DecodingStream_RandomTextInRandomReadsMatchesIconvAndCountsLines() throws {
        // Random GB text (ASCII, line feeds, two-byte and four-byte codes) decoded through the
        // stream with random read sizes: the bytes are iconv's, and an invalid byte placed after
        // them is reported on the line it is on.
        var generator = SystemRandomNumberGenerator()
        let pieces = ["建档", "立卡", "贫困户", "张三、李四", "㎡", "€", "𠀀", "\n", "ABC", " ", "<户主姓名>", "\r\n", "é"]
        let encoder = try Transcoder.utf8ToGB18030()
        for round in 0..<40 {
            let text = (0..<Int.random(in: 0...400, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var bytes = try encoder.encode(text)
            let lines = text.utf8.filter { $0 == 0x0A }.count + 1
            let broken = round % 2 == 1
            if broken { bytes += [0x80] }
            let stream = try GB18030DecodingStream(source: ArraySource(bytes), prefix: [], displayName: "t.xml")
            var decoded: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            var failure: IngestError?
            while true {
                let size = Int.random(in: 8...64, using: &generator)
                do {
                    let n = try buffer.withUnsafeMutableBytes { try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<size])) }
                    if n == 0 { break }
                    decoded += buffer[..<n]
                } catch {
                    failure = error as? IngestError
                    break
                }
            }
            XCTAssertEqual(String(decoding: decoded, as: UTF8.self), text)
            if broken {
                XCTAssertEqual(failure?.location?.line, lines, "the invalid byte is on the last line")
            } else {
                XCTAssertNil(failure)
            }
        }
    }

    func testUTF8Validation_RejectsOverlongsSurrogatesAndCutSequences() {
        func invalid(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalid($0.baseAddress!, count: $0.count) } }
        XCTAssertNil(invalid(Array("abcdefgh张三ijklmnop😀".utf8)))
        XCTAssertEqual(invalid([0x41, 0xC0, 0x80]), 1)  // overlong NUL
        XCTAssertEqual(invalid([0xED, 0xA0, 0x80]), 0)  // surrogate
        XCTAssertEqual(invalid([0x41, 0x42, 0xE5, 0xBC]), 2)  // cut off
        XCTAssertEqual(invalid([0xF4, 0x90, 0x80, 0x80]), 0)  // above U+10FFFF
    }

    /// The validator (with its ASCII-word and three-byte CJK shortcuts) agrees with Swift's own
    /// UTF-8 validation on 20 000 random byte strings built from valid sequences, stray
    /// continuation bytes, E0/ED/F0/F4 edge leads and cut-off tails, and names the same first bad
    /// offset as decoding the prefix before it.
    func testUTF8Validation_AgreesWithSwiftOnRandomBytes() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("户编号".utf8), Array("abcdefgh".utf8), Array("x".utf8), Array("😀".utf8), Array("é".utf8), [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xE1, 0x80], [0xE5], [0x80], [0xBF], [0xC0, 0x80], [0xC2, 0x80],
            [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE5, 0xBC, 0x41],
        ]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            let found = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalid($0.baseAddress!, count: $0.count) }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            XCTAssertEqual(found == nil, valid, "\(bytes)")
            if let bad = found {
                XCTAssertNotNil(String(validating: bytes[..<bad], as: UTF8.self), "\(bytes) before \(bad)")
                XCTAssertNil(String(validating: bytes[bad...], as: UTF8.self), "\(bytes) from \(bad)")
            }
        }
    }

    /// A header that cannot be read in the table's encoding says what its bytes are: GBK under a
    /// table declared UTF-8, UTF-8 under one declared GBK.
    func testHeaderInTheOtherEncoding_TheErrorSaysWhichItIs() throws {
        let dir = TempDir()
        let gbkFile = dir.write("gbk.csv", gbk("户编号,户主姓名\r\n5202031002010001,王德明\r\n"))
        XCTAssertThrowsError(try readCSV(gbkFile, format: CSVFormat(encoding: .utf8), displayName: "wall/cards.csv")) { error in
            XCTAssertEqual("\(error)", "wall/cards.csv:1: header is not valid UTF-8 (field 1); it reads as GB18030 (户编号,户主姓名): if the file is GBK, set the table's encoding to gbk or auto")
        }
        let utf8File = dir.write("utf8.csv", "户主姓名,户编号\r\n王德明,5202031002010001\r\n")
        XCTAssertThrowsError(try readCSV(utf8File, format: CSVFormat(encoding: .gb18030), displayName: "wall/cards.csv")) { error in
            XCTAssertTrue("\(error)".hasSuffix("; the header is valid UTF-8: if the file is UTF-8, set the table's encoding to utf-8 or auto"), "\(error)")
        }
        // Both read as declared: no error.
        XCTAssertNoThrow(try readCSV(gbkFile, format: CSVFormat(encoding: .gb18030)))
        XCTAssertNoThrow(try readCSV(utf8File, format: CSVFormat(encoding: .utf8)))
    }
}

/// A byte source over an array, for the decoding stream's tests.
private final class ArraySource: ByteSource {
    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - at)
        bytes[at..<at + n].withUnsafeBytes { buffer.copyMemory(from: $0) }
        at += n
        return n
    }
}
