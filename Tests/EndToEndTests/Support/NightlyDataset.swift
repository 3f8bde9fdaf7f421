import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// A tiny dataset in the SPEC §3 layout (system households + members, verification inspection,
/// village register), built in code so each nightly test plants exactly the defects it asserts.
///
/// Every household is clean unless a test changes it: valid ID numbers, one head, size equal to
/// the members, a cadre who is not a member, inspection values equal to the system's. The
/// defects the tests plant and the findings they raise:
/// - `inspectedGrade` ≠ `grade` → `unify.mismatch` on house_grade, corrected (verification is
///   authoritative for it);
/// - `inspectedGrain` ≠ `grain` → `unify.mismatch` on grain_kg, worklist (no source settles it);
/// - `cadre` empty → `household.no_cadre`;
/// - `recordedSize` ≠ members → `household.size_mismatch`;
/// - `inspected` false → `unify.missing` (no field).
struct NightlyDataset {
    struct Member {
        var id: String
        var name: String
        var relation: String
        var sex: String
        var birth: String
    }

    struct Household {
        var id: String
        var region: String
        var township: String
        var village: String
        var members: [Member]
        var status = "未脱贫"
        var cause = "缺资金"
        var income = "3000"
        var grade = "B"
        var grain = "300"
        var cadre = "李明"
        var recordedSize: Int?
        var inspectedGrade: String?
        var inspectedGrain: String?
        /// False: absent from the inspection → `unify.missing` (a finding about no field).
        var inspected = true

        var head: Member { members[0] }
    }

    var households: [Household]

    /// Six households in two townships and three villages.
    static func standard() -> NightlyDataset {
        let places = [
            ("520203100201", "郎岱镇", "青菜塘村"), ("520203100201", "郎岱镇", "青菜塘村"), ("520203100202", "郎岱镇", "毛栗村"),
            ("520203101201", "岩脚镇", "新寨村"), ("520203101201", "岩脚镇", "新寨村"), ("520203101201", "岩脚镇", "新寨村"),
        ]
        let heads = ["王德明", "张光荣", "刘玉芬", "陈国强", "杨秀英", "赵志华"]
        let spouses = ["周桂兰", "吴春梅", "李大山", "孙小红", "黄建国", "郑丽"]
        var households: [Household] = []
        for (i, place) in places.enumerated() {
            let headMale = i != 2 && i != 4
            let head = Member(
                id: Self.idNumber(birth: "1965030\(i + 1)", serial: i * 10, male: headMale), name: heads[i], relation: "户主",
                sex: headMale ? "男" : "女", birth: "1965-03-0\(i + 1)")
            let spouse = Member(
                id: Self.idNumber(birth: "1967050\(i + 1)", serial: i * 10 + 1, male: !headMale), name: spouses[i],
                relation: "配偶", sex: headMale ? "女" : "男", birth: "1967-05-0\(i + 1)")
            households.append(Household(
                id: place.0 + String(format: "%04d", i + 1), region: place.0, township: place.1, village: place.2,
                members: [head, spouse]))
        }
        return NightlyDataset(households: households)
    }

    subscript(_ i: Int) -> Household {
        get { households[i] }
        set { households[i] = newValue }
    }

    /// Writes the input folder.
    func write(to folder: String) throws {
        var households = "\u{FEFF}户编号,行政区划代码,县,乡镇,村,户主姓名,户主身份证号,家庭人口数,脱贫状态,贫困户属性,识别年度,脱贫年度,主要致贫原因,人均纯收入,住房安全等级,住房面积,粮食产量,饮水安全,帮扶责任人,责任人电话\r\n"
        var members = "户编号,身份证号,姓名,与户主关系,性别,出生日期,民族,文化程度,在校生状况,健康状况,劳动技能,务工时间,参加医保\r\n"
        var inspection = "户编号,住房安全等级,粮食产量,人均纯收入,核查人,核查日期\r\n"
        for h in self.households {
            households += [
                h.id, h.region, "六枝特区", h.township, h.village, h.head.name, h.head.id, String(h.recordedSize ?? h.members.count),
                h.status, "一般贫困户", "2014", "", h.cause, h.income, h.grade, "80", h.grain, "是", h.cadre,
                h.cadre.isEmpty ? "" : "13908580101",
            ].joined(separator: ",") + "\r\n"
            for m in h.members {
                members += [h.id, m.id, m.name, m.relation, m.sex, m.birth, "汉族", "小学", "非在校生", "健康", "普通劳动力", "6", "是"]
                    .joined(separator: ",") + "\r\n"
            }
            guard h.inspected else { continue }
            inspection += [h.id, h.inspectedGrade ?? h.grade, h.inspectedGrain ?? h.grain, h.income, "核查员", "2020-11-02"]
                .joined(separator: ",") + "\r\n"
        }
        var villages = "行政区划代码,村,户籍人口,贫困村类别\r\n"
        var seen = Set<String>()
        for h in self.households where seen.insert(h.region).inserted {
            villages += "\(h.region),\(h.village),1000,非贫困村\r\n"
        }
        let files = [
            "system/households.csv": households, "system/members.csv": members,
            "verification/inspection.csv": inspection, "verification/villages.csv": villages,
        ]
        for (name, text) in files {
            let path = (folder as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Writes the test pipeline into `folder` and returns its path.
    static func writePipeline(in folder: String, htmlReport: Bool = true) throws -> String {
        let vocabulary = SampleRunTests.repo.appendingPathComponent("pipelines/vocabulary.yaml").path
        let yaml = """
            version: 1
            name: nightly-test
            input: input
            as_of: 2020-12-31           # the test households are 2020 data (the shipped pipeline pins no date)
            vocabulary: \(vocabulary)
            sources:
              system:
                households:
                  file: system/households.csv
                  fields: {household_id: 户编号, region_code: 行政区划代码, county: 县, township: 乡镇, village: 村, head_name: 户主姓名, head_id: 户主身份证号, size: 家庭人口数, status: 脱贫状态, attribute: 贫困户属性, identified_year: 识别年度, exit_year: 脱贫年度, cause: 主要致贫原因, income_per_capita: 人均纯收入, house_grade: 住房安全等级, house_area: 住房面积, grain_kg: 粮食产量, water_safe: 饮水安全, cadre_name: 帮扶责任人, cadre_phone: 责任人电话}
                members:
                  file: system/members.csv
                  fields: {household_id: 户编号, id_number: 身份证号, name: 姓名, relation: 与户主关系, sex: 性别, birth_date: 出生日期, ethnicity: 民族, education: 文化程度, in_school: 在校生状况, health: 健康状况, labor: 劳动技能, migrant_months: 务工时间, medical_insured: 参加医保}
              verification:
                households:
                  file: verification/inspection.csv
                  fields: {household_id: 户编号, house_grade: 住房安全等级, grain_kg: 粮食产量, income_per_capita: 人均纯收入, inspector: 核查人, inspection_date: 核查日期}
            villages: {file: verification/villages.csv, fields: {region_code: 行政区划代码, village: 村, population: 户籍人口, village_class: 贫困村类别}}
            resolution:
              default: {trust: [system, verification], min_agree: 2}
              fields:
                house_grade: {trust: [verification, system], authoritative: [verification]}
                grain_kg: {compare: numeric, tolerance: {relative: 0.05}}
            output: {folder: out, mask_ids: true, html_report: \(htmlReport)}

            """
        let path = (folder as NSString).appendingPathComponent("nightly.yaml")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A valid 18-digit ID number for a birth date (yyyyMMdd) and sex.
    static func idNumber(birth: String, serial: Int, male: Bool) -> String {
        let seq = (serial * 2 + (male ? 1 : 0)) % 1000
        let body = "520203" + birth + String(format: "%03d", seq)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}

/// One test's working folder: the pipeline, an input folder, the output folder and its ledger.
final class NightlyWorkspace {
    let root: String
    let pipeline: String
    var input: String { root + "/input" }
    var out: String { root + "/out" }
    var ledger: String { root + "/out.ledger.sqlite" }

    init(htmlReport: Bool = true) throws {
        root = TestTemporaryFolder.root.appendingPathComponent("fivefold-nightly-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        pipeline = try NightlyDataset.writePipeline(in: root, htmlReport: htmlReport)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `dataset` as the input and runs the pipeline through the library.
    @discardableResult
    func run(_ dataset: NightlyDataset, useLedger: Bool = true, asOf: String? = nil) throws -> RunSummary {
        try? FileManager.default.removeItem(atPath: input)
        try dataset.write(to: input)
        let config = try PipelineConfig.load(path: pipeline)
        return try PipelineRunner(config: config, options: .init(asOf: asOf, useLedger: useLedger)).run()
    }

    func findings() throws -> CSVTable { try CSVTable(path: out + "/findings.csv") }

    /// finding_id → status, from findings.csv.
    func statuses() throws -> [String: String] {
        Dictionary(try findings().rows.map { ($0["finding_id"]!, $0["status"]!) }, uniquingKeysWith: { a, _ in a })
    }

    /// The finding id of a rule on a household (and field).
    func findingID(_ rule: String, household: String, field: String = "") throws -> String? {
        try findings().rows.first { $0["rule"] == rule && $0["household_id"] == household && (field.isEmpty || $0["field"] == field) }?["finding_id"]
    }

    /// Every file under the output folder, relative path → bytes.
    func outputFiles() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: out) else { return files }
        for case let name as String in walker {
            var isDirectory: ObjCBool = false
            let path = out + "/" + name
            if fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }
}
