import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck

/// The registries' index: rows found by ID number, in the order added, whether the ID packs into
/// 64 bits (every normalised ID) or not (kept under its text).
final class RegistriesTests: XCTestCase {
    private func row(_ id: String, _ name: String, _ registry: SourceID) -> MemberRecord {
        TestData.member([.idNumber: id, .name: name], source: registry)
    }

    func testRowsByID_EveryRegistryInOrderAdded() {
        var registries = Registries()
        registries.add("hukou", row("520203197709082888", "龙秀英", .hukou))
        registries.add("insurance", row("520203197709082888", "龙秀英", "insurance"))
        registries.add("hukou", row("520203197709082888", "龙秀", .hukou))
        registries.add("hukou", row("520203198307068105", "赵慧", .hukou))

        let found = registries.rows(id: "520203197709082888")
        XCTAssertEqual(found?.map(\.registry), ["hukou", "insurance", "hukou"])
        XCTAssertEqual(found?.map { $0.row[.name] }, ["龙秀英", "龙秀英", "龙秀"])
        XCTAssertEqual(registries.rows("hukou", id: "520203197709082888").map { $0[.name] }, ["龙秀英", "龙秀"])
        XCTAssertEqual(registries.rows("hukou", id: "520203198307068105").map { $0[.name] }, ["赵慧"])
        XCTAssertNil(registries.rows(id: "520203198307068106"))
    }

    func testRowsByID_CheckDigitXIsNotTheDigitTen() {
        var registries = Registries()
        registries.add("hukou", row("52020320200517813X", "熊武松", .hukou))
        registries.add("hukou", row("520203202005178130", "熊武", .hukou))
        XCTAssertEqual(registries.rows("hukou", id: "52020320200517813X").map { $0[.name] }, ["熊武松"])
        XCTAssertEqual(registries.rows("hukou", id: "520203202005178130").map { $0[.name] }, ["熊武"])
    }

    /// A key that does not pack (not 18 digits and a check character) is still found, under its
    /// text, and never under a packed ID.
    func testRowsByID_AnIDThatDoesNotPackIsKeptUnderItsText() {
        var registries = Registries()
        registries.add("deaths", row("52020319770908288", "十七位", "deaths"))
        registries.add("deaths", row("520203197709082888", "十八位", "deaths"))
        XCTAssertEqual(registries.rows("deaths", id: "52020319770908288").map { $0[.name] }, ["十七位"])
        XCTAssertEqual(registries.rows("deaths", id: "520203197709082888").map { $0[.name] }, ["十八位"])
        XCTAssertTrue(registries.has("deaths"))
        XCTAssertFalse(registries.has("hukou"))
    }
}
