import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class CSVReaderTests: XCTestCase {
    let dir = TempDir()

    func testCSVReader_PlainUTF8() throws {
        let path = dir.write("a.csv", "户编号,姓名\nH1,张三\nH2,李四\n")
        let out = try readCSV(path, displayName: "system/a.csv")
        XCTAssertEqual(out.header, ["户编号", "姓名"])
        XCTAssertEqual(out.reader.encoding, .utf8)
        XCTAssertFalse(out.reader.hasBOM)
        XCTAssertEqual(out.reader.lineTerminator, "\n")
        XCTAssertEqual(out.rows.map(\.fields), [["H1", "张三"], ["H2", "李四"]])
        XCTAssertEqual(out.rows.map(\.line), [2, 3])
        XCTAssertEqual(out.counts, RowCounts(read: 2, accepted: 2, quarantined: 0))
    }

    /// Rows of delimiters only (`,,,`: a spreadsheet's formatted but empty rows below the data)
    /// are skipped like blank lines and not counted; a row with a quoted empty field or a space
    /// is a row, and the line numbers stay right.
    func testCSVReader_DelimiterOnlyRowsAreSkippedLikeBlankLines() throws {
        let out = try readCSV(dir.write("empty.csv", "户编号,姓名,性别\r\nH1,张三,男\r\n,,\r\nH2,李四,女\r\n,,\r\n,,\r\n\"\",,\r\n, ,\r\n"))
        XCTAssertEqual(out.rows.map(\.fields), [["H1", "张三", "男"], ["H2", "李四", "女"], ["", "", ""], ["", " ", ""]])
        XCTAssertEqual(out.rows.map(\.line), [2, 4, 7, 8])
        XCTAssertEqual(out.counts, RowCounts(read: 4, accepted: 4, quarantined: 0))
        let single = try readCSV(dir.write("single.csv", "户编号\nH1\n\nH2\n"))
        XCTAssertEqual(single.rows.map(\.fields), [["H1"], ["H2"]], "one column: an empty line is blank, as before")
    }

    func testCSVReader_BOMIsStrippedFromHeaderAndKeptInRawHeader() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("户编号,姓名\r\nH1,张三\r\n".utf8)
        let out = try readCSV(dir.write("bom.csv", bytes))
        XCTAssertTrue(out.reader.hasBOM)
        XCTAssertEqual(out.reader.encoding, .utf8)
        XCTAssertEqual(out.header, ["户编号", "姓名"])
        XCTAssertEqual(out.reader.headerRawBytes, Array(bytes.prefix(3 + "户编号,姓名\r\n".utf8.count)))
    }

    func testCSVReader_CRLFLineEndings() throws {
        let out = try readCSV(dir.write("crlf.csv", "a,b\r\n1,2\r\n3,4\r\n"))
        XCTAssertEqual(out.reader.lineTerminator, "\r\n")
        XCTAssertEqual(out.rows.map(\.fields), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(out.rows.map(\.line), [2, 3])
        XCTAssertEqual(out.rows[0].raw, Array("1,2\r\n".utf8))
    }

    func testCSVReader_CROnlyLineEndings() throws {
        let out = try readCSV(dir.write("cr.csv", "a,b\r1,2\r\r3,\"x\ry\"\r5,6"))
        XCTAssertEqual(out.reader.lineTerminator, "\r")
        XCTAssertEqual(out.rows.map(\.fields), [["1", "2"], ["3", "x\ry"], ["5", "6"]])
        XCTAssertEqual(out.rows.map(\.line), [2, 4, 6])
    }

    func testCSVReader_QuotedFieldsWithDelimiterQuotesAndNewlines() throws {
        let text = "a,b,c\n\"1,5\",\"he said \"\"hi\"\"\",\"two\nlines\"\nx,\"\",z\n"
        let out = try readCSV(dir.write("q.csv", text))
        XCTAssertEqual(out.rows.map(\.fields), [["1,5", "he said \"hi\"", "two\nlines"], ["x", "", "z"]])
        // The second row starts on physical line 4: line numbers count the embedded newline.
        XCTAssertEqual(out.rows.map(\.line), [2, 4])
        XCTAssertEqual(out.rows[0].raw, Array("\"1,5\",\"he said \"\"hi\"\"\",\"two\nlines\"\n".utf8))
    }

    func testCSVReader_BlankLinesAreSkippedAndNotCounted() throws {
        let out = try readCSV(dir.write("blank.csv", "\na,b\n\n1,2\n  \n\r\n3,4\n\n"))
        XCTAssertEqual(out.rows.map(\.fields), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(out.rows.map(\.line), [4, 7])
        XCTAssertEqual(out.counts, RowCounts(read: 2, accepted: 2, quarantined: 0))
    }

    func testCSVReader_TooFewFieldsIsQuarantined() throws {
        let out = try readCSV(dir.write("few.csv", "a,b,c\n1,2\n4,5,6\n"), displayName: "few.csv")
        XCTAssertEqual(out.rows.map(\.fields), [["4", "5", "6"]])
        XCTAssertEqual(out.quarantined, [QuarantinedRow(location: SourceLocation(file: "few.csv", line: 2), reason: "expected 3 fields, found 2", raw: "1,2")])
    }

    func testCSVReader_TooManyNonEmptyFieldsIsQuarantined() throws {
        let out = try readCSV(dir.write("many.csv", "a,b\n1,2,3\n4,5\n"))
        XCTAssertEqual(out.rows.map(\.fields), [["4", "5"]])
        XCTAssertEqual(out.quarantined.map(\.reason), ["expected 2 fields, found 3"])
        XCTAssertEqual(out.quarantined.first?.location.line, 2)
    }

    func testCSVReader_TrailingEmptyFieldsCountAndQuarantineByDefault() throws {
        // Regression (issue 13): a row with one field too many whose last field was blank was
        // accepted, its values shifted by one column (a name landed in the ID column).
        let out = try readCSV(dir.write("trail.csv", "a,b\n1,2,,\n3,4,\"\"\n5,6\n"))
        XCTAssertEqual(out.counts, RowCounts(read: 3, accepted: 1, quarantined: 2))
        XCTAssertEqual(out.quarantined.map(\.reason), ["expected 2 fields, found 4", "expected 2 fields, found 3"])
        XCTAssertEqual(out.rows.map(\.fields), [["5", "6"]])
    }

    func testCSVReader_RaggedPadPadsShortRowsAndDropsOnlyBlankExtras() throws {
        var format = CSVFormat()
        format.ragged = .pad
        let out = try readCSV(dir.write("pad.csv", "a,b,c\n1,2\n3,4,5,,\n6,7,8,x\n"), format: format)
        XCTAssertEqual(out.counts, RowCounts(read: 3, accepted: 2, quarantined: 1))
        XCTAssertEqual(out.rows.map(\.fields), [["1", "2"], ["3", "4", "5", "", ""]])
        XCTAssertEqual(out.quarantined.map(\.reason), ["expected 3 fields, found 4"])
        XCTAssertEqual(out.quarantined.first?.location.line, 4)
    }

    func testCSVReader_HeaderRowSkipsTitleLinesAndKeepsThem() throws {
        let bytes = Array("建档立卡贫困户家庭基本信息表\r\n填报单位：郎岱镇,,\r\n户编号,姓名\r\nH1,张三\r\n".utf8)
        var format = CSVFormat()
        format.headerRow = 3
        let out = try readCSV(dir.write("title.csv", bytes), format: format)
        XCTAssertEqual(out.header, ["户编号", "姓名"])
        XCTAssertEqual(out.reader.skippedRows, 2)
        XCTAssertEqual(out.counts, RowCounts(read: 1, accepted: 1, quarantined: 0))
        XCTAssertEqual(out.rows.map(\.line), [4])
        XCTAssertEqual(out.reader.headerRawBytes, Array(bytes.prefix(bytes.count - "H1,张三\r\n".utf8.count)))
    }

    func testCSVReader_HeaderRowBeyondTheFileIsAnError() throws {
        var format = CSVFormat()
        format.headerRow = 5
        XCTAssertThrowsError(try readCSV(dir.write("short.csv", "title\na,b\n"), format: format)) { error in
            XCTAssertTrue("\(error)".contains("ends before its header row 5"), "\(error)")
        }
    }

    func testCSVReader_NULByteQuarantinesRow() throws {
        let bytes = Array("a,b\n1,x".utf8) + [0] + Array("y\n3,4\n".utf8)
        let out = try readCSV(dir.write("nul.csv", bytes))
        XCTAssertEqual(out.rows.map(\.fields), [["3", "4"]])
        XCTAssertEqual(out.quarantined.map(\.reason), ["NUL byte in row"])
        XCTAssertEqual(out.quarantined.first?.raw, "1,x\u{2400}y")
    }

    func testCSVReader_StrayQuoteInUnquotedFieldQuarantinesRowAndResumesNextLine() throws {
        let out = try readCSV(dir.write("stray.csv", "a,b\n1,ab\"c\n\"q\",2\n3,4\n"))
        XCTAssertEqual(out.rows.map(\.fields), [["q", "2"], ["3", "4"]])
        XCTAssertEqual(out.rows.map(\.line), [3, 4])
        XCTAssertEqual(out.quarantined.map(\.reason), ["stray quote in unquoted field 2"])
        XCTAssertEqual(out.quarantined.first?.raw, "1,ab\"c")
    }

    /// `="…"` unquoted, as exports write long numbers for Excel: read as the literal `="…"` (the
    /// scanner drops the marker), wherever the field stands; anything else after its closing
    /// quote, or no closing quote on the line, is a stray quote as before.
    func testCSVReader_UnquotedFormulaTextIsOneField() throws {
        let out = try readCSV(dir.write("formula.csv", "a,b\n=\"0012\",x\nx,=\"520203196608121230\"\r\n=\"12\"3,x\n=\"12,x\nq,=\"7\""))
        XCTAssertEqual(out.rows.map(\.fields), [["=\"0012\"", "x"], ["x", "=\"520203196608121230\""], ["q", "=\"7\""]])
        XCTAssertEqual(out.rows.map(\.line), [2, 3, 6])
        XCTAssertEqual(out.quarantined.map(\.reason), ["stray quote in unquoted field 1", "stray quote in unquoted field 1"])
        XCTAssertEqual(out.quarantined.map(\.location.line), [4, 5])
        // Across the 1 MiB refills.
        var text = "id,name\n"
        for k in 0..<60_000 { text += "=\"52020310020\(String(format: "%05d", k))\",张三\(k)\n" }
        let big = try readCSV(dir.write("formula-big.csv", text))
        XCTAssertEqual(big.counts, RowCounts(read: 60_000, accepted: 60_000, quarantined: 0))
        XCTAssertEqual(big.rows[59_999].fields, ["=\"5202031002059999\"", "张三59999"])
    }

    func testCSVReader_GarbageAfterClosingQuoteQuarantinesRow() throws {
        let out = try readCSV(dir.write("garbage.csv", "a,b\n\"x\"y,2\n3,4\n"))
        XCTAssertEqual(out.rows.map(\.fields), [["3", "4"]])
        XCTAssertEqual(out.quarantined.map(\.reason), ["unexpected character after closing quote in field 1"])
        XCTAssertEqual(out.quarantined.first?.location.line, 2)
    }

    func testCSVReader_UnterminatedQuoteAtEOFDoesNotSwallowRestOfFile() throws {
        let out = try readCSV(dir.write("unterminated.csv", "a,b\n1,\"oops\n2,3\n4,5\n"))
        // The broken row is its start line only; the lines after it are read as rows.
        XCTAssertEqual(out.quarantined.count, 1)
        XCTAssertEqual(out.quarantined[0].location.line, 2)
        XCTAssertEqual(out.quarantined[0].raw, "1,\"oops")
        XCTAssertTrue(out.quarantined[0].reason.hasPrefix("unterminated quoted field 2"), out.quarantined[0].reason)
        XCTAssertEqual(out.rows.map(\.fields), [["2", "3"], ["4", "5"]])
        XCTAssertEqual(out.rows.map(\.line), [3, 4])
    }

    func testCSVReader_UnterminatedQuoteOverLineLimitResumesAfterStartLine() throws {
        var text = "a,b\n1,\"never closed\n"
        for k in 0..<150 { text += "\(k),v\(k)\n" }
        text += "x,\"late\"close\"\n"
        let out = try readCSV(dir.write("lines.csv", text))
        XCTAssertEqual(out.quarantined.first?.location.line, 2)
        XCTAssertEqual(out.quarantined.first?.reason, "unterminated quoted field 2 (spans more than 100 lines)")
        XCTAssertEqual(out.rows.count, 150)
        XCTAssertEqual(out.rows.first?.line, 3)
        XCTAssertEqual(out.rows.last?.fields, ["149", "v149"])
        XCTAssertEqual(out.counts.read, 152)
    }

    func testCSVReader_UnterminatedQuoteOverByteLimitResumesAfterStartLine() throws {
        var format = CSVFormat()
        format.maxQuotedFieldBytes = 1000
        let text = "a,b\n1,\"" + String(repeating: "长", count: 400) + "\n2,3\n"
        let out = try readCSV(dir.write("bytes.csv", text), format: format)
        XCTAssertEqual(out.quarantined.map(\.reason), ["unterminated quoted field 2 (longer than 1000 bytes)"])
        XCTAssertEqual(out.rows.map(\.fields), [["2", "3"]])
    }

    func testCSVReader_GBKIsDetectedAndDecoded() throws {
        // 张三 in GBK is D5 C5 C8 FD; 户编号,姓名 and 李四 through iconv.
        let bytes = gbk("户编号,姓名\r\n") + Array("H1,".utf8) + [0xD5, 0xC5, 0xC8, 0xFD] + Array("\r\n".utf8) + gbk("H2,\"李四,\"\"五\"\"\"\r\n")
        let out = try readCSV(dir.write("wall.csv", bytes))
        XCTAssertEqual(out.reader.encoding, .gb18030)
        XCTAssertEqual(out.header, ["户编号", "姓名"])
        XCTAssertEqual(out.rows.map(\.fields), [["H1", "张三"], ["H2", "李四,\"五\""]])
        XCTAssertEqual(out.rows[0].raw, Array("H1,".utf8) + [0xD5, 0xC5, 0xC8, 0xFD, 0x0D, 0x0A])
    }

    func testCSVReader_GB18030FourByteCharacterDecodes() throws {
        // 㐀 (U+3400) is a four-byte GB18030 code: 81 39 EE 39.
        let bytes = Array("a,b\n".utf8) + gbk("张") + Array(",".utf8) + [0x81, 0x39, 0xEE, 0x39] + [0x0A]
        var format = CSVFormat()
        format.encoding = .gb18030
        let out = try readCSV(dir.write("four.csv", bytes), format: format)
        XCTAssertEqual(out.rows.map(\.fields), [["张", "\u{3400}"]])
    }

    func testCSVReader_UndecodableGBKByteQuarantinesOnlyItsRow() throws {
        let bytes = gbk("户编号,姓名\n张三,李四\n") + Array("H2,".utf8) + [0xD5, 0xFF] + Array("\n".utf8) + gbk("H3,王五\n")
        let out = try readCSV(dir.write("badgbk.csv", bytes))
        XCTAssertEqual(out.reader.encoding, .gb18030)
        XCTAssertEqual(out.rows.map(\.fields), [["张三", "李四"], ["H3", "王五"]])
        XCTAssertEqual(out.quarantined.map(\.reason), ["invalid GB18030 in field 2 (姓名)"])
        XCTAssertEqual(out.quarantined.first?.location.line, 3)
    }

    func testCSVReader_UndecodableUTF8ByteQuarantinesOnlyItsRow() throws {
        // A BOM makes the file UTF-8; the stray GBK pair on line 3 is then invalid UTF-8.
        let bytes = TextEncoding.utf8BOM + Array("a,b\n1,张三\n2,".utf8) + [0xD5, 0xC5] + Array("\n3,李四\n".utf8)
        let out = try readCSV(dir.write("badutf8.csv", bytes))
        XCTAssertEqual(out.reader.encoding, .utf8)
        XCTAssertEqual(out.rows.map(\.fields), [["1", "张三"], ["3", "李四"]])
        // The stray pair is GBK's 张: the reason says the row would read as GB18030.
        XCTAssertEqual(out.quarantined.map(\.reason), ["invalid UTF-8 in field 2 (b); the row is valid GB18030: if the file is GB18030, set the table's encoding to gbk or auto"])
        XCTAssertEqual(out.quarantined.first?.location.line, 3)
    }

    /// An ASCII header over GBK rows, declared UTF-8: the header reads, every row is refused,
    /// and each reason says the row is valid GB18030 (a row of Latin-1 bytes is not).
    func testCSVReader_GBKRowsUnderUTF8_ReasonNamesGB18030() throws {
        let bytes = Array("id,name\n".utf8) + gbk("1,张三\n2,李四\n") + Array("3,Caf".utf8) + [0xE9] + Array("\n".utf8)
        var format = CSVFormat()
        format.encoding = .utf8
        let out = try readCSV(dir.write("gbkrows.csv", bytes), format: format)
        XCTAssertEqual(out.rows.count, 0)
        let hint = "; the row is valid GB18030: if the file is GB18030, set the table's encoding to gbk or auto"
        XCTAssertEqual(out.quarantined.map(\.reason), ["invalid UTF-8 in field 2 (name)" + hint, "invalid UTF-8 in field 2 (name)" + hint, "invalid UTF-8 in field 2 (name)"])
        // And UTF-8 rows under a GB18030 declaration.
        format.encoding = .gb18030
        let utf8 = try readCSV(dir.write("utf8rows.csv", Array("id,name\n1,张三丰\n".utf8)), format: format)
        XCTAssertEqual(utf8.quarantined.map(\.reason), ["invalid GB18030 in field 2 (name); the row is valid UTF-8: if the file is UTF-8, set the table's encoding to utf-8 or auto"])
    }

    func testCSVReader_ForcedEncodingOverridesDetection() throws {
        var format = CSVFormat()
        format.encoding = .utf8
        let bytes = Array("a\n".utf8) + [0xD5, 0xC5, 0x0A] + Array("ok\n".utf8)
        let out = try readCSV(dir.write("forced.csv", bytes), format: format)
        XCTAssertEqual(out.reader.encoding, .utf8)
        XCTAssertEqual(out.rows.map(\.fields), [["ok"]])
        XCTAssertEqual(out.counts.quarantined, 1)
    }

    func testCSVReader_GzipIsDetectedByMagicBytes() throws {
        dir.write("h.csv", "户编号,姓名\nH1,张三\n")
        let gz = dir.gzip("h.csv")
        let out = try readCSV(gz)
        XCTAssertTrue(out.reader.isGzipped)
        XCTAssertEqual(out.rows.map(\.fields), [["H1", "张三"]])
    }

    func testCSVReader_GzipWithoutSuffixIsStillInflated() throws {
        dir.write("plain.csv", "a,b\n1,2\n")
        let disguised = dir.gzip("plain.csv", to: "disguised.csv")
        let out = try readCSV(disguised)
        XCTAssertTrue(out.reader.isGzipped)
        XCTAssertEqual(out.rows.map(\.fields), [["1", "2"]])
    }

    func testCSVReader_HeaderIsTrimmedAndProblemsWarned() throws {
        let out = try readCSV(dir.write("hdr.csv", " 户编号 ,姓名,,姓名\u{3000}\n1,2,3,4\n"))
        XCTAssertEqual(out.header, ["户编号", "姓名", "", "姓名"])
        XCTAssertEqual(out.reader.headerWarnings, ["column 3: empty header name", "column 4: duplicate header name 姓名 (first in column 2)"])
    }

    func testCSVReader_EmptyFileThrows() throws {
        let path = dir.write("empty.csv", "\n\n")
        XCTAssertThrowsError(try CSVReader(path: path, displayName: "empty.csv")) { error in
            XCTAssertEqual((error as? IngestError)?.description, "empty.csv: empty file: no header row")
        }
    }

    func testCSVReader_MissingFileThrows() {
        XCTAssertThrowsError(try CSVReader(path: dir.path("nope.csv"), displayName: "nope.csv")) { error in
            XCTAssertTrue("\(error)".hasPrefix("nope.csv: cannot open"), "\(error)")
        }
    }

    func testCSVReader_StringAtOutOfRangeIsEmpty() throws {
        let reader = try CSVReader(path: dir.write("r.csv", "a,b\n1,2\n"))
        _ = try reader.read({ row in
            XCTAssertEqual(row.string(at: 5), "")
            XCTAssertEqual(row.string(at: -1), "")
        }, quarantine: { _ in })
    }

    func testCSVReader_LastRowWithoutTerminator() throws {
        let out = try readCSV(dir.write("noterm.csv", "a,b\n1,2\n3,\"4\""))
        XCTAssertEqual(out.rows.map(\.fields), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(out.rows[1].raw, Array("3,\"4\"".utf8))
    }

    func testCSVReader_CustomDelimiterInGBKStepsOverTrailBytes() throws {
        // 倈 is 82 7C in GBK: its trail byte is `|`, which must not split the field.
        XCTAssertEqual(gbk("倈"), [0x82, 0x7C])
        let bytes = gbk("姓名|村\n倈|大河村\n")
        let out = try readCSV(dir.write("pipe.csv", bytes), format: CSVFormat(delimiter: UInt8(ascii: "|"), encoding: .gb18030))
        XCTAssertEqual(out.rows.map(\.fields), [["倈", "大河村"]])
    }

    func testCSVReader_RowsAcrossChunkBoundariesKeepLinesAndValues() throws {
        // ~3 MiB so rows and quoted newlines straddle the 1 MiB refills.
        var text = "id,name,note\n"
        var expectedLine = 2
        var lines: [Int] = []
        for k in 0..<40_000 {
            lines.append(expectedLine)
            if k % 7 == 0 {
                text += "\(k),\"张三\(k)\",\"多行\r\n备注,\"\"\(k)\"\"\"\r\n"
                expectedLine += 2
            } else {
                text += "\(k),李四\(k),普通备注内容\r\n"
                expectedLine += 1
            }
        }
        let out = try readCSV(dir.write("big.csv", text))
        XCTAssertEqual(out.counts, RowCounts(read: 40_000, accepted: 40_000, quarantined: 0))
        XCTAssertEqual(out.rows.map(\.line), lines)
        XCTAssertEqual(out.rows[7].fields, ["7", "张三7", "多行\r\n备注,\"7\""])
        XCTAssertEqual(out.rows[39_999].fields, ["39999", "李四39999", "普通备注内容"])
    }

    func testCSVReader_ReadTwiceThrows() throws {
        let reader = try CSVReader(path: dir.write("twice.csv", "a\n1\n"))
        _ = try reader.read({ _ in }, quarantine: { _ in })
        XCTAssertThrowsError(try reader.read({ _ in }, quarantine: { _ in }))
    }
}
