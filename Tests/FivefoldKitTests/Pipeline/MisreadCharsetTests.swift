import XCTest
@testable import FivefoldPipeline

/// Header names that are UTF-8 misread in another character set are read back for the mapping
/// error. The garbled names below were made by Python's codecs (`"户编号".encode("utf-8")
/// .decode("cp1252", errors="replace")`, `"latin-1"`, `"gbk"`), not by the code under test.
final class MisreadCharsetTests: XCTestCase {
    func testWindows1252_ReadsBackWithTheByteOrderMarkDropped() {
        // Latin-1 keeps the bytes Windows-1252 leaves undefined as C1 controls: lossless.
        let latin1 = MisreadCharset.readBack("ï»¿æ\u{88}·ç¼\u{96}å\u{8f}·")
        XCTAssertEqual(latin1, .init(charset: "Windows-1252", found: "ï»¿æ\u{88}·ç¼\u{96}å\u{8f}·", original: "户编号"))
        // Windows-1252 proper: its specials (ˆ –) map back, the undefined 0x8F came back as U+FFFD.
        XCTAssertEqual(MisreadCharset.readBack("ï»¿æˆ·ç¼–å\u{FFFD}·")?.original, "户编\u{FFFD}")
        XCTAssertEqual(MisreadCharset.readBack("å®¶åº\u{AD}äººå\u{FFFD}£æ•°")?.original, "家庭人\u{FFFD}数")
        // Two characters lost (证 and 号 both hold an undefined byte), one run of U+FFFD.
        XCTAssertEqual(MisreadCharset.readBack("æˆ·ä¸»èº«ä»½è¯\u{FFFD}å\u{FFFD}·")?.original, "户主身份\u{FFFD}")
        // LibreOffice reads an undefined byte as U+F100 plus the byte (0x8F → U+F18F).
        XCTAssertEqual(MisreadCharset.readBack("ï»¿æˆ·ç¼–å\u{F18F}·")?.original, "户编号")
        // A program that writes ? for what it cannot map.
        XCTAssertEqual(MisreadCharset.readBack("æˆ·ç¼–å?·")?.original, "户编\u{FFFD}")
    }

    func testGBK_ReadsBack() {
        XCTAssertEqual(MisreadCharset.readBack("锘挎埛缂栧彿"), .init(charset: "GBK", found: "锘挎埛缂栧彿", original: "户编号"))
        // An odd byte count: the last character's third byte was lost with the comma after it.
        XCTAssertEqual(MisreadCharset.readBack("瀹跺涵浜哄彛鏁\u{FFFD}")?.original, "家庭人口\u{FFFD}")
        XCTAssertEqual(MisreadCharset.readBack("鎴风紪鍙?")?.original, "户编\u{FFFD}")
    }

    func testHeadersThatAreRight_AreLeftAlone() {
        // Every header of the shipped sample, GBK files included, and what exports really contain.
        for name in ["户编号", "行政区划代码", "户主姓名", "户主身份证号", "家庭人口数", "人均纯收入（元）", "住房安全等级", "脱贫年度",
                     "识别标准", "贫困户属性", "致贫原因", "注册资本(万元)", "住房面积（㎡）", "Café", "hu_bianhao", "id", "", "？", "户编号?"] {
            XCTAssertNil(MisreadCharset.readBack(name), name)
        }
        XCTAssertNil(MisreadCharset.diagnose(["户编号", "户主姓名", "人均纯收入（元）"], wanted: ["人均纯收入"]))
    }

    func testDiagnose_PrefersTheNameWanted() {
        let found = ["ï»¿æ\u{88}·ç¼\u{96}å\u{8f}·", "è¡\u{8c}æ\u{94}¿å\u{8c}ºå\u{88}\u{92}ä»£ç\u{A0}\u{81}", "å®¶åº\u{AD}äººå\u{8f}£æ\u{95}°"]
        XCTAssertEqual(MisreadCharset.diagnose(found, wanted: ["家庭人口数"])?.original, "家庭人口数")
        XCTAssertEqual(MisreadCharset.diagnose(found, wanted: ["行政区划代码"])?.original, "行政区划代码")
        XCTAssertEqual(MisreadCharset.diagnose(found, wanted: ["其他"])?.original, "户编号")
    }

    /// Under a table declared GBK the misreading may be the run's own: the hint says both.
    func testHint_UnderADeclaredGBKTable_NamesTheEncodingKey() {
        let found = ["锘挎埛缂栧彿", "琛屾斂鍖哄垝浠ｇ爜"]
        let declared = MisreadCharset.hint(found, wanted: ["户编号"], declared: "gb18030")
        XCTAssertEqual(declared, "the file's text is UTF-8 read as GBK (its header \"锘挎埛缂栧彿\" reads \"户编号\" as UTF-8): if the file is UTF-8, set this table's encoding to utf-8 or auto instead of gb18030; if a program read it as GBK and saved it again, every value in it is garbled too: export it again from its source")
        let auto = MisreadCharset.hint(found, wanted: ["户编号"], declared: "auto")
        XCTAssertTrue(auto?.hasPrefix("the file looks like UTF-8 text that a program read as GBK and saved again") ?? false, auto ?? "nil")
    }
}
