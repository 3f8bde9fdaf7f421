import Foundation
import TestSupport
import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldPipeline
@testable import FivefoldReport

/// The `accountability:` section and the reading of its tables: a key or a required mapping
/// missing stops the load naming it; rows that cannot be used are quarantined with a reason;
/// absent tables are skipped with the checks that need them.
final class AccountabilityLoaderTests: XCTestCase {
    var folder = ""

    override func setUp() {
        folder = TestTemporaryFolder.root.appendingPathComponent("fivefold-acc-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
    }

    static let section = """
        accountability:
          roster:
            file: roster.csv
            fields: {level: 层级, region_code: {name: 区划代码, optional: true}, household_id: {name: 户编号, optional: true}, person: 姓名, phone: {name: 电话, optional: true}}
          signoffs:
            file: signoffs.csv
            fields: {household_id: 户编号, exit_year: 脱贫年度, level: 层级, signer: 签字人, signed_on: 签字日期}
          notices:
            file: notices.csv
            fields: {household_id: 户编号, notice_type: 类型, start_date: 开始, end_date: 结束, objection: 异议, answer: 答复}
        """

    func config(_ section: String = section) throws -> PipelineConfig {
        let yaml = """
            sources:
              system:
                households: {file: h.csv, fields: {household_id: 户编号}}
            \(section)
            """
        let file = folder + "/p.yaml"
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: file)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: folder + "/in/" + name, atomically: true, encoding: .utf8)
    }

    func load(_ config: PipelineConfig) throws -> AccountabilityLoader.Loaded {
        let loader = AccountabilityLoader(config: config, inputFolder: folder + "/in", normalizer: FieldNormalizer(vocabulary: Vocabulary()))
        return try loader.load(quarantineFolder: folder + "/quarantine")
    }

    func testConfig_RequiredMappingMissing_StopsNamingTheKey() {
        let section = Self.section.replacingOccurrences(of: " signer: 签字人,", with: "")
        XCTAssertThrowsError(try config(section)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("accountability.signoffs.fields") && text.contains("must map signer"), text)
        }
    }

    func testConfig_UnknownKey_StopsNamingIt() {
        XCTAssertThrowsError(try config("accountability:\n  rosters: {file: r.csv, fields: {level: 层级}}")) { error in
            XCTAssertTrue("\(error)".contains("rosters"), "\(error)")
        }
    }

    func testConfig_RosterNeedsAnAreaOrHouseholdColumn() {
        XCTAssertThrowsError(try config("accountability:\n  roster: {file: r.csv, fields: {level: 层级, person: 姓名}}")) { error in
            XCTAssertTrue("\(error)".contains("region_code"), "\(error)")
        }
    }

    func testAbsentTables_AreSkippedWithTheirChecks() throws {
        let loaded = try load(try config())
        XCTAssertNil(loaded.book.roster)
        XCTAssertEqual(loaded.stats, [])
        XCTAssertEqual(loaded.skipped.count, 16)
        XCTAssertTrue(loaded.skipped.allSatisfy { $0.reason.contains("in the input folder") })
    }

    func testNoSection_SkipsEveryCheckSayingTheSectionIsMissing() throws {
        let loaded = try load(try config(""))
        XCTAssertEqual(loaded.skipped.first?.reason.contains("declares no accountability.roster"), true, loaded.skipped.first?.reason ?? "")
    }

    func testDisabledRule_IsNotListedAsSkipped() throws {
        let loaded = try load(try config(Self.section + "\nrules:\n  notice.objection: {enabled: false}"))
        XCTAssertFalse(loaded.skipped.contains { $0.rule == "notice.objection" })
        XCTAssertEqual(loaded.skipped.count, 15)
    }

    func testRows_ReadOrQuarantinedWithReasons() throws {
        try write("roster.csv", """
            层级,区划代码,户编号,姓名,电话
            省领导,520203000000,,陈省长,138-0000-0001
            市领导,520203101,,马市长,
            县领导,5202031012,,林县长,
            党员干部,,H1,李明辉,13908580101
            乡镇领导,,,罗镇长,
            村干部,,H1,王会计,
            党员干部,,H2,,

            """)
        try write("signoffs.csv", "户编号,脱贫年度,层级,签字人,签字日期\nH1,2019,村,李明辉,2019年10月25日\nH1,2019,省,陈省长,2019-11-01\nH1,二〇一九,县,林县长,2019-11-20\nH1,2019,县,,2019-11-20\n")
        try write("notices.csv", "户编号,类型,开始,结束,异议,答复\nH1,退出,2019-11-01,2019-11-07,,\nH1,退出,2019-11-07,2019-11-01,,\nH1,识别,2014-03-01,,,\n")
        let loaded = try load(try config())
        XCTAssertEqual(loaded.book.roster?.map(\.name), ["陈省长", "马市长", "李明辉"])
        XCTAssertEqual(loaded.book.roster?.first?.area, "520203")
        XCTAssertEqual(loaded.book.roster?.first?.phone, "13800000001")
        XCTAssertEqual(loaded.book.leaders(.city, of: "520203101202").map(\.name), ["马市长"])
        XCTAssertEqual(loaded.book.signoffs?.map(\.date.iso), ["2019-10-25"])
        XCTAssertEqual(loaded.book.notices?.count, 1)
        XCTAssertEqual(loaded.stats.map { "\($0.source) \($0.read)=\($0.accepted)+\($0.quarantined)" },
                       ["responsibility 7=3+4", "exit_signoffs 4=1+3", "notices 3=1+2"])
        XCTAssertEqual(loaded.skipped, [])
        let quarantine = try String(contentsOfFile: folder + "/quarantine/responsibility.csv", encoding: .utf8)
        for reason in ["needs a 12-digit 区划代码", "needs a 户编号", "unknown 层级 \"\"村干部\"\"", "missing 姓名"] {
            XCTAssertTrue(quarantine.contains(reason), "\(reason) in \(quarantine)")
        }
        let signoffs = try String(contentsOfFile: folder + "/quarantine/exit_signoffs.csv", encoding: .utf8)
        for reason in ["unknown 层级 \"\"省\"\"", "脱贫年度 is not a year", "missing 签字人"] {
            XCTAssertTrue(signoffs.contains(reason), "\(reason) in \(signoffs)")
        }
        let notices = try String(contentsOfFile: folder + "/quarantine/notices.csv", encoding: .utf8)
        XCTAssertTrue(notices.contains("结束 2019-11-01 is before 开始 2019-11-07"), notices)
        XCTAssertTrue(notices.contains("missing 结束"), notices)
    }
}
