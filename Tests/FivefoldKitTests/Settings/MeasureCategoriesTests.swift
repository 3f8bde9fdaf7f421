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
}
