import XCTest
@testable import FivefoldModel

/// The byte split of set values must give exactly what the `Character` split gives.
final class SetValueTests: XCTestCase {
    func testItemsAgreeWithTheCharacterSplit() {
        let values = [
            "", "、", "、、", "王德明", "王德明、李秀英", "王德明、、李秀英", "、王德明、", "产业扶持、教育资助、医疗救助",
            "残疾、长期慢性病", "abc、def", "王、1", "李、阿卜杜·热合曼", "王德明、\u{0301}李", "王\u{0301}、李",
            "王、\u{3099}李", "\u{0600}、王", "한국、王", "王、한국", "王、🙂", "\r\n、王", "王、\u{200D}李", "王、\u{FE0F}",
            "王、",
        ]
        for value in values {
            XCTAssertEqual(SetValue.items(value), value.split(separator: "、").map(String.init), value.debugDescription)
            for item in ["", "王", "李秀英", "王德明", "\u{0301}李", "残疾", "abc", "def", "1", "한국"] {
                XCTAssertEqual(SetValue.contains(value, item: item), value.split(separator: "、").contains { $0 == item }, "\(value.debugDescription) ∋ \(item)")
            }
        }
        XCTAssertEqual(SetValue.items("产业扶持、教育资助"), ["产业扶持", "教育资助"])
        // A combining accent after 、 makes one character of the two: no split there.
        XCTAssertEqual(SetValue.items("王德明、\u{0301}李"), ["王德明、\u{0301}李"])
    }
}
