import XCTest
@testable import FivefoldPipeline

/// 家庭成员 cells joined with 、: the shortcut for cells already joined must give exactly what
/// the split, trim and join give.
final class JoinedNamesTests: XCTestCase {
    /// The split, trim and join alone (what `joinedNames` did before its shortcut).
    private func slow(_ text: String, _ separators: String) -> String {
        let set = Set(separators.unicodeScalars)
        return TableScanner.withoutBracketedNotes(text).unicodeScalars.split(whereSeparator: { set.contains($0) })
            .map { String(String.UnicodeScalarView($0)).trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }.joined(separator: "、")
    }

    func testShortcutAgreesWithSplittingOnEveryShape() {
        let separators = [TableConfig.defaultMemberSeparators, ",", "、", "；"]
        let cells = [
            "", "王德明", "王德明、李秀英、王小军", "王德明,李秀英", "王德明 李秀英", "、王德明", "王德明、",
            "王德明、、李秀英", " 王德明", "王德明\u{3000}", "王\u{00A0}德明", "王德明／李秀英", "王德明\n李秀英",
            "、", "、、", " ", "阿卜杜·热合曼、李秀英", "Li Xiuying", "王德明|李秀英", "王德明；李秀英",
            "王德明(户主)、李秀英(妻)", "王德明（户主）、李秀英（妻，残疾）", "王德明【户主】", "王德明(户主、李秀英",
        ]
        for separator in separators {
            for cell in cells {
                XCTAssertEqual(TableScanner.joinedNames(cell, separators: separator), slow(cell, separator), "\(cell) with \(separator)")
            }
        }
        // The shortcut is taken for a joined cell and not for one that needs work.
        XCTAssertTrue(TableScanner.isJoinedAlready("王德明、李秀英", separators: "、,"))
        XCTAssertFalse(TableScanner.isJoinedAlready("王德明,李秀英", separators: "、,"))
        XCTAssertFalse(TableScanner.isJoinedAlready("王德明、", separators: "、,"))
    }

    /// Regression: a card that names each member's relation in brackets (王德明(户主)、刘桂芬（妻）)
    /// gave every annotated member two false findings: missing from the card, and an extra name
    /// 王德明(户主) on it. A bracketed note is dropped, separators inside it included.
    func testBracketedNotesAreNotPartOfTheNames() {
        let separators = TableConfig.defaultMemberSeparators
        XCTAssertEqual(TableScanner.joinedNames("王德明(户主)、刘桂芬（妻，残疾）、王小军[之子]", separators: separators), "王德明、刘桂芬、王小军")
        XCTAssertEqual(TableScanner.joinedNames("王德明（户主（本人））、刘桂芬", separators: separators), "王德明、刘桂芬")
        XCTAssertEqual(TableScanner.joinedNames("王德明（户主", separators: separators), "王德明", "an unclosed bracket drops the rest")
        XCTAssertEqual(TableScanner.joinedNames("王德明)、刘桂芬", separators: separators), "王德明、刘桂芬", "a stray closing bracket is dropped")
        XCTAssertEqual(TableScanner.joinedNames("阿卜杜·热合曼、李秀英", separators: separators), "阿卜杜·热合曼、李秀英")
        XCTAssertFalse(TableScanner.isJoinedAlready("王德明(户主)、李秀英", separators: separators))
    }
}
