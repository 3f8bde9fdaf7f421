import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class RegistryRulesTests: XCTestCase {
    let id = TestData.id(birth: "19700101", serial: 1, male: true)

    func run(_ registry: String, _ fields: [FieldID: String], rules: String = "", status: String = "未脱贫") throws -> [Finding] {
        var registries = Registries()
        var row = fields
        row[.idNumber] = id
        registries.add(SourceID(registry), TestData.member(row, source: SourceID(registry)))
        let c = TestData.case([TestData.household([.householdID: "H1", .status: status], members: [TestData.member([.name: "王大", .idNumber: id, .relation: "户主"])])])
        return TestData.findings(RegistryRules(), c, context: try TestData.context(rules: rules, registries: registries))
    }

    func testVehicle_CarFires_ExemptTypesDoNot() throws {
        XCTAssertEqual(try run("vehicles", [FieldID("vehicle_type"): "小型轿车", FieldID("plate"): "贵B12345"]).map(\.rule), ["eligibility.vehicle"])
        XCTAssertTrue(try run("vehicles", [FieldID("vehicle_type"): "普通二轮摩托车"]).isEmpty)
        XCTAssertTrue(try run("vehicles", [FieldID("vehicle_type"): "三轮车"]).isEmpty)
        // The 公安 register names a 农用车 三轮汽车 or 低速…货车 (GA 802): a vehicles.csv written
        // so flagged every farm truck as a car (the sample's 三轮车 as 三轮汽车: 60 findings, not 59).
        for type in ["三轮汽车", "低速普通货车", "低速自卸货车", "轮式拖拉机"] {
            XCTAssertTrue(try run("vehicles", [FieldID("vehicle_type"): type]).isEmpty, type)
        }
        XCTAssertEqual(try run("vehicles", [FieldID("vehicle_type"): "轻型普通货车"]).map(\.rule), ["eligibility.vehicle"])
        XCTAssertEqual(try run("vehicles", [FieldID("vehicle_type"): "摩托车"], rules: "  eligibility.vehicle: {params: {exempt_types: [农用车]}}").map(\.rule),
                       ["eligibility.vehicle"], "exemptions come from the pipeline")
    }

    func testBusiness_CapitalAtOrAboveLimitFires() throws {
        XCTAssertEqual(try run("businesses", [FieldID("registered_capital"): "50", FieldID("company"): "某公司"]).map(\.rule), ["eligibility.business"])
        XCTAssertEqual(try run("businesses", [FieldID("registered_capital"): "10"]).map(\.rule), ["eligibility.business"])
        XCTAssertTrue(try run("businesses", [FieldID("registered_capital"): "5"]).isEmpty)
    }

    func testPublicEmployeeAndPropertyAndDeaths() throws {
        XCTAssertEqual(try run("public_employees", [FieldID("employer"): "某镇政府"]).map(\.rule), ["eligibility.public_employee"])
        XCTAssertEqual(try run("property", [FieldID("address"): "某小区1栋"]).map(\.rule), ["eligibility.property"])
        let deaths = try run("deaths", [FieldID("death_date"): "2019-05-01"])
        XCTAssertEqual(deaths.map(\.rule), ["registry.deceased"])
        XCTAssertTrue(deaths[0].message.contains("2019-05-01"))
    }

    func testNonPoorHouseholdsAreNotExcludedByRegistries() throws {
        XCTAssertTrue(try run("public_employees", [FieldID("employer"): "某镇政府"], status: "非贫困户").isEmpty)
    }
}
