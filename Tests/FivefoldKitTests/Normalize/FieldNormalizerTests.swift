import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class FieldNormalizerTests: XCTestCase {
    private let normalizer = ShippedVocabulary.normalizer

    private func value(_ raw: String, _ kind: FieldKind) -> String? {
        normalizer.normalize(raw, kind: kind).normalized
    }

    private func problem(_ raw: String, _ kind: FieldKind) -> String? {
        normalizer.normalize(raw, kind: kind).problem
    }

    func testBlank_IsNeitherValueNorProblem() {
        let kinds: [FieldKind] = [
            .text, .personName, .idNumber, .regionCode, .integer, .year, .quantity(unit: "元"), .date, .boolean,
            .enumeration("status"), .set("health"), .set(nil), .phone,
        ]
        for kind in kinds {
            for raw in ["", "   ", "\u{3000}", "\t\u{00A0}\n"] {
                let result = normalizer.normalize(raw, kind: kind)
                XCTAssertTrue(result.isBlank, "\(kind) \(raw.debugDescription)")
                XCTAssertEqual(result.raw, raw)
            }
        }
        XCTAssertTrue(normalizer.normalize("、,;", kind: .set("health")).isBlank)
    }

    func testRaw_IsKeptExactly() {
        let result = normalizer.normalize(" ３人 ", kind: .integer)
        XCTAssertEqual(result.raw, " ３人 ")
        XCTAssertEqual(result.normalized, "3")
    }

    func testText_AndPersonName() {
        XCTAssertEqual(value("  产业\u{3000}扶贫  ", .text), "产业 扶贫")
        XCTAssertEqual(value("买买提 • 艾力", .personName), "买买提·艾力")
        XCTAssertEqual(value("买买提．艾力", .personName), "买买提·艾力")
        XCTAssertEqual(value("张 三", .personName), "张三")
    }

    /// Regression: a formula's error value saved as text (#N/A from a VLOOKUP that found
    /// nothing) was a valid name, so a household "had" a cadre called #N/A. It is refused for
    /// every kind; texts that only start like one stay what they are.
    func testSpreadsheetErrorValues_RefusedForEveryKind() {
        let kinds: [FieldKind] = [
            .text, .personName, .idNumber, .regionCode, .integer, .year, .quantity(unit: "元"), .date, .boolean,
            .enumeration("status"), .set("health"), .set(nil), .phone,
        ]
        for kind in kinds {
            for raw in ["#N/A", " #N/A ", "#n/a", "＃N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "Err:502", "Err:511"] {
                let result = normalizer.normalize(raw, kind: kind)
                XCTAssertNil(result.normalized, "\(kind) \(raw)")
                XCTAssertEqual(result.problem?.hasPrefix("电子表格公式的错误值"), true, "\(kind) \(raw): \(result.problem ?? "nil")")
            }
        }
        for text in ["#1栋", "#N/A号", "Err:50", "Err:5021", "Error", "E", "#", "Err：502x"] {
            XCTAssertEqual(value(text, .text), TextNormalizer.fold(text), text)
        }
        // N/A without the # is no error value but a placeholder: blank (testPlaceholders_AreBlank).
        XCTAssertNil(normalizer.normalize("N/A", kind: .text).problem)
        XCTAssertEqual(value("Err", .personName), "Err")
    }

    /// 民族 as exports write it: the name without 族, the GB/T 3304 code, an old name. Read as
    /// text before, 汉 against 汉族 was a 五个统一 mismatch for every member (216 findings instead
    /// of 59 on the sample with its system's 民族 so written).
    func testEthnicity_NamesShortFormsAndGBT3304Codes() {
        let kind = FieldKind.enumeration("ethnicity")
        for (raw, expected) in [("汉族", "汉族"), ("汉", "汉族"), ("01", "汉族"), ("1", "汉族"), ("06", "苗族"), ("苗", "苗族"), ("09", "布依族"),
                                ("37", "仡佬族"), ("布依", "布依族"), ("毛难族", "毛南族"), ("维族", "维吾尔族"), ("56", "基诺族"), ("土", "土族"),
                                ("土家", "土家族"), ("穿青人", "穿青人"), ("97", "其他"), ("未识别民族", "其他"), ("98", "外国血统中国籍人士")] {
            XCTAssertEqual(normalizer.normalize(raw, kind: kind).normalized, expected, raw)
        }
        for raw in ["革家", "57", "汉族人"] {
            XCTAssertNotNil(normalizer.normalize(raw, kind: kind).problem, raw)
        }
        // 59 values: the refusal names the first ten and the count, not a 300-character cell.
        XCTAssertEqual(normalizer.normalize("革家", kind: kind).problem,
                       "不在代码表 ethnicity（汉族、蒙古族、回族、藏族、维吾尔族、苗族、彝族、壮族、布依族、朝鲜族…共59项）中: 革家")
        XCTAssertEqual(ShippedVocabulary.vocabulary.table("ethnicity")?.values.count, 59, "56 民族 of GB/T 3304, 穿青人, 其他, 外国血统中国籍人士")
    }

    func testInteger() {
        XCTAssertEqual(value("3", .integer), "3")
        XCTAssertEqual(value("３", .integer), "3")
        XCTAssertEqual(value("3人", .integer), "3")
        XCTAssertEqual(value("3 口", .integer), "3")
        XCTAssertEqual(value("12个月", .integer), "12")
        XCTAssertEqual(value("03", .integer), "3")
        XCTAssertEqual(value("3.0", .integer), "3")
        XCTAssertEqual(value("1,200", .integer), "1200")
        XCTAssertEqual(value("0", .integer), "0")
        XCTAssertEqual(problem("3.5", .integer), "不是整数: 3.5")
        XCTAssertEqual(value("三", .integer), "3", "Chinese numerals (ChineseNumeral), since 2026-12-07")
        XCTAssertEqual(problem("三元", .integer), "不是有效整数: 三元")
        XCTAssertEqual(problem("3元", .integer), "不是有效整数: 3元")
        XCTAssertEqual(problem("3-4", .integer), "不是有效整数: 3-4")
        XCTAssertEqual(problem(String(repeating: "9", count: 40), .integer), "数值过大: \(String(repeating: "9", count: 40))")
    }

    func testYear() {
        XCTAssertEqual(value("2016", .year), "2016")
        XCTAssertEqual(value("2016年", .year), "2016")
        XCTAssertEqual(value("２０１６年度", .year), "2016")
        XCTAssertEqual(value("2016.0", .year), "2016")
        XCTAssertEqual(problem("16", .year), "不是有效年份: 16")
        XCTAssertEqual(problem("2016-03-05", .year), "不是有效年份: 2016-03-05")
        XCTAssertEqual(value("二〇一六年", .year), "2016", "written digit by digit (ChineseNumeral.year), since 2026-12-07")
        XCTAssertEqual(problem("一六年", .year), "不是有效年份: 一六年")
    }

    func testQuantity_UnitsSeparatorsAndTrailingZeros() {
        let yuan = FieldKind.quantity(unit: "元")
        let kg = FieldKind.quantity(unit: "公斤")
        let area = FieldKind.quantity(unit: "㎡")
        XCTAssertEqual(value("1.2万元", yuan), "12000")
        XCTAssertEqual(value("1.2万", yuan), "12000")
        XCTAssertEqual(value("3,500 元", yuan), "3500")
        XCTAssertEqual(value("3，500元", yuan), "3500")
        XCTAssertEqual(value("３５００", yuan), "3500")
        XCTAssertEqual(value("75.50", yuan), "75.5")
        XCTAssertEqual(value("75.00", yuan), "75")
        XCTAssertEqual(value("0.00", yuan), "0")
        XCTAssertEqual(value("-120.5", yuan), "-120.5")
        XCTAssertEqual(value("¥3500", yuan), "3500")
        XCTAssertEqual(value("3500元/人", yuan), "3500")
        XCTAssertEqual(value("0.35万元", yuan), "3500")
        XCTAssertEqual(value("1,234,567.50", yuan), "1234567.5")
        XCTAssertEqual(value("800斤", kg), "400")
        XCTAssertEqual(value("801斤", kg), "400.5")
        XCTAssertEqual(value("1.5吨", kg), "1500")
        XCTAssertEqual(value("400公斤", kg), "400")
        XCTAssertEqual(value("400 KG", kg), "400")
        XCTAssertEqual(value("400千克", kg), "400")
        XCTAssertEqual(value("120平方米", area), "120")
        XCTAssertEqual(value("120㎡", area), "120")
        XCTAssertEqual(value("120 m2", area), "120")
        XCTAssertEqual(value("120ｍ２", area), "120")
    }

    /// A registry's 注册资本(万元) is counted in 万元, itself a spelling of 10000 元: a cell that
    /// names its unit (50万元, 50万人民币, 500000元) was refused as 单位不符, and the business
    /// dropped out of eligibility.business without a word.
    func testQuantity_InACanonicalUnitThatIsAPowerOfTenOfAnother() {
        let wan = FieldKind.quantity(unit: "万元")
        XCTAssertEqual(value("50", wan), "50")
        XCTAssertEqual(value("50万元", wan), "50")
        XCTAssertEqual(value("50万", wan), "50")
        XCTAssertEqual(value("50万人民币", wan), "50")
        XCTAssertEqual(value("50.000000万元人民币", wan), "50")
        XCTAssertEqual(value("500000元", wan), "50")
        XCTAssertEqual(value("5,000元", wan), "0.5")
        XCTAssertEqual(value("3500人民币", .quantity(unit: "元")), "3500")
        XCTAssertEqual(problem("50斤", wan), "单位不符: 50斤 (应为万元)")
        XCTAssertEqual(problem("50亩", wan), "无法识别的单位: 50亩 (应为万元)")
    }

    func testQuantity_Problems() {
        let yuan = FieldKind.quantity(unit: "元")
        XCTAssertEqual(problem("800斤", yuan), "单位不符: 800斤 (应为元)")
        XCTAssertEqual(problem("800亩", yuan), "无法识别的单位: 800亩 (应为元)")
        XCTAssertEqual(problem("约3000", yuan), "不是有效数值: 约3000 (应为以元计的数)")
        XCTAssertEqual(problem("3,50", yuan), "不是有效数值: 3,50 (应为以元计的数)")
        XCTAssertEqual(problem("3000-4000", yuan), "不是有效数值: 3000-4000 (应为以元计的数)")
        XCTAssertEqual(problem("1.2.3", yuan), "不是有效数值: 1.2.3 (应为以元计的数)")
        let huge = "1" + String(repeating: "0", count: 30)
        XCTAssertEqual(problem(huge, yuan), "数值过大: \(huge)")
        XCTAssertEqual(problem(huge, .integer), "数值过大: \(huge)")
        let odd = FieldNormalizer(vocabulary: Vocabulary(units: [Vocabulary.Unit(name: "怪", canonical: "元", factor: "0.123")!]))
        XCTAssertEqual(odd.normalize("999999999999999999怪", kind: yuan).problem, "数值过大: 999999999999999999怪")
        // A unit the vocabulary does not list is still accepted when it is the field's own unit.
        XCTAssertEqual(value("3亩", .quantity(unit: "亩")), "3")
    }

    func testDate() {
        XCTAssertEqual(value("2016/3/5", .date), "2016-03-05")
        XCTAssertEqual(value("42434", .date), "2016-03-05")
        XCTAssertEqual(problem("2016年2月30日", .date), "不是有效日期: 2016年2月30日")
        XCTAssertEqual(problem(" 昨天 ", .date), "不是有效日期: 昨天")
    }

    func testBoolean() {
        for yes in ["是", "Y", "y", "1", "√", "有", "true", "已参保", "Ｙ", "有保障", "已保障"] {
            XCTAssertEqual(value(yes, .boolean), "是", yes)
        }
        for no in ["否", "N", "n", "0", "×", "无", "false", "未参保", "无保障", "未保障"] {
            XCTAssertEqual(value(no, .boolean), "否", no)
        }
        XCTAssertEqual(problem("也许", .boolean), "不是有效的是/否值: 也许")
    }

    /// The insurance registry's 参保状态 as 医保 systems export it. A suspended or ended
    /// enrolment was refused, so the registry row said nothing and exit.medical lost its
    /// evidence: the sample with 未参保 written 终止参保 (or 停保, 暂停参保) ran with 58
    /// findings instead of 59, no warning.
    func testBoolean_InsuranceEnrolmentStates() {
        for yes in ["正常参保", "参保缴费", "正常缴费", "已缴费", "在保"] {
            XCTAssertEqual(value(yes, .boolean), "是", yes)
        }
        for no in ["停保", "暂停参保", "终止参保", "中止参保", "中断参保", "断保", "退保", "未缴费", "暂停缴费"] {
            XCTAssertEqual(value(no, .boolean), "否", no)
        }
    }

    func testEnumeration() {
        XCTAssertEqual(value("稳定脱贫", .enumeration("status")), "已脱贫")
        XCTAssertEqual(value("2", .enumeration("status")), "未脱贫")
        XCTAssertEqual(value("因病致贫", .enumeration("cause")), "因病")
        XCTAssertEqual(value("普通高中二年级", .enumeration("in_school")), "高中")
        // The refusal names the list and its values: which list to extend, and what to write.
        XCTAssertEqual(problem("因懒", .enumeration("cause")),
                       "不在代码表 cause（因病、因残、因学、因灾、缺土地、缺水、缺技术、缺劳力、缺资金、交通条件落后、自身发展动力不足、其他）中: 因懒")
        XCTAssertEqual(problem("x", .enumeration("nope")), "代码表 nope 未定义")
    }

    /// What exports write for "no value" reads as a blank cell (no value, no problem): a
    /// database NULL or a dash in any field; 无 / 暂无 where a name, number, date or code goes (in a
    /// code list 无 is a value); 0 for a year, 0000-00-00 for a date.
    func testPlaceholders_AreBlank() {
        func isBlank(_ raw: String, _ kind: FieldKind) -> Bool {
            let v = normalizer.normalize(raw, kind: kind)
            return v.normalized == nil && v.problem == nil
        }
        for raw in ["NULL", "null", "\\N", "N/A", "nan", "None", "-", "/", "——", "－", "／", " / "] {
            for kind: FieldKind in [.year, .text, .personName, .idNumber, .phone, .date, .integer, .quantity(unit: "元"), .enumeration("status"), .boolean] {
                XCTAssertTrue(isBlank(raw, kind), "\(raw) as \(kind)")
            }
        }
        for raw in ["无", "暂无", "没有"] {
            XCTAssertTrue(isBlank(raw, .year), raw)
            XCTAssertTrue(isBlank(raw, .text), raw)
            XCTAssertTrue(isBlank(raw, .phone), raw)
        }
        XCTAssertTrue(isBlank("0", .year))
        XCTAssertTrue(isBlank("0000-00-00", .date))
        // In a code list 无 is a value; 0 is a count; a name that only contains one is a name.
        XCTAssertEqual(value("无", .boolean), "否")
        XCTAssertEqual(value("无", .enumeration("labor")), "无劳动能力")
        XCTAssertEqual(value("0", .integer), "0")
        XCTAssertEqual(value("无忌", .personName), "无忌")
        XCTAssertEqual(value("NULL1", .text), "NULL1")
        XCTAssertEqual(problem("1900", .year) == nil, value("1900", .year) != nil)
    }

    func testSet_CanonicalMembersSortedAndJoined() {
        let health = FieldKind.set("health")
        XCTAssertEqual(value("残疾,长期慢性病", health), "残疾、长期慢性病")
        XCTAssertEqual(value("长期慢性病，残疾", health), "残疾、长期慢性病")
        XCTAssertEqual(value("慢性病、残疾人；残疾", health), "残疾、长期慢性病")
        XCTAssertEqual(value(" 健康 ", health), "健康")
        XCTAssertEqual(value("大病;慢性病", health), "患有大病、长期慢性病".split(separator: "、").sorted().joined(separator: "、"))
        XCTAssertEqual(problem("残疾,因懒,也懒", health), "不在代码表 health（健康、长期慢性病、患有大病、残疾）中: 因懒、也懒")
        XCTAssertEqual(problem("x", .set("nope")), "代码表 nope 未定义")
    }

    func testSet_FreeTextItemsAreFolded() {
        XCTAssertEqual(value("产业扶贫， 教育扶贫；产业扶贫", .set(nil)), "产业扶贫、教育扶贫")
        XCTAssertEqual(value("张三、李四,王\u{3000}五", .set(nil)), ["张三", "李四", "王 五"].sorted().joined(separator: "、"))
        XCTAssertEqual(value("产业扶贫", .set(nil)), "产业扶贫")
    }

    /// Slashes, bars and line breaks (one item a line in a spreadsheet cell) separate items;
    /// before, 产业扶持/小额信贷 was one item and a false 五个统一 mismatch.
    func testSet_SlashesBarsAndLineBreaksSeparateItems() {
        let expected = ["产业扶持", "小额信贷"].sorted().joined(separator: "、")
        for text in ["产业扶持/小额信贷", "产业扶持／小额信贷", "产业扶持|小额信贷", "产业扶持\n小额信贷", "产业扶持\r\n小额信贷", "产业扶持\t小额信贷", "产业扶持\n\n小额信贷\n"] {
            XCTAssertEqual(value(text, .set(nil)), expected, text.debugDescription)
        }
        XCTAssertEqual(value("残疾\n长期慢性病", .set("health")), "残疾、长期慢性病")
        XCTAssertEqual(value("产业扶持 养牛2头", .set(nil)), "产业扶持 养牛2头", "a space inside an item stays")
        XCTAssertEqual(value("王德明\n刘桂芬", .text), "王德明 刘桂芬", "outside sets a line break is white space")
    }

    func testIDNumber() {
        XCTAssertEqual(value("52262719900315015x", .idNumber), "52262719900315015X")
        XCTAssertEqual(value("522627650315004", .idNumber), "522627196503150048")
        // A wrong check character is kept; the id.checksum rule reports it.
        let bad = normalizer.normalize("520102198001011236", kind: .idNumber)
        XCTAssertEqual(bad.normalized, "520102198001011236")
        XCTAssertNil(bad.problem)
        XCTAssertEqual(problem("52010219800101123", .idNumber), "不是有效身份证号: 52010219800101123 (应为15位或18位，实为17位)")
        XCTAssertEqual(problem("520102198002301234", .idNumber), "不是有效身份证号: 520102198002301234 (出生日期19800230不存在)")
    }

    func testRegionCode() {
        XCTAssertEqual(value("５２０２２１１０４２０３", .regionCode), "520221104203")
        XCTAssertEqual(problem("5202211042", .regionCode), "不是有效行政区划代码: 5202211042 (应为12位数字)")
        // A code column pandas wrote as float64 (one empty cell is enough), or a spreadsheet's number format.
        XCTAssertEqual(value("520221104203.0", .regionCode), "520221104203")
        XCTAssertEqual(value("520221104203.00", .regionCode), "520221104203")
        XCTAssertEqual(problem("520221104203.5", .regionCode), "不是有效行政区划代码: 520221104203.5 (应为12位数字)")
        XCTAssertEqual(problem("5202211042.0", .regionCode), "不是有效行政区划代码: 5202211042.0 (应为12位数字)", "the message shows the text as written")
    }

    func testPhone() {
        XCTAssertEqual(value("138 0851 1234", .phone), "13808511234")
        XCTAssertEqual(value("138-0851-1234", .phone), "13808511234")
        XCTAssertEqual(value("+86 138 0851 1234", .phone), "13808511234")
        XCTAssertEqual(value("+8613808511234", .phone), "13808511234")
        XCTAssertEqual(value("008613808511234", .phone), "13808511234")
        XCTAssertEqual(value("8613808511234", .phone), "13808511234")
        XCTAssertEqual(value("(0851)8123456", .phone), "08518123456")
        XCTAssertEqual(value("0851-81234567", .phone), "085181234567")
        XCTAssertEqual(value("１３８０８５１１２３４", .phone), "13808511234")
        XCTAssertEqual(value("8123456", .phone), "8123456")
        XCTAssertEqual(problem("123456", .phone), "不是有效电话号码: 123456 (应为7至12位数字)")
        XCTAssertEqual(problem("13808511234/13908511234", .phone), "不是有效电话号码: 13808511234/13908511234 (应为7至12位数字)")
        XCTAssertEqual(problem("+1 555 1234567", .phone), "不是有效电话号码: +1 555 1234567 (只接受+86)")
        // 无 is no phone: blank, as the cell means (testPlaceholders_AreBlank), not an invalid one.
        XCTAssertNil(problem("无", .phone))
        XCTAssertNil(value("无", .phone))
    }

    /// Regression guard for "never crash on any input": random and hostile text for every kind.
    func testNormalize_NeverTrapsOnArbitraryInput() {
        let kinds: [FieldKind] = [
            .text, .personName, .idNumber, .regionCode, .integer, .year, .quantity(unit: "元"),
            .quantity(unit: "公斤"), .date, .boolean, .enumeration("status"), .set("health"), .set(nil), .phone,
        ]
        let alphabet = Array("0123456789０１２３.,，、;；-+/年月日号万元斤xX人 \u{3000}\t·•．：:Tｅe😀\u{0301}\u{FEFF}\u{200B}")
        var generator = SplitMix64(seed: 20_160_305)
        var samples = [
            String(repeating: "9", count: 10_000), String(repeating: "1-", count: 5000), "-", "+", ".", ",", "+86",
            "9223372036854775807", "-9223372036854775808", "99999999999999999999.99999999999999999999",
            "0.0000000000000000000000000001", "1e308", "\u{0}", "2016年", "年月日",
        ]
        for _ in 0..<3000 {
            let length = Int(generator.next() % 24)
            samples.append(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        for sample in samples {
            for kind in kinds {
                let result = normalizer.normalize(sample, kind: kind)
                XCTAssertFalse(result.normalized != nil && result.problem != nil)
            }
        }
    }
}

/// A tiny deterministic generator so the fuzz test is reproducible.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
