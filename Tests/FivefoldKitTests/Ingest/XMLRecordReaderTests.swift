import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class XMLRecordReaderTests: XCTestCase {
    let dir = TempDir()
    let archivePaths = XMLPaths(recordPath: "档案/户", memberPath: "成员列表/成员")

    func read(_ path: String, paths: XMLPaths? = nil, encoding: TextEncoding = .auto) throws -> ([XMLElementRecord], XMLReadResult) {
        let reader = try XMLRecordReader(path: path, displayName: "archive.xml", paths: paths ?? archivePaths, encoding: encoding)
        var records: [XMLElementRecord] = []
        let result = try reader.read { records.append($0) }
        XCTAssertEqual(result.records, records.count)
        return (records, result)
    }

    static let archive = """
        <?xml version="1.0" encoding="UTF-8"?>
        <档案>
          <户 户编号="H001" 状态="未脱贫">
            <户主姓名> 张三 </户主姓名>
            <家庭人口数>2</家庭人口数>
            <备注><![CDATA[a < b & c]]></备注>
            <地址><村>大河村</村></地址>
            <空/>
            <成员列表>
              <成员 序号="1"><姓名>张三</姓名><身份证号>52010119800101001X</身份证号></成员>
              <成员 序号="2"><姓名>李四</姓名><身份证号>520101198202020024</身份证号></成员>
            </成员列表>
          </户>
          <其他><户 户编号="NOT-A-RECORD"/></其他>
          <户 户编号="H002"><户主姓名>王五</户主姓名></户>
        </档案>
        """

    func testXMLRecordReader_AttributesChineseNamesAndMembers() throws {
        let (records, result) = try read(dir.write("a.xml", XMLRecordReaderTests.archive))
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.count, 2)
        let first = records[0]
        XCTAssertEqual(first.location, SourceLocation(file: "archive.xml", line: 3))
        XCTAssertEqual(first.values["@户编号"], "H001")
        XCTAssertEqual(first.values["@状态"], "未脱贫")
        XCTAssertEqual(first.values["户主姓名"], "张三")
        XCTAssertEqual(first.values["家庭人口数"], "2")
        XCTAssertEqual(first.values["备注"], "a < b & c")
        XCTAssertEqual(first.values["空"], "")
        XCTAssertNil(first.values["地址"], "a child with element children is ignored")
        XCTAssertNil(first.values["成员列表"])
        XCTAssertEqual(first.members.map { $0.values["姓名"] }, ["张三", "李四"])
        XCTAssertEqual(first.members[1].values["@序号"], "2")
        XCTAssertEqual(first.members[1].values["身份证号"], "520101198202020024")
        XCTAssertEqual(first.members[0].location.line, 10)
        XCTAssertEqual(records[1].values, ["@户编号": "H002", "户主姓名": "王五"])
        XCTAssertEqual(records[1].location.line, 15)
    }

    func testXMLRecordReader_SlotNamesFillPositionsAndKeepTheRestInValues() throws {
        let xml = """
            <档案>
              <户 户编号="H001" 状态="未脱贫"><户主姓名> 张三 </户主姓名><户主姓名>重复</户主姓名><家庭人口数>2</家庭人口数>
                <地址><村>大河村</村></地址><备注>x</备注>
                <成员列表><成员 序号="1"><姓名>张三</姓名><民族>汉</民族></成员><成员><姓名>李四</姓名></成员></成员列表>
              </户>
              <户><家庭人口数>3</家庭人口数></户>
            </档案>
            """
        let reader = try XMLRecordReader(path: dir.write("slots.xml", xml), displayName: "archive.xml", paths: archivePaths)
        var records: [XMLElementRecord] = []
        let names = XMLSlotNames(record: ["@户编号", "户主姓名", "家庭人口数", "户编号", "地址"], member: ["姓名", "@序号", "身份证号"])
        let result = try reader.read(slotNames: names) { records.append($0) }
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records[0].slots, ["H001", "张三", "2", nil, nil], "first occurrence wins; a child with children is not a value")
        XCTAssertEqual(records[0].values, ["@状态": "未脱贫", "备注": "x"], "names not asked for are kept, nothing is lost")
        XCTAssertEqual(records[0].members.map(\.slots), [["张三", "1", nil], ["李四", nil, nil]])
        XCTAssertEqual(records[0].members[0].values, ["民族": "汉"])
        XCTAssertEqual(records[0].members[0].location.line, 4)
        XCTAssertEqual(records[1].slots, [nil, nil, "3", nil, nil])
        XCTAssertEqual(records[1].location.line, 6)
    }

    func testXMLRecordReader_PrefixedAttributesKeepTheirPrefixInSlotsAndValues() throws {
        // A prefixed attribute is found by its "@prefix:name", never by its local name alone
        // (slot look-ups by interned pointer take only unprefixed names), in both modes.
        let xml = """
            <档案 xmlns:gb="urn:x">
              <户 gb:户编号="P1" 户编号="H1" gb:备注="p" 乡="x"><户主姓名>张三</户主姓名></户>
              <户 户编号="H2" gb:户编号="P2"/>
            </档案>
            """
        let path = try dir.write("prefixed.xml", xml)
        let names = XMLSlotNames(record: ["@gb:户编号", "@户编号", "户主姓名"])
        var slotted: [XMLElementRecord] = []
        _ = try XMLRecordReader(path: path, displayName: "a.xml", paths: archivePaths).read(slotNames: names) { slotted.append($0) }
        XCTAssertEqual(slotted.map(\.slots), [["P1", "H1", "张三"], ["P2", "H2", nil]])
        XCTAssertEqual(slotted[0].values, ["@gb:备注": "p", "@乡": "x"])
        let (plain, _) = try read(path)
        XCTAssertEqual(plain[0].values, ["@gb:户编号": "P1", "@户编号": "H1", "@gb:备注": "p", "@乡": "x", "户主姓名": "张三"])
        XCTAssertEqual(plain[1].values, ["@户编号": "H2", "@gb:户编号": "P2"])
    }

    func testInternedTable_AgreesWithADictionaryAcrossGrowth() {
        // 500 distinct "interned names" (addresses in one allocation), inserted in random order:
        // the table doubles several times; present names give their value, absent ones nil.
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 4000)
        defer { storage.deallocate() }
        var generator = SystemRandomNumberGenerator()
        let all = (0..<1000).map { UnsafePointer(storage + $0 * 4) }.shuffled(using: &generator)
        var table = InternedTable<Int>()
        var reference: [UnsafePointer<UInt8>: Int] = [:]
        for (i, name) in all.prefix(500).enumerated() {
            XCTAssertNil(table[name])
            table.insert(name, i)
            reference[name] = i
            if i % 50 == 0 {
                for probe in all { XCTAssertEqual(table[probe], reference[probe]) }
            }
        }
        for probe in all { XCTAssertEqual(table[probe], reference[probe]) }
    }

    func testXMLRecordReader_MissingMemberContainerGivesNoMembers() throws {
        let xml = "<档案><户 户编号=\"H1\"><户主姓名>张三</户主姓名></户></档案>"
        let (records, result) = try read(dir.write("m.xml", xml))
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.map(\.members.count), [0])
        XCTAssertEqual(records[0].values["户主姓名"], "张三")
    }

    func testXMLRecordReader_InterviewLayoutWithoutAttributes() throws {
        let xml = """
            <submissions><submission><户编号>H9</户编号><满意度>满意</满意度>
            <members><member><姓名>赵六</姓名><年龄>41</年龄></member></members></submission></submissions>
            """
        let paths = XMLPaths(record: ["submissions", "submission"], member: ["members", "member"])
        let (records, _) = try read(dir.write("s.xml", xml), paths: paths)
        XCTAssertEqual(records.first?.values, ["户编号": "H9", "满意度": "满意"])
        XCTAssertEqual(records.first?.members.first?.values, ["姓名": "赵六", "年龄": "41"])
    }

    func testXMLRecordReader_GBKTwoByteCodesOutsideTheBMPAreRead() throws {
        // FE51 is 𠂇 (U+20087) in glibc's GB18030: a two-byte code whose UTF-8 is four bytes.
        // Decoded as three, libxml2 stopped the whole archive at it ("Input is not proper UTF-8").
        let bytes = Array("<?xml version=\"1.0\" encoding=\"GBK\"?>\n".utf8)
            + gbk("<档案><户 户编号=\"H1\"><户主姓名>王") + [0xFE, 0x51] + gbk("明</户主姓名></户><户 户编号=\"H2\"/></档案>")
        let (records, result) = try read(dir.write("rare.xml", bytes))
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.map { $0.values["户主姓名"] }, ["王\u{20087}明", nil])
    }

    func testXMLRecordReader_UTF16FilesAreReadNotTakenForGBK() throws {
        // What Windows and .NET tools write for encoding="utf-16": with a byte-order mark (little
        // or big end first) or without one. Its bytes are no UTF-8, so the GB sniffing read it as
        // GB18030 and the archive broke off at its first byte.
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<档案><户 户编号=\"H1\"><户主姓名>张三</户主姓名></户>\n<户 户编号=\"H2\"/></档案>"
        let cases: [(String, [UInt8], String)] = [
            ("le-bom", [0xFF, 0xFE] + Array(xml.data(using: .utf16LittleEndian)!), "UTF-16LE"),
            ("be-bom", [0xFE, 0xFF] + Array(xml.data(using: .utf16BigEndian)!), "UTF-16BE"),
            ("le", Array(xml.data(using: .utf16LittleEndian)!), "UTF-16LE"),
        ]
        for (name, bytes, form) in cases {
            let reader = try XMLRecordReader(path: dir.write("u16-\(name).xml", bytes), paths: archivePaths)
            var records: [XMLElementRecord] = []
            let result = try reader.read { records.append($0) }
            XCTAssertNil(result.fatal, name)
            XCTAssertEqual(records.map { $0.values["户主姓名"] }, ["张三", nil], name)
            XCTAssertEqual(records.map { $0.values["@户编号"] }, ["H1", "H2"], name)
            XCTAssertEqual(records.map(\.location.line), [2, 3], name)
            XCTAssertEqual(reader.encodingName, form, name)
            XCTAssertEqual(try InputFormat.sniff(path: dir.path("u16-\(name).xml")), .xml, "inspect takes it for XML: \(name)")
        }
    }

    func testXMLRecordReader_GBKDeclaredFileIsConverted() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"GBK\"?>\n".utf8)
            + gbk("<档案><户 户编号=\"H1\"><户主姓名>") + [0xD5, 0xC5, 0xC8, 0xFD] + gbk("</户主姓名></户></档案>")
        let reader = try XMLRecordReader(path: dir.write("gbk.xml", bytes), paths: archivePaths)
        var records: [XMLElementRecord] = []
        let result = try reader.read { records.append($0) }
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.first?.values["户主姓名"], "张三")
        XCTAssertEqual(records.first?.values["@户编号"], "H1")
        XCTAssertEqual(reader.encodingName, "GB18030")
    }

    func testXMLRecordReader_InvalidGBKByteEndsFileAfterEarlierRecords() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"GBK\"?>\n".utf8) + gbk("<档案>\n<户><户主姓名>张三</户主姓名></户>\n<户><户主姓名>")
        bytes += [0xD5, 0xFF] + gbk("</户主姓名></户>\n</档案>\n")
        let (records, result) = try read(dir.write("badbyte.xml", bytes))
        XCTAssertEqual(records.map { $0.values["户主姓名"] }, ["张三"])
        XCTAssertEqual(result.fatal?.location?.line, 4)
        XCTAssertEqual(result.fatal?.message, "invalid GB18030 byte sequence")
    }

    func testXMLRecordReader_LargeGBKFileAcrossChunks() throws {
        var text = "<档案>\n"
        for k in 0..<30_000 { text += "<户 户编号=\"H\(k)\"><户主姓名>张三\(k)</户主姓名><村>大河村</村></户>\n" }
        text += "</档案>\n"
        let path = dir.write("bigg.xml", Array("<?xml version=\"1.0\" encoding=\"GB2312\"?>\n".utf8) + gbk(text))
        let (records, result) = try read(path)
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.count, 30_000)
        XCTAssertEqual(records.last?.values, ["@户编号": "H29999", "户主姓名": "张三29999", "村": "大河村"])
        XCTAssertEqual(records.last?.location.line, 30_002)
    }

    func testXMLRecordReader_GB2312DeclarationReadsGBKOnlyCharacters() throws {
        // 倈 exists in GBK but not GB2312: a GB2312 label is read as GB18030, its superset.
        let bytes = Array("<?xml version=\"1.0\" encoding=\"gb2312\"?>".utf8) + gbk("<档案><户><户主姓名>倈</户主姓名></户></档案>")
        let (records, result) = try read(dir.write("gb2312.xml", bytes))
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.first?.values["户主姓名"], "倈")
    }

    func testXMLRecordReader_UndeclaredGBKIsDetected() throws {
        let bytes = gbk("<档案><户><户主姓名>李四</户主姓名></户></档案>")
        let (records, result) = try read(dir.write("undeclared.xml", bytes))
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.first?.values["户主姓名"], "李四")
    }

    func testXMLRecordReader_EncodingOverrideBeatsDeclaration() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8) + gbk("<档案><户><户主姓名>王五</户主姓名></户></档案>")
        let (records, result) = try read(dir.write("override.xml", bytes), encoding: .gb18030)
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.first?.values["户主姓名"], "王五")
    }

    func testXMLRecordReader_GzippedFileWithoutSuffix() throws {
        dir.write("plain.xml", XMLRecordReaderTests.archive)
        let reader = try XMLRecordReader(path: dir.gzip("plain.xml", to: "survey.dat"), paths: archivePaths)
        var count = 0
        let result = try reader.read { _ in count += 1 }
        XCTAssertTrue(reader.isGzipped)
        XCTAssertNil(result.fatal)
        XCTAssertEqual(count, 2)
    }

    func testXMLRecordReader_TruncatedFileDeliversEarlierRecordsAndReportsLineAndColumn() throws {
        var xml = "<档案>\n"
        for k in 1...3 { xml += "<户 户编号=\"H\(k)\"><户主姓名>甲\(k)</户主姓名></户>\n" }
        xml += "<户 户编号=\"H4\"><户主姓名>乙</户主"  // cut off mid-tag
        let (records, result) = try read(dir.write("cut.xml", xml))
        XCTAssertEqual(records.map { $0.values["@户编号"] }, ["H1", "H2", "H3"])
        let fatal = try XCTUnwrap(result.fatal)
        XCTAssertEqual(fatal.location?.file, "archive.xml")
        XCTAssertEqual(fatal.location?.line, 5)
        XCTAssertNotNil(fatal.location?.column)
        XCTAssertTrue(fatal.description.hasPrefix("archive.xml:5:"), fatal.description)
    }

    func testXMLRecordReader_WhatTheHandlerThrowsStopsTheReadAndComesBack() throws {
        // Records reach the handler while libxml2 pulls its input; a handler that throws (a full
        // disk writing a spill file) stops the parse, and its error is what `read` throws.
        struct Full: Error {}
        var xml = "<档案>\n"
        for k in 1...5000 { xml += "<户 户编号=\"H\(k)\"><户主姓名>甲\(k)</户主姓名></户>\n" }
        xml += "</档案>\n"
        let reader = try XMLRecordReader(path: dir.write("many.xml", xml), displayName: "archive.xml", paths: archivePaths)
        var seen = 0
        XCTAssertThrowsError(try reader.read { _ in
            seen += 1
            if seen == 1200 { throw Full() }
        }) { XCTAssertTrue($0 is Full, "\($0)") }
        XCTAssertEqual(seen, 1200, "nothing after the throw")
    }

    func testXMLRecordReader_GzipCutOffDeliversEarlierRecordsAndSaysSo() throws {
        // A gzipped interview whose compressed stream is cut: the records inflated before the cut
        // are delivered, and the result names the read error (not a parse error).
        var xml = "<档案>\n"
        for k in 1...20000 { xml += "<户 户编号=\"H\(k)\"><户主姓名>甲\(k)</户主姓名></户>\n" }
        xml += "</档案>\n"
        dir.write("big.xml", xml)
        let whole = try Data(contentsOf: URL(fileURLWithPath: dir.gzip("big.xml")))
        let cut = dir.write("cut.xml.gz", Array(whole.prefix(whole.count / 2)))
        let (records, result) = try read(cut)
        XCTAssertGreaterThan(records.count, 1000)
        XCTAssertLessThan(records.count, 20000)
        XCTAssertEqual(records.map { $0.values["@户编号"] }, (1...records.count).map { "H\($0)" }, "in order, none skipped")
        let fatal = try XCTUnwrap(result.fatal)
        XCTAssertTrue(fatal.description.contains("truncated gzip data"), fatal.description)
    }

    func testXMLRecordReader_MismatchedTagIsFatalWithPlace() throws {
        let xml = "<档案>\n<户><户主姓名>甲</户主姓名></户>\n<户><户主姓名>乙</姓名></户>\n</档案>"
        let (records, result) = try read(dir.write("bad.xml", xml))
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(result.fatal?.location?.line, 3)
    }

    func testXMLRecordReader_BillionLaughsIsRefusedQuickly() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE 档案 [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <档案><户 户编号="&lol9;"><户主姓名>&lol9;</户主姓名></户></档案>
            """
        let start = DispatchTime.now()
        let (records, _) = try read(dir.write("laughs.xml", xml))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        XCTAssertLessThan(seconds, 2)
        for record in records {
            for value in record.values.values { XCTAssertLessThan(value.utf8.count, 10_000) }
        }
    }

    func testXMLRecordReader_ExternalEntityDoesNotLeakLocalFile() throws {
        let secret = "TOP-SECRET-4f8e2b"
        let secretPath = dir.write("secret.txt", secret)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE 档案 [
              <!ENTITY xxe SYSTEM "file://\(secretPath)">
              <!ENTITY % pe SYSTEM "file://\(secretPath)">
              %pe;
            ]>
            <档案><户 户编号="&xxe;"><户主姓名>&xxe;</户主姓名><成员列表><成员><姓名>&xxe;</姓名></成员></成员列表></户></档案>
            """
        let start = DispatchTime.now()
        let (records, result) = try read(dir.write("xxe.xml", xml))
        XCTAssertLessThan(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, 2)
        for record in records {
            for value in record.values.values + record.members.flatMap({ $0.values.values }) {
                XCTAssertFalse(value.contains(secret), "external entity leaked: \(value)")
            }
        }
        XCTAssertFalse((result.fatal?.description ?? "").contains(secret))
    }

    func testXMLRecordReader_MissingFileThrows() {
        XCTAssertThrowsError(try XMLRecordReader(path: dir.path("none.xml"), paths: archivePaths))
    }

    func testXMLRecordReader_AmpersandsInAttributesAndText() throws {
        let xml = "<档案><户 户编号=\"A&amp;B &#38;#38; &#x5F20;\"><户主姓名>C&amp;D &lt;x&gt;</户主姓名></户></档案>"
        let (records, result) = try read(dir.write("amp.xml", xml))
        XCTAssertNil(result.fatal)
        XCTAssertEqual(records.first?.values["@户编号"], "A&B &#38; 张")
        XCTAssertEqual(records.first?.values["户主姓名"], "C&D <x>")
    }

    func testXMLRecordReader_LineNumbersPastSixteenBits() throws {
        // libxml2 keeps element lines in 16 bits; records past line 65535 must still be exact.
        let xml = "<档案>\n" + String(repeating: "<!-- filler -->\n", count: 70_000) + "<户 户编号=\"H1\">\n<户主姓名>张三</户主姓名></户>\n</档案>\n"
        let (records, _) = try read(dir.write("long.xml", xml))
        XCTAssertEqual(records.first?.location.line, 70_002)
    }

    func testXMLPaths_ParsesSlashSeparatedPaths() {
        XCTAssertEqual(XMLPaths(recordPath: "/档案/户/", memberPath: " 成员列表 / 成员 "), XMLPaths(record: ["档案", "户"], member: ["成员列表", "成员"]))
        XCTAssertNil(XMLPaths(recordPath: "a/b", memberPath: "").member)
        XCTAssertNil(XMLPaths(recordPath: "a/b", memberPath: nil).member)
    }

    func testXMLRecordReader_DeclaredEncodingSniffing() {
        XCTAssertEqual(XMLRecordReader.declaredEncoding(Array("<?xml version=\"1.0\" encoding='GBK'?><a/>".utf8)), "GBK")
        XCTAssertNil(XMLRecordReader.declaredEncoding(Array("<?xml version=\"1.0\"?><a/>".utf8)))
        XCTAssertNil(XMLRecordReader.declaredEncoding(Array("<a encoding=\"x\"/>".utf8)))
    }
}
