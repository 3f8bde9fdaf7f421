import XCTest
@testable import FivefoldCheck

/// The keyword match that maps 帮扶措施 items onto categories (on UTF-8 bytes, not Foundation's
/// `contains`): the same answers as `String.contains` on the shapes the items take.
final class MeasureCategoriesTests: XCTestCase {
    func testContains_AgreesWithStringContains() {
        let texts = ["易地扶贫搬迁", "危房改造", "教育资助（雨露计划）", "", "产业", "小额信贷贷款", "ab", "aab", "健康扶贫家庭医生签约服务"]
        let keywords = ["搬迁", "危改", "雨露计划", "", "产业扶持", "贷款", "b", "ab", "家庭医生", "扶贫车间", "a"]
        for text in texts {
            for keyword in keywords {
                XCTAssertEqual(MeasureCategories.contains(text, keyword), text.contains(keyword) || keyword.isEmpty, "\(text) ∋ \(keyword)")
            }
        }
    }

    func testCategories_InTableOrder() {
        let items = MeasureCategories.items("易地扶贫搬迁、雨露计划、特惠贷")
        XCTAssertEqual(MeasureCategories.categories(of: items, table: MeasureCategories.defaults), ["教育资助", "易地搬迁", "金融扶贫"])
    }

    /// The memo gives what matching the items gives, for repeats, look-alikes and nil, and keeps
    /// answering correctly past its bound.
    func testMemo_AnswersAsTheMatch_ForRepeatsAndBeyondItsBound() {
        let table = MeasureCategories.defaults
        let memo = MeasureCategories.Memo(table: table)
        let values: [String?] = ["易地扶贫搬迁、雨露计划、特惠贷", "产业扶持、小额信贷", nil, "", "产业扶持、小额信贷", "低保兜底", "其他", "易地扶贫搬迁、雨露计划、特惠贷"]
        for _ in 0..<2 {
            for value in values {
                XCTAssertEqual(memo.categories(of: value), MeasureCategories.categories(of: MeasureCategories.items(value), table: table), value ?? "nil")
            }
        }
        for i in 0..<(MeasureCategories.Memo.limit + 50) {
            let value = i % 2 == 0 ? "产业\(i)、贷款" : "就业\(i)"
            XCTAssertEqual(memo.categories(of: value), i % 2 == 0 ? ["产业扶持", "金融扶贫"] : ["就业帮扶"], value)
        }
    }
}
