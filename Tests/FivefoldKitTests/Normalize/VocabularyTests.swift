import XCTest
import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class VocabularyTests: XCTestCase {
    private let vocabulary = ShippedVocabulary.vocabulary

    private func assertLookups(
        _ vocab: String, _ expected: [String: [String]], file: StaticString = #filePath, line: UInt = #line
    ) {
        for (label, spellings) in expected {
            for spelling in spellings {
                XCTAssertEqual(
                    vocabulary.lookup(vocab, spelling), label, "\(vocab): \(spelling)", file: file, line: line)
            }
        }
    }

    // MARK: - The shipped file

    /// A replacement vocabulary without a code list the model needs (written before ethnicity
    /// was one) ran with exit 0 and refused every value of the field; a run now stops naming it.
    func testRun_StopsOnAVocabularyWithoutARequiredList() throws {
        let dir = TestTemporaryFolder.root.appendingPathComponent("fivefold-vocab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: repo.appendingPathComponent("pipelines/vocabulary.yaml"), encoding: .utf8)
        let start = try XCTUnwrap(shipped.range(of: "  # 民族. OFFICIAL")), end = try XCTUnwrap(shipped.range(of: "  # 文化程度 of members not in school."))
        try (String(shipped[..<start.lowerBound]) + String(shipped[end.lowerBound...])).write(to: dir.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        var config = try PipelineConfig.load(path: repo.appendingPathComponent("pipelines/five-unities.yaml").path)
        config.vocabularyFiles = [dir.appendingPathComponent("old.yaml").path]
        XCTAssertThrowsError(try PipelineRunner(config: config, options: .init(outputFolder: dir.appendingPathComponent("out").path)).loadVocabulary()) { error in
            XCTAssertTrue("\(error)".contains("vocabularies.ethnicity: the vocabulary has no code list ethnicity, which the canonical model needs"), "\(error)")
        }
    }

    func testShippedFile_IsCompleteAndConsistent() {
        XCTAssertEqual(vocabulary.problems(), [])
        for name in Vocabulary.requiredTables {
            XCTAssertNotNil(vocabulary.table(name), name)
        }
        XCTAssertEqual(
            Vocabulary.requiredTables,
            ["attribute", "boolean", "cause", "education", "ethnicity", "health", "house_grade", "house_safe", "household_type",
             "in_school", "labor", "relation", "satisfaction", "sex", "status"])
        XCTAssertEqual(Set(Vocabulary.requiredUnits), ["元", "公斤", "㎡"])
    }

    func testLookup_CanonicalValuesMapToThemselves() {
        for (name, table) in vocabulary.tables {
            for value in table.values {
                XCTAssertEqual(vocabulary.lookup(name, value), value, "\(name): \(value)")
            }
        }
    }

    func testLookup_Status() {
        assertLookups("status", [
            "未脱贫": ["预脱贫", "0", "2"],
            "已脱贫": ["已脱贫(享受政策)", "已脱贫（享受政策）", "已脱贫 (不再享受政策)", "已脱贫（不享受政策）", "已脱贫(不享受政策)", "脱贫", "稳定脱贫", "1", "4", "01"],
            "返贫": ["返贫户", "3"],
            "边缘户": ["边缘易致贫户"],
            "非贫困户": ["一般农户"],
        ])
        XCTAssertNil(vocabulary.lookup("status", "5"))
    }

    func testLookup_Attribute() {
        assertLookups("attribute", [
            "一般贫困户": ["01", "1", "08"],
            "低保贫困户": ["低保户", "02", "04", "07", "低保（全家）贫困户"],
            "特困供养贫困户": ["五保户", "特困户", "五保贫困户", "03", "05", "06"],
        ])
        XCTAssertNil(vocabulary.lookup("attribute", "09"))
    }

    func testLookup_Cause() {
        assertLookups("cause", [
            "因病": ["因病致贫", "01"], "因残": ["因残致贫"], "因学": ["因学致贫"], "因灾": ["因灾致贫"],
            "缺土地": ["缺地"], "缺水": ["缺水致贫"], "缺技术": ["缺少技术"], "缺劳力": ["缺劳动力"],
            "缺资金": ["缺少资金", "9"], "交通条件落后": ["交通落后"], "自身发展动力不足": ["发展动力不足", "11"],
        ])
        XCTAssertNil(vocabulary.lookup("cause", "因懒"))
    }

    func testLookup_HouseGradeAndSafety() {
        assertLookups("house_grade", [
            "A": ["a", "Ａ", "A级", "a级", "Ａ级", "1"], "B": ["b级"], "C": ["C级危房", "c"], "D": ["D级", "4"],
        ])
        assertLookups("house_safe", ["安全": ["安全", "是", "1"], "不安全": ["危房", "否", "0"]])
    }

    func testLookup_SatisfactionAndHouseholdType() {
        assertLookups("satisfaction", ["满意": ["非常满意"], "基本满意": ["比较满意"], "不满意": ["很不满意"]])
        assertLookups("household_type", [
            "农场主型": ["农场主"], "产业务工型": ["产业务工"], "商业贸易型": ["商贸型"], "合作发展型": ["合作发展"],
            "专业技能型": ["专业技能"], "政策保障型": ["兜底保障型"],
        ])
    }

    func testLookup_Relation() {
        assertLookups("relation", [
            "户主": ["本人", "02", "1"], "配偶": ["妻", "夫", "妻子", "丈夫", "12"], "之子": ["儿子", "子", "长子", "20"],
            "之女": ["女儿", "女", "30"], "之儿媳": ["儿媳", "38"], "之女婿": ["女婿", "28"], "之孙子": ["孙子", "外孙子"],
            "之孙女": ["孙女"], "之父": ["父亲", "51"], "之母": ["母亲", "52"], "兄弟姐妹": ["弟弟", "姐姐", "70"],
            "其他": ["岳父", "侄子", "99"],
        ])
    }

    func testLookup_SexAndBoolean() {
        assertLookups("sex", ["男": ["男性", "1", "M", "m"], "女": ["女性", "2", "F", "f"]])
        assertLookups("boolean", [
            "是": ["是", "Y", "y", "1", "√", "有", "true", "TRUE", "已参保", "Ｙ", "1.0", "新农合", "城乡居民医保"],
            "否": ["否", "N", "n", "0", "×", "无", "false", "未参保"],
        ])
    }

    func testLookup_Education() {
        assertLookups("education", [
            "文盲或半文盲": ["文盲", "半文盲", "90"], "小学": ["小学文化", "80"], "初中": ["初中毕业", "70"],
            "高中": ["普通高中", "60"], "中专": ["技校", "职高", "40"], "大专及以上": ["本科", "研究生", "大专", "20", "高职"],
        ])
    }

    func testLookup_InSchoolFinerGrades() {
        assertLookups("in_school", [
            "非在校生": ["非在校生", "不在校"],
            "学前": ["学龄前儿童", "学前教育", "幼儿园"],
            "小学": ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "小学三年级", "3年级"],
            "初中": ["七年级", "八年级", "九年级", "初一", "初二", "初三", "初中二年级"],
            "高中": ["普通高中一年级", "普通高中二年级", "普通高中三年级", "高一", "高二", "高三"],
            "中职": ["中职一年级", "中职二年级", "中职三年级", "中专"],
            "高职": ["高职一年级", "高职三年级"],
            "大专及以上": ["大专", "本科三年级", "本科一年级", "研究生", "大一"],
        ])
    }

    func testLookup_HealthAndLabor() {
        assertLookups("health", ["健康": ["良好"], "长期慢性病": ["慢性病"], "患有大病": ["大病"], "残疾": ["残疾人", "肢体残疾", "一级残疾", "残疾四级"]])
        assertLookups("labor", [
            "普通劳动力": ["普通劳力"], "技能劳动力": ["技术劳动力"], "弱劳动力或半劳动力": ["弱劳动力", "半劳动力"],
            "丧失劳动力": ["丧失劳动能力"], "无劳动能力": ["无劳动力"],
        ])
    }

    func testLookup_UnknownVocabularyOrValueIsNil() {
        XCTAssertNil(vocabulary.lookup("no_such_list", "是"))
        XCTAssertNil(vocabulary.lookup("sex", "未知"))
        XCTAssertNil(vocabulary.lookup("sex", ""))
    }

    func testUnits() throws {
        let wan = try XCTUnwrap(vocabulary.unit("万元"))
        XCTAssertEqual(wan.canonical, "元")
        XCTAssertEqual(wan.factor, "10000")
        XCTAssertEqual(vocabulary.unit("斤")?.factor, "0.5")
        XCTAssertEqual(vocabulary.unit("斤")?.canonical, "公斤")
        XCTAssertEqual(vocabulary.unit("KG")?.canonical, "公斤")
        XCTAssertEqual(vocabulary.unit("千克")?.factor, "1")
        XCTAssertEqual(vocabulary.unit("吨")?.factor, "1000")
        XCTAssertEqual(vocabulary.unit("平方米")?.canonical, "㎡")
        XCTAssertEqual(vocabulary.unit("ｍ２")?.canonical, "㎡")
        XCTAssertNil(vocabulary.unit("亩"))
        XCTAssertTrue(vocabulary.isCountSuffix("人"))
        XCTAssertTrue(vocabulary.isCountSuffix("个月"))
        XCTAssertFalse(vocabulary.isCountSuffix("元"))
    }

    // MARK: - Codes

    func testCodeKey_DropsLeadingZerosAndZeroFraction() {
        XCTAssertEqual(Vocabulary.Table.codeKey("01"), "1")
        XCTAssertEqual(Vocabulary.Table.codeKey("0"), "0")
        XCTAssertEqual(Vocabulary.Table.codeKey("00"), "0")
        XCTAssertEqual(Vocabulary.Table.codeKey("1.0"), "1")
        XCTAssertEqual(Vocabulary.Table.codeKey("10"), "10")
        XCTAssertEqual(Vocabulary.Table.codeKey("１０"), "10")
        XCTAssertEqual(Vocabulary.Table.codeKey("1.5"), "1.5")
        XCTAssertEqual(Vocabulary.Table.codeKey("A"), "a")
    }

    // MARK: - Extending and replacing

    func testMerged_ExtensionAddsSynonymsValuesAndCodes() throws {
        let extensionFile = try Vocabulary.parse(yaml: """
            vocabularies:
              cause:
                values: [因婚]
                synonyms:
                  因病: [看病贵]
                  因婚: [彩礼]
                codes:
                  "12": 因婚
              sex:
                synonyms:
                  女: [M]          # later wins, however odd
            units:
              元: {千元: 1000}
            count_suffixes: [只]
            """)
        let merged = vocabulary.merged(with: extensionFile)
        XCTAssertEqual(merged.lookup("cause", "看病贵"), "因病")
        XCTAssertEqual(merged.lookup("cause", "因病致贫"), "因病")  // base synonyms kept
        XCTAssertEqual(merged.lookup("cause", "彩礼"), "因婚")
        XCTAssertEqual(merged.lookup("cause", "12"), "因婚")
        XCTAssertEqual(merged.lookup("cause", "01"), "因病")
        XCTAssertEqual(merged.table("cause")?.values.last, "因婚")
        XCTAssertEqual(merged.table("cause")?.values.first, "因病")
        XCTAssertEqual(merged.lookup("sex", "M"), "女")
        XCTAssertEqual(merged.unit("千元")?.factor, "1000")
        XCTAssertEqual(merged.unit("万元")?.factor, "10000")
        XCTAssertTrue(merged.isCountSuffix("只"))
        XCTAssertTrue(merged.isCountSuffix("人"))
        XCTAssertEqual(merged.problems(), [])
        // The base is unchanged.
        XCTAssertNil(vocabulary.lookup("cause", "看病贵"))
    }

    func testMerged_ValueAddedByExtensionTakesBackItsSpelling() throws {
        // The base reads 预脱贫 as 未脱贫; a province that keeps 预脱贫 as its own status says so.
        let extensionFile = try Vocabulary.parse(yaml: """
            vocabularies:
              status:
                values: [预脱贫]
            """)
        let merged = vocabulary.merged(with: extensionFile)
        XCTAssertEqual(merged.lookup("status", "预脱贫"), "预脱贫")
        XCTAssertEqual(merged.lookup("status", "稳定脱贫"), "已脱贫")
    }

    func testMerged_ReplaceModeReplacesTheWholeTable() throws {
        let extensionFile = try Vocabulary.parse(yaml: """
            vocabularies:
              satisfaction:
                mode: replace
                values: [满意, 不满意]
                synonyms:
                  不满意: [基本满意]
            """)
        let merged = vocabulary.merged(with: extensionFile)
        XCTAssertEqual(merged.table("satisfaction")?.values, ["满意", "不满意"])
        XCTAssertEqual(merged.lookup("satisfaction", "基本满意"), "不满意")
        XCTAssertNil(merged.lookup("satisfaction", "非常满意"))
        XCTAssertEqual(merged.table("satisfaction")?.replacesBase, false)
    }

    // MARK: - File errors

    func testParse_ScalarsStayText() throws {
        let parsed = try Vocabulary.parse(yaml: """
            vocabularies:
              boolean:
                values: [是, 否]
                synonyms:
                  是: [yes, Y, on, true]
                  否: [no, N, off, false]
                codes:
                  01: 是
                  00: 否
            """)
        XCTAssertEqual(parsed.lookup("boolean", "YES"), "是")
        XCTAssertEqual(parsed.lookup("boolean", "off"), "否")
        XCTAssertEqual(parsed.lookup("boolean", "1"), "是")
        XCTAssertEqual(parsed.lookup("boolean", "0"), "否")
    }

    func testParse_ErrorsNameTheLineAndWhatWasExpected() {
        func message(_ yaml: String) -> String {
            do {
                _ = try Vocabulary.parse(yaml: yaml, path: "p.yaml")
                return "no error"
            } catch {
                return String(describing: error)
            }
        }
        XCTAssertEqual(
            message("vocabularys:\n  sex: {}\n"),
            "p.yaml:1:1: unknown key vocabularys (expected version, vocabularies, units or count_suffixes)")
        XCTAssertEqual(
            message("vocabularies:\n  sex:\n    valus: [男]\n"),
            "p.yaml:3:5: vocabularies.sex: unknown key valus (expected mode, values, synonyms or codes)")
        XCTAssertEqual(
            message("vocabularies:\n  sex:\n    values: [男, 女]\n    synonyms:\n      男: [M]\n      女: [m]\n"),
            "p.yaml:6:11: vocabularies.sex: m means 女 here but 男 earlier (line 5)")
        XCTAssertEqual(
            message("units:\n  元:\n    万元: lots\n"),
            "p.yaml:3:9: units.元.万元: factor lots is not a positive decimal number")
        XCTAssertEqual(
            message("vocabularies:\n  sex:\n    mode: merge\n"),
            "p.yaml:3:11: vocabularies.sex.mode: merge (expected extend or replace)")
        XCTAssertEqual(message("vocabularies: ["), "p.yaml:2:1: not valid YAML: did not find expected node content (while parsing a flow node)")
        XCTAssertEqual(
            message("vocabularies:\n  sex:\n    values: [男]\n  sex:\n    values: [女]\n"),
            "p.yaml:2:3: not valid YAML: \"sex\" is given twice in one mapping, where YAML allows a key once: keep one entry and put everything for that key in it")
        XCTAssertEqual(message("vocabularies:\n  sex:\n    values: 男\n"), "p.yaml:3:13: vocabularies.sex.values must be a list")
    }

    func testLoad_MissingFileIsAnError() {
        XCTAssertThrowsError(try Vocabulary.load(path: "/nonexistent/vocabulary.yaml")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("/nonexistent/vocabulary.yaml: cannot read"))
        }
    }

    func testProblems_ReportInconsistencies() throws {
        let broken = try Vocabulary.parse(yaml: """
            vocabularies:
              sex:
                values: [男, 女]
                synonyms:
                  男性: [男的]
                codes:
                  "1": 男士
            units:
              公斤: {斤: 0.5}
            """)
        let problems = broken.problems()
        XCTAssertTrue(problems.contains("vocabulary status is missing"))
        XCTAssertTrue(problems.contains("vocabulary sex: synonym 男的 maps to 男性, which is not one of its values"))
        XCTAssertTrue(problems.contains("vocabulary sex: code 1 maps to 男士, which is not one of its values"))
        XCTAssertTrue(problems.contains("unit 元 is missing (it needs an entry 元: 1 under units.元)"))
        XCTAssertTrue(problems.contains("unit 斤 converts to 公斤, which is not itself a unit"))
    }
}
