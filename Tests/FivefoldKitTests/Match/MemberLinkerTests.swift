import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Hand-written linkage cases: which interview member pairs with which system member.
final class MemberLinkerTests: XCTestCase {
    let asOf = DateParser.parse("2020-12-31")!

    func link(system: [[FieldID: String]], interview: [[FieldID: String]]) -> [(system: String?, interview: String?)] {
        var c = HouseholdCase(householdID: "H1")
        c.records[.system] = TestData.household([.householdID: "H1"], source: .system, members: system.map { TestData.member($0, source: .system) })
        c.records[.interview] = TestData.household([.householdID: "H1"], source: .interview, members: interview.map { TestData.member($0, source: .interview) })
        MemberLinker(asOf: asOf).link(&c, registries: Registries())
        return c.people.map { p in
            (p.records[.system].map { "\($0[.name]!)/\($0[.birthDate] ?? "")" }, p.records[.interview].map { "\($0[.name]!)/\($0[.age] ?? "")" })
        }
    }

    func pairs(_ links: [(system: String?, interview: String?)]) -> [String] {
        links.map { "\($0.system ?? "-")=\($0.interview ?? "-")" }.sorted()
    }

    func testHomophoneAndMissingDotLink() {
        let links = link(
            system: [
                [.name: "张晓明", .relation: "户主", .sex: "男", .birthDate: "1970-05-01"],
                [.name: "阿依古丽·买买提", .relation: "配偶", .sex: "女", .birthDate: "1972-03-01"],
            ],
            interview: [
                [.name: "张小明", .relation: "户主", .sex: "男", .age: "50"],
                [.name: "阿依古丽买买提", .relation: "配偶", .sex: "女", .age: "48"],
            ])
        XCTAssertEqual(pairs(links), ["张晓明/1970-05-01=张小明/50", "阿依古丽·买买提/1972-03-01=阿依古丽买买提/48"])
    }

    func testSwappedCharactersLink() {
        let links = link(system: [[.name: "李春梅", .relation: "之女", .sex: "女", .birthDate: "2000-01-01"]],
                         interview: [[.name: "李梅春", .relation: "之女", .sex: "女", .age: "20"]])
        XCTAssertEqual(pairs(links), ["李春梅/2000-01-01=李梅春/20"])
    }

    func testTwinsWithTheSameNameAreToldApartByAge() {
        let links = link(
            system: [
                [.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2010-06-01"],
                [.name: "王小", .relation: "之子", .sex: "男", .birthDate: "2014-06-01"],
            ],
            interview: [
                [.name: "王小", .relation: "之子", .sex: "男", .age: "6"],
                [.name: "王小", .relation: "之子", .sex: "男", .age: "10"],
            ])
        XCTAssertEqual(pairs(links), ["王小/2010-06-01=王小/10", "王小/2014-06-01=王小/6"])
    }

    func testTwoMembersWithTheSameNameAndNothingToTellThemApartStayUnlinked() {
        let links = link(
            system: [
                [.name: "刘芳", .relation: "之女", .sex: "女", .birthDate: "2008-01-01"],
                [.name: "刘芳", .relation: "之女", .sex: "女", .birthDate: "2008-03-01"],
            ],
            interview: [[.name: "刘芳", .relation: "之女", .sex: "女", .age: "12"]])
        XCTAssertEqual(pairs(links), ["-=刘芳/12", "刘芳/2008-01-01=-", "刘芳/2008-03-01=-"], "ambiguous: never a silent merge")
    }

    func testSameNameDifferentRelationLinksByRelation() {
        let links = link(
            system: [
                [.name: "陈红", .relation: "配偶", .sex: "女", .birthDate: "1975-01-01"],
                [.name: "陈红", .relation: "之女", .sex: "女", .birthDate: "2001-01-01"],
            ],
            interview: [
                [.name: "陈红", .relation: "之女", .sex: "女", .age: "19"],
                [.name: "陈红", .relation: "配偶", .sex: "女", .age: "45"],
            ])
        XCTAssertEqual(pairs(links), ["陈红/1975-01-01=陈红/45", "陈红/2001-01-01=陈红/19"])
    }

    func testDifferentPeopleDoNotLink() {
        let links = link(system: [[.name: "赵一", .relation: "户主", .sex: "男", .birthDate: "1960-01-01"]],
                         interview: [[.name: "钱二", .relation: "户主", .sex: "男", .age: "60"]])
        XCTAssertEqual(pairs(links), ["-=钱二/60", "赵一/1960-01-01=-"])
    }

    func testNameKeyDropsExactlyTheDotsAndUnicodeWhiteSpace() {
        let dots: Set<UInt32> = [0x00B7, 0x2022, 0xFF0E, 0x30FB, 0x002E, 0xFF65, 0x2027, 0x2219, 0x22C5, 0x0387]
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            XCTAssertEqual(NameSimilarity.isDropped(v), dots.contains(v) || s.properties.isWhitespace, String(format: "U+%04X", v))
        }
        XCTAssertEqual(NameSimilarity.key("买买提 · 艾力\u{3000}"), "买买提艾力")
        XCTAssertEqual(NameSimilarity.key("张三"), "张三")
        // The byte test that lets most names skip the scalar walk passes every name holding a
        // dropped scalar: each of the 65 536 BMP scalars between two Chinese characters.
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let name = "张" + String(Character(s)) + "三"
            let expected = String(String.UnicodeScalarView(name.unicodeScalars.filter { !NameSimilarity.isDropped($0.value) }))
            if NameSimilarity.isDropped(v) { XCTAssertTrue(NameSimilarity.mayHoldDropped(name), String(format: "U+%04X", v)) }
            XCTAssertEqual(NameSimilarity.key(name), expected, String(format: "U+%04X", v))
            XCTAssertEqual(NameSimilarity.scalars(name), Array(expected.unicodeScalars), String(format: "U+%04X", v))
        }
    }

    func testNameSimilarityLevels() {
        XCTAssertEqual(NameSimilarity.score("张晓明", "张晓明"), 1)
        XCTAssertEqual(NameSimilarity.score("张晓明", "张小明"), 0.9)
        XCTAssertEqual(NameSimilarity.score("阿依古丽•买买提", "阿依古丽·买买提"), 1)
        XCTAssertEqual(NameSimilarity.score("李春梅", "李梅春"), 0.8)
        XCTAssertEqual(NameSimilarity.score("李春梅", "李春兰"), 0.6)
        XCTAssertEqual(NameSimilarity.score("李梅", "王梅"), 0, "one of two characters is too little")
    }

    /// The counting multiset check agrees with comparing sorted copies (what it replaced), on
    /// names with repeated characters, swaps, and lengths past its counting limit.
    func testSameScalarsAgreesWithSorting() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("买提李春梅兰张".unicodeScalars)
        for _ in 0..<2000 {
            let n = Int.random(in: 1...20, using: &rng)
            let x = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            var y = Bool.random(using: &rng) ? x.shuffled(using: &rng) : x
            if Bool.random(using: &rng) { y[Int.random(in: 0..<n, using: &rng)] = alphabet.randomElement(using: &rng)! }
            XCTAssertEqual(NameSimilarity.sameScalars(x, y), x.map(\.value).sorted() == y.map(\.value).sorted(), "\(x) \(y)")
        }
        XCTAssertTrue(NameSimilarity.sameScalars(Array("买买提".unicodeScalars), Array("提买买".unicodeScalars)))
        XCTAssertFalse(NameSimilarity.sameScalars(Array("买买提".unicodeScalars), Array("买提提".unicodeScalars)))
    }

    func testLinkNames_ByNameAloneWithHomophonesAndNoRivals() {
        let members = ["吴红霞", "李国强", "张明"].map { TestData.member([.name: $0]) }
        let links = MemberLinker().linkNames(["张明", "吴红侠", "王小二"], to: members)
        XCTAssertEqual(links, [2, 0, nil])
        let twins = ["张明", "张铭"].map { TestData.member([.name: $0]) }
        XCTAssertEqual(MemberLinker().linkNames(["张茗"], to: twins), [nil], "two members sound alike: ambiguous, not linked")
    }

    func testLinkNames_OneCharacterOffLinksOnlyAmongTheUnlinked() {
        let members = ["吴红霞", "李国强", "张明"].map { TestData.member([.name: $0]) }
        XCTAssertEqual(MemberLinker().linkNames(["吴红霞", "李国庆", "张明"], to: members), [0, 1, 2], "李国庆 is the member the card lacks")
        XCTAssertEqual(MemberLinker().linkNames(["吴红霞", "李国庆", "李国强", "张明"], to: members), [0, nil, 1, 2],
                       "李国强 is on the card: 李国庆 is someone else")
        XCTAssertEqual(MemberLinker().linkNames(["王明"], to: [TestData.member([.name: "张明"])]), [nil], "two-character names need more than one character")
    }

    /// The shortcut for a card that names every member exactly (`linkExactNames`) links what
    /// scoring every pair links, whatever the names: homophones (张明/张铭/张茗), swapped and
    /// dotted names, duplicates on the card or in the household, a compatibility ideograph
    /// (U+F907, canonically 龜) beside its unified form, and margins on both sides of 0.1.
    func testLinkNames_ExactShortcutAgreesWithScoring() {
        var rng = SystemRandomNumberGenerator()
        let pool = ["张明", "张铭", "张茗", "吴红霞", "吴红侠", "红霞吴", "买买提·艾力", "买买提艾力", "李国强", "李国庆", "\u{F907}明", "\u{9F9C}明", "王 小二", "王小二"]
        var shortcut = 0
        for margin in [0.05, 0.09, 0.1, 0.2] {
            let linker = MemberLinker(threshold: 0.75, ambiguityMargin: margin)
            for _ in 0..<1_500 {
                let members = (0..<Int.random(in: 1...5, using: &rng)).map { _ in TestData.member([.name: pool.randomElement(using: &rng)!]) }
                var names = members.map { $0[.name]! }.shuffled(using: &rng)
                if Bool.random(using: &rng), !names.isEmpty { names[Int.random(in: 0..<names.count, using: &rng)] = pool.randomElement(using: &rng)! }
                if Int.random(in: 0..<4, using: &rng) == 0 { names.removeLast() }
                if linker.linkExactNames(names, to: members) != nil { shortcut += 1 }
                XCTAssertEqual(linker.linkNames(names, to: members), linker.linkNamesByScore(names, to: members), "\(names) \(members.map { $0[.name]! }) margin \(margin)")
            }
        }
        XCTAssertGreaterThan(shortcut, 300, "cards naming every member exactly take the shortcut")
        XCTAssertNil(MemberLinker(ambiguityMargin: 0.1).linkExactNames(["张明"], to: [TestData.member([.name: "张明"])]), "a margin of 0.1 scores")
    }
}
