import Foundation
import TestSupport
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

final class PipelineConfigTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func load(_ yaml: String) throws -> PipelineConfig {
        let dir = TestTemporaryFolder.root.appendingPathComponent("fivefold-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("p.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: file.path)
    }

    private func expectError(_ yaml: String, keyPath: String, contains text: String, line: Int? = nil, file: StaticString = #filePath, testLine: UInt = #line) {
        do {
            _ = try load(yaml)
            XCTFail("expected a PipelineError", file: file, line: testLine)
        } catch let error as PipelineError {
            XCTAssertEqual(error.keyPath, keyPath, file: file, line: testLine)
            XCTAssertTrue(error.description.contains(text), "\(error)", file: file, line: testLine)
            if !keyPath.isEmpty { XCTAssertTrue(error.description.contains(keyPath), "\(error)", file: file, line: testLine) }
            if let line { XCTAssertEqual(error.line, line, "\(error)", file: file, line: testLine) }
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: testLine)
        }
    }

    static let minimal = """
        sources:
          system:
            households:
              file: h.csv
              fields: {household_id: 户编号}
        """

    func testLoad_DefaultPipelineReadsEverySource() throws {
        let config = try PipelineConfig.load(path: Self.repo.appendingPathComponent("pipelines/five-unities.yaml").path)
        XCTAssertEqual(config.sources.map(\.id), [.system, .archive, .wall, .interview, .verification])
        XCTAssertEqual(config.registries.map(\.name).sorted(), ["businesses", "deaths", "hukou", "insurance", "property", "public_employees", "students", "vehicles"])
        XCTAssertEqual(config.sources[1].households.format, .xml)
        XCTAssertEqual(config.sources[1].households.recordPath, "档案/户")
        XCTAssertFalse(config.sources[3].requireKey)
        XCTAssertEqual(config.resolution.policy(for: .houseGrade).authoritative, [.verification])
        XCTAssertEqual(config.resolution.policy(for: .incomePerCapita).relativeTolerance, 0.05)
        XCTAssertFalse(config.resolution.policy(for: .status).autoCorrect)
        XCTAssertNil(config.asOf, "the shipped pipeline pins no date: as_of is the run date (SPEC §2)")
        XCTAssertTrue(config.input!.hasSuffix("fixtures/sample"))
    }

    func testLoad_HeaderAliasesAcceptOneOrMany() throws {
        let config = try load("""
            sources:
              system:
                households:
                  file: h.csv
                  fields: {household_id: 户编号, region_code: [行政区划代码, 区划代码]}
            """)
        let fields = config.sources[0].households.fields
        XCTAssertEqual(fields.first { $0.field == .householdID }?.headers, ["户编号"])
        XCTAssertEqual(fields.first { $0.field == .regionCode }?.headers, ["行政区划代码", "区划代码"])
    }

    /// Regression: `aliases: 走访日期, 调查日期` in block style (no brackets) is one text in YAML,
    /// a header name no file has; with `optional: true` the column was silently absent (exit 0,
    /// the interview's ages counted from the run date). A scalar with item separators is refused
    /// where header names are listed, naming the brackets to write; `name:` takes a header with a
    /// comma as written, and a plain one-name scalar still maps.
    func testLoad_HeaderAliasesWrittenWithoutBracketsNameTheList() throws {
        func pipeline(_ visitDate: String) -> String {
            Self.minimal + """

              interview:
                households:
                  file: i.csv
                  fields:
                    household_id: 户编号
                    visit_date:
            \(visitDate)
            """
        }
        expectError(pipeline("          aliases: 走访日期, 调查日期\n          optional: true"),
                    keyPath: "sources.interview.households.fields.visit_date.aliases",
                    contains: "\"走访日期, 调查日期\" is one text, not a list: write the header names in brackets, [走访日期, 调查日期] (a header whose own name holds \",\": {name: \"走访日期, 调查日期\"})",
                    line: 12)
        expectError(pipeline("          aliases: 走访日期；调查日期"),
                    keyPath: "sources.interview.households.fields.visit_date.aliases", contains: "[走访日期, 调查日期]")
        expectError(Self.minimal.replacingOccurrences(of: "{household_id: 户编号}", with: "{household_id: 户编号, size: \"家庭人口数，家庭人口\"}"),
                    keyPath: "sources.system.households.fields.size", contains: "[家庭人口数, 家庭人口]")
        let named = try load(pipeline("          name: \"走访日期, 调查日期\"\n          optional: true"))
        XCTAssertEqual(named.sources[1].households.fields.first { $0.field == .visitDate }?.headers, ["走访日期, 调查日期"], "name: is one header, taken as written")
        let one = try load(pipeline("          aliases: 走访日期"))
        XCTAssertEqual(one.sources[1].households.fields.first { $0.field == .visitDate }?.headers, ["走访日期"])
        // Real headers hold 、 (县(市、区), the legacy pipeline's) and commas inside brackets: one name each.
        let county = try load(Self.minimal.replacingOccurrences(of: "{household_id: 户编号}", with: "{household_id: 户编号, county: 县(市、区), township: \"乡(镇,街道)\", village: 村、社区}"))
        XCTAssertEqual(county.sources[0].households.fields.first { $0.field == .county }?.headers, ["县(市、区)"])
        XCTAssertEqual(county.sources[0].households.fields.first { $0.field == .township }?.headers, ["乡(镇,街道)"])
        XCTAssertEqual(county.sources[0].households.fields.first { $0.field == .village }?.headers, ["村、社区"])
    }

    /// Regression: the national form's header 县(市、区) holds 、 inside its brackets; the list
    /// check (6b38dcf) refused it as two names, so `pipelines/legacy-county.yaml` (county:
    /// 县(市、区)) stopped at load and the legacy runs and tests failed. A separator inside
    /// brackets does not split; one outside still does.
    func testLoad_HeaderNameWithASeparatorInsideBracketsIsOneName() throws {
        let config = try load(Self.minimal.replacingOccurrences(of: "{household_id: 户编号}", with: "{household_id: 户编号, county: 县(市、区), township: 乡（镇、街道）}"))
        let fields = config.sources[0].households.fields
        XCTAssertEqual(fields.first { $0.field == .county }?.headers, ["县(市、区)"])
        XCTAssertEqual(fields.first { $0.field == .township }?.headers, ["乡（镇、街道）"])
        expectError(Self.minimal.replacingOccurrences(of: "{household_id: 户编号}", with: "{household_id: 户编号, county: \"县(市、区)，县\"}"),
                    keyPath: "sources.system.households.fields.county", contains: "[县(市、区), 县]")
        XCTAssertNoThrow(try PipelineConfig.load(path: Self.repo.appendingPathComponent("pipelines/legacy-county.yaml").path))
    }

    /// A data file given where the pipeline goes (`fivefold run system/households.csv`) is
    /// named as such without being read; one with a YAML name is quoted by its start only (the
    /// message printed the whole file before).
    func testLoad_DataFileGivenAsThePipeline() throws {
        let csv = Self.repo.appendingPathComponent("fixtures/sample/system/households.csv").path
        XCTAssertThrowsError(try PipelineConfig.load(path: csv)) { error in
            XCTAssertEqual("\(error)", "\(csv): this is a data file (.csv), not a pipeline: give the pipeline file (YAML) first, e.g. fivefold run pipelines/five-unities.yaml --input DIR")
        }
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        XCTAssertThrowsError(try load(text)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(":1:1: expected a mapping, found \"户编号,行政区划代码,县,乡镇,村,户主姓名,户主身份证号,"), message)
            XCTAssertTrue(message.hasSuffix("…\" (\(text.count) characters)") || message.hasSuffix("…\" (\(text.count - 1) characters)"), message)
            XCTAssertLessThan(message.count, 300, "the data quoted by its start only")
        }
    }

    /// One file read as two sources (a block copied, its file: left unchanged) would agree with
    /// itself and hide every finding between them: refused at the second file key.
    func testLoad_OneFileForTwoSourcesIsRefused() {
        expectError("""
            sources:
              system:
                households: {file: system/households.csv, fields: {household_id: 户编号}}
              wall:
                households:
                  file: ./system/households.csv
                  fields: {household_id: 户编号}
            """, keyPath: "sources.wall.households.file", contains: "./system/households.csv is read by the system source already; each source reads its own dump", line: 6)
        XCTAssertNoThrow(try load("""
            sources:
              system:
                households: {file: 户/导出.txt, format: csv, fields: {household_id: 户编号}}
                members: {file: 人员/导出.txt, format: csv, fields: {household_id: 户编号, id_number: 身份证号}}
            """), "two tables of one source in files of one name")
    }

    func testLoad_WrongFormatNamesKeyPathAndChoices() {
        expectError("""
            sources:
              system:
                households:
                  file: h.csv
                  format: xls
                  fields: {household_id: 户编号}
            """, keyPath: "sources.system.households.format", contains: "expected one of csv, xml, xlsx, found \"xls\"", line: 5)
    }

    func testLoad_UnknownFieldNamesKeyPath() {
        expectError("""
            sources:
              system:
                households:
                  file: h.csv
                  fields: {household_id: 户编号, hose_grade: 住房安全等级}
            """, keyPath: "sources.system.households.fields.hose_grade", contains: "unknown household field \"hose_grade\"")
    }

    func testLoad_MisspelledTopLevelKeyIsReported() {
        expectError(Self.minimal + "\nrulez: {}\n", keyPath: "rulez", contains: "unknown key \"rulez\"")
    }

    func testLoad_MissingRequiredKeyIsNamed() {
        expectError("""
            sources:
              system:
                households:
                  fields: {household_id: 户编号}
            """, keyPath: "sources.system.households.file", contains: "required key is missing")
    }

    func testLoad_BadToleranceAndTrustSourceAreReported() {
        expectError(Self.minimal + """

            resolution:
              fields:
                income_per_capita: {compare: numeric, tolerance: {relative: 5}}
            """, keyPath: "resolution.fields.income_per_capita.tolerance.relative", contains: "expected a number in 0.0...1.0, found 5")
        expectError(Self.minimal + """

            resolution:
              fields:
                house_grade: {trust: [verification, archiv]}
            """, keyPath: "resolution.fields.house_grade.trust[1]", contains: "found \"archiv\"")
    }

    func testLoad_UnknownRuleAndSeverity() {
        expectError(Self.minimal + "\nrules:\n  exit.incme: {severity: error}\n", keyPath: "rules.exit.incme", contains: "unknown rule")
        expectError(Self.minimal + "\nrules:\n  exit.income: {severity: fatal}\n", keyPath: "rules.exit.income.severity", contains: "expected one of info, warning, error")
    }

    func testLoad_PipelineWithoutSystemSourceIsRefused() {
        expectError("""
            sources:
              wall:
                households: {file: w.csv, fields: {household_id: 户编号}}
            """, keyPath: "sources", contains: "needs a \"system\" source")
    }

    func testLoad_BadAsOfDate() {
        expectError(Self.minimal + "\nas_of: 31/12/2020\n", keyPath: "as_of", contains: "expected a date as yyyy-MM-dd")
    }

    /// An as-of date typed wrong by a decade (2062 for 2026, 2002 for 2020) ran with exit 0 and
    /// four to seven times the findings; it stops, naming where the date came from. A date
    /// later this year (the year-end 动态调整) is allowed.
    func testAsOfDate_OutsideTheFilingYearsIsRefused() throws {
        let today = CivilDate(year: 2026, month: 12, day: 6)!
        func asOf(_ flag: String?, pinned: String? = nil) throws -> CivilDate {
            let config = try load(Self.minimal + (pinned.map { "\nas_of: \($0)\n" } ?? ""))
            return try PipelineRunner(config: config, options: .init(asOf: flag)).asOfDate(today: today)
        }
        XCTAssertEqual(try asOf(nil), today)
        XCTAssertEqual(try asOf("2020-12-31").iso, "2020-12-31")
        XCTAssertEqual(try asOf("2026-12-31").iso, "2026-12-31", "the year-end preview")
        XCTAssertEqual(try asOf("2014-01-01").iso, "2014-01-01")
        XCTAssertThrowsError(try asOf("2062-12-04")) { error in
            XCTAssertEqual("\(error)", "--as-of: 2062-12-04 is after 2027-01-06 (today is 2026-12-06): ages, exit deadlines and monitoring windows would be computed for a date that has not come; give the date the data was taken, as yyyy-MM-dd")
        }
        XCTAssertThrowsError(try asOf("2027-06-30"))
        XCTAssertThrowsError(try asOf(nil, pinned: "2002-12-04")) { error in
            XCTAssertEqual((error as? PipelineError)?.keyPath, "as_of")
            XCTAssertTrue("\(error)".hasSuffix("as_of: 2002-12-04 is before 建档立卡 began (2014): give the date the data was taken, as yyyy-MM-dd"), "\(error)")
        }
        // In late December the limit is a month ahead, not the 31st.
        XCTAssertEqual(PipelineRunner.latestAsOf(today: CivilDate(year: 2026, month: 12, day: 20)!).iso, "2027-01-20")
    }

    func testLoad_InvalidYAMLIsOneMessage() {
        expectError("sources: [unclosed\n", keyPath: "", contains: "not valid YAML", line: 2)
    }

    /// Regression: a key given twice (a rule's line copied to change it, the old one left) was
    /// one message with the whole pipeline file attached as "Context" (30 KB on the terminal)
    /// and no line. Now one line: the place of the mapping, the key, what to do.
    func testLoad_DuplicatedKeyIsOneLineNamingTheKey() throws {
        let yaml = Self.minimal + "\nrules:\n  household.cause: {severity: warning}\n  household.cause: {enabled: false}\n"
        do {
            _ = try load(yaml)
            XCTFail("expected a PipelineError")
        } catch let error as PipelineError {
            XCTAssertEqual(error.line, 7)
            XCTAssertEqual(error.message, "not valid YAML: \"household.cause\" is given twice in one mapping, where YAML allows a key once: keep one entry and put everything for that key in it")
            XCTAssertFalse("\(error)".contains("\n"), "\(error)")
        }
        XCTAssertThrowsError(try Vocabulary.parse(yaml: "vocabularies:\n  education:\n    values: [a]\n  education:\n    values: [b]\n", path: "local.yaml")) { error in
            XCTAssertEqual("\(error)", "local.yaml:2:3: not valid YAML: \"education\" is given twice in one mapping, where YAML allows a key once: keep one entry and put everything for that key in it")
        }
    }

    // A parameter the rule does not read, or of the wrong kind, used to run silently on the default.
    func testLoad_RuleParameterOfTheWrongKindNamesTheKey() {
        expectError(Self.minimal + "\nrules:\n  value.invalid: {params: {max_household_size: twenty}}\n",
                    keyPath: "rules.value.invalid.params.max_household_size", contains: "expected a number, found \"twenty\"", line: 7)
        expectError(Self.minimal + "\nrules:\n  monitor.relapse: {params: {drop_percent: -5}}\n",
                    keyPath: "rules.monitor.relapse.params.drop_percent", contains: "expected a number ≥ 0, found -5", line: 7)
        expectError(Self.minimal + "\nrules:\n  exit.income: {params: {poverty_lines: 4000}}\n",
                    keyPath: "rules.exit.income.params.poverty_lines", contains: "expected a table of year: number")
    }

    /// A number in the wrong unit ran with exit 0 and other findings: on the sample,
    /// min_registered_capital 100000 (yuan for 10 万元) gave 58 findings instead of 59, poor_min
    /// 600 (no household can score it) 57, max_migrant_months 120 58, class1_min_percent 0.375
    /// (a fraction for 37.5 %) 61. Each declared range now stops the run at the key; 0 stays a
    /// percentage (drop_percent 0: any fall).
    func testLoad_NumberParameterOutsideItsRangeOrAsAFractionNamesTheUnit() throws {
        let cases: [(rule: String, param: String, value: String, says: String)] = [
            ("eligibility.business", "min_registered_capital", "100000", "expected an amount in 万元 (10 for 10万元, not 100000 in yuan) in 0...10000, found 100000"),
            ("identify.four_looks", "poor_min", "600", "expected points (the four looks score at most 100) in 0...100, found 600"),
            ("member.implausible", "max_migrant_months", "120", "expected months in a year in 1...12, found 120"),
            ("monitor.edge", "line_factor", "150", "expected a factor of the poverty line (1.5 for 150 %) in 1...10, found 150"),
            ("village.class", "class1_min_percent", "0.375", "expected a percentage (37.5 for 37.5 %), found 0.375, which looks like a fraction: write 37.5 for 37.5 %"),
            ("monitor.relapse", "drop_percent", "0.3", "expected a percentage (30 for 30 %), found 0.3, which looks like a fraction: write 30 for 30 %"),
            ("monitor.relapse", "drop_percent", "300", "in 0...100, found 300"),
            ("value.invalid", "max_age", "12", "expected an age in years in 60...150, found 12"),
        ]
        for c in cases {
            expectError(Self.minimal + "\nrules:\n  \(c.rule): {params: {\(c.param): \(c.value)}}\n",
                        keyPath: "rules.\(c.rule).params.\(c.param)", contains: c.says, line: 7)
        }
        expectError(Self.minimal + "\nrules:\n  exit.income: {params: {poverty_lines: {2019: 3218, 2020: 0.4}}}\n",
                    keyPath: "rules.exit.income.params.poverty_lines.2020", contains: "expected yuan per person and year in 100...1000000 (4000 for 4000元, not 0.4 in 万元), found 0.4")
        expectError(Self.minimal + "\nrules:\n  monitor.edge: {params: {monitor_lines: {二〇二一: 6000}}}\n",
                    keyPath: "rules.monitor.edge.params.monitor_lines.二〇二一", contains: "expected a year as the key, e.g. 2020: 4000, found 二〇二一")
        let zero = try load(Self.minimal + "\nrules:\n  monitor.relapse: {params: {drop_percent: 0}}\n")
        XCTAssertEqual(zero.rules["monitor.relapse"]?.parameters["drop_percent"], .number(0))
        let share = try load(Self.minimal + "\nrules:\n  vocabulary.unknown: {params: {min_share_percent: 0.5}}\n")
        XCTAssertEqual(share.rules["vocabulary.unknown"]?.parameters["min_share_percent"], .number(0.5), "a share of a per cent is not a fraction")
        // Every default lies within its own range.
        for entry in RuleRegistry.entries {
            for p in entry.parameters {
                guard let range = p.range, case .number(let value) = p.defaultValue else { continue }
                XCTAssertTrue(range.contains(value), "\(entry.id).\(p.name)")
            }
        }
    }

    /// Regression: `exempt_types: 摩托车, 农用车` (a list written without brackets) is one text in
    /// YAML; as one exempt type it matched no vehicle, and the sample ran with exit 0 and two
    /// more eligibility.vehicle findings (its motorcycles). A scalar with item separators is
    /// refused, naming the list to write; a scalar without one is still a one-item list.
    func testLoad_ListParameterWrittenWithoutBracketsNamesTheList() throws {
        expectError(Self.minimal + "\nrules:\n  eligibility.vehicle:\n    params:\n      exempt_types: 摩托车, 农用车\n",
                    keyPath: "rules.eligibility.vehicle.params.exempt_types",
                    contains: "\"摩托车, 农用车\" is one text, not a list: write the items in brackets, [摩托车, 农用车]", line: 9)
        expectError(Self.minimal + "\nrules:\n  exit.housing: {params: {unsafe_grades: \"C、D\"}}\n",
                    keyPath: "rules.exit.housing.params.unsafe_grades", contains: "[C, D]")
        expectError(Self.minimal + "\nrules:\n  household.measures: {params: {categories: {危房改造: \"危房改造，危改\"}}}\n",
                    keyPath: "rules.household.measures.params.categories.危房改造", contains: "[危房改造, 危改]")
        let one = try load(Self.minimal + "\nrules:\n  exit.housing: {params: {unsafe_grades: D}}\n")
        XCTAssertEqual(one.rules["exit.housing"]?.parameters["unsafe_grades"], .list(["D"]))
        let quoted = try load(Self.minimal + "\nrules:\n  eligibility.vehicle: {params: {exempt_types: [\"摩托车,农用车\", 三轮车]}}\n")
        XCTAssertEqual(quoted.rules["eligibility.vehicle"]?.parameters["exempt_types"], .list(["摩托车,农用车", "三轮车"]), "an item in a list is taken as written")
    }

    func testLoad_UnknownRuleParameterListsTheKnownOnes() {
        expectError(Self.minimal + "\nrules:\n  value.invalid: {params: {max_household_sise: 30}}\n",
                    keyPath: "rules.value.invalid.params.max_household_sise",
                    contains: "unknown parameter \"max_household_sise\"; known parameters of value.invalid: max_age, max_household_size, max_income_per_capita")
        expectError(Self.minimal + "\nrules:\n  id.format: {params: {strict: 1}}\n",
                    keyPath: "rules.id.format.params.strict", contains: "id.format takes no parameters")
    }

    func testLoad_EveryParameterOfTheShippedPipelineIsDeclared() throws {
        let config = try PipelineConfig.load(path: Self.repo.appendingPathComponent("pipelines/five-unities.yaml").path)
        let written = config.rules.flatMap { id, settings in settings.parameters.keys.map { "\(id).\($0)" } }
        let declared = RuleRegistry.entries.flatMap { entry in entry.parameters.map { "\(entry.id).\($0.name)" } }
        XCTAssertEqual(Set(written), Set(declared), "the shipped pipeline documents every parameter")
    }

    func testLoad_MisspeltSourceIsRefused() {
        expectError(Self.minimal + "\n  walls:\n    households: {file: w.csv, fields: {household_id: 户编号}}\n",
                    keyPath: "sources.walls", contains: "unknown source \"walls\"; expected one of system, archive, wall, interview, verification")
    }
}
