import Foundation
import FivefoldModel
import FivefoldReport
import FivefoldIO
import FivefoldCheck

/// A pipeline file, read into typed values: where the five sources are and how to read them,
/// how to compare and resolve each field, rule severities and parameters, and output options.
///
/// The YAML format is documented in the README ("Pipeline file") and by `pipelines/five-unities.yaml`.
public struct PipelineConfig: Sendable {
    /// The pipeline file itself (relative paths inside it resolve against its folder).
    public var path: String
    public var name: String
    /// Default input folder, resolved to an absolute path; `--input` overrides it.
    public var input: String?
    /// Ages and exit checks are computed as of this date (ISO); nil means the run date.
    public var asOf: String?
    /// Synonym tables (absolute path), replaced or extended per `vocabulary`.
    public var vocabularyFiles: [String]
    public var sources: [SourceConfig]
    public var registries: [RegistryConfig]
    public var villages: TableConfig?
    /// The optional 五包 roster, exit sign-offs and 公示 notices.
    public var accountability = AccountabilityConfig()
    public var resolution: ResolutionConfig
    public var rules: [String: RuleSettings]
    public var output: OutputConfig
    /// Member linkage across sources without ID numbers.
    public var linkage: LinkageConfig
    /// Optional system fields the dump of this run does not have (set after the scan, see
    /// `knowingAbsent`); rules needing them are skipped.
    public var absentSystemFields: Set<FieldID> = []
    /// System fields mapped but blank in every row of every system table that maps them (set
    /// with `absentSystemFields`); rules needing them are skipped too.
    public var blankSystemFields: Set<FieldID> = []
    /// County assessment (县级考核): indicator weights and scales, tiers, 约谈 after N 较差 runs.
    public var assessment = AssessmentSettings()

    /// The settings of a rule; rules absent from the file use their built-in defaults.
    public func rule(_ id: String) -> RuleSettings {
        rules[id] ?? RuleSettings()
    }
}

/// One of the five sources: a household table, and optionally a separate member table.
public struct SourceConfig: Sendable {
    public var id: SourceID
    public var households: TableConfig
    /// A member table (CSV sources); XML sources nest members in the household record instead.
    public var members: TableConfig?
    /// Whether a household row without 户编号 is quarantined (true) or kept as unregistered (false:
    /// the interview holds unregistered households, SPEC §3).
    public var requireKey: Bool
}

/// The file format of a table.
public enum TableFormat: String, Sendable, CaseIterable {
    case csv, xml, xlsx
}

/// How to read one file and map its headers (or XML element names) onto canonical fields.
public struct TableConfig: Sendable {
    /// Path relative to the input folder.
    public var file: String
    public var format: TableFormat
    /// `auto`, `utf-8`, `gbk` or `gb18030`.
    public var encoding: String
    public var delimiter: UInt8
    public var quote: UInt8
    /// XML: element names from the root to a record, e.g. `档案/户`.
    public var recordPath: String?
    /// XML: element names from a record to a member, e.g. `成员列表/成员`.
    public var memberPath: String?
    /// Canonical field → accepted header names, first match wins (aliases).
    public var fields: [(field: FieldID, headers: [String])]
    /// XML: canonical member field → element names inside a member element.
    public var memberFields: [(field: FieldID, headers: [String])]
    /// Every mapped field (`fields` then `member_fields`) with where it is declared and whether
    /// it may be absent from the data.
    public var mapped: [MappedField] = []
    /// The pipeline file this table was declared in (mapping errors point into it).
    public var pipelineFile: String = ""
    /// XLSX: the sheet, by its name, else (when no sheet has that name and it is a number) by
    /// 0-based index; nil reads the first sheet.
    public var sheet: String?
    /// Where `record_path` is declared (XML: a path that matches nothing is reported there).
    public var recordPathKey: String = ""
    public var recordPathLine: Int?
    public var recordPathColumn: Int?
    /// Where `member_path` is declared (XML: a path under which no record has a member is reported there).
    public var memberPathKey: String = ""
    public var memberPathLine: Int?
    public var memberPathColumn: Int?
    /// The 1-based row holding the header (CSV: line; XLSX: sheet row number). Rows above it (titles
    /// such as 建档立卡贫困户家庭基本信息表) are skipped and counted as `skipped`.
    public var headerRow: Int = 1
    /// Rows with fewer or more fields than the header: quarantined, or padded (see `RaggedRows`).
    public var ragged: RaggedRows = .quarantine
    /// The characters that separate the names of the 家庭成员 field (`member_names`).
    public var memberSeparators: String = TableConfig.defaultMemberSeparators

    /// 、，,；; ASCII space, the full-width space U+3000, / ／ | ｜, and line breaks (a spreadsheet
    /// cell with one name a line, Alt+Enter in Excel): no name holds any of them. With only 、，,；;
    /// a card listing 王德明/刘桂芬 was one name, and every household a 五个统一 mismatch.
    public static let defaultMemberSeparators = "、，,；; \u{3000}/／|｜\n\r\t"
}

/// A department registry (比对排除 and identity evidence): a CSV keyed by 身份证号.
public struct RegistryConfig: Sendable {
    /// `hukou`, `deaths`, `public_employees`, `vehicles`, `property`, `businesses`, `students`, `insurance`.
    public var name: String
    public var table: TableConfig
}

/// What to write and how.
public struct OutputConfig: Sendable {
    /// Default output folder (absolute); `--out` overrides it.
    public var folder: String?
    /// Mask ID numbers in worklists as `520203********1234`.
    public var maskIDs: Bool = true
    /// Write `report.html`.
    public var htmlReport: Bool = true
}
