import Foundation
import Yams
import FivefoldModel
import FivefoldReport
import FivefoldIO
import FivefoldCheck

extension PipelineConfig {
    /// Reads and validates a pipeline file. Fails with one `PipelineError` naming the key path.
    /// Why `url` is not a pipeline file, when that shows before reading it: a data file given
    /// first (`fivefold run system/households.csv`), or a file far larger than any pipeline,
    /// which would otherwise be read whole and parsed as YAML.
    static func notAPipeline(_ url: URL) -> String? {
        let dataExtensions: Set = ["csv", "xml", "gz", "xlsx", "xls", "txt", "tsv", "zip", "sqlite"]
        let ext = url.pathExtension.lowercased()
        let hint = "give the pipeline file (YAML) first, e.g. fivefold run pipelines/five-unities.yaml --input DIR"
        if dataExtensions.contains(ext) { return "this is a data file (.\(ext)), not a pipeline: \(hint)" }
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > 16 << 20 {
            return "\(size >> 20) MiB is not a pipeline file (a pipeline is a few KB of YAML): \(hint)"
        }
        return nil
    }

    public static func load(path: String) throws -> PipelineConfig {
        let url = URL(fileURLWithPath: path)
        if let problem = notAPipeline(url) { throw PipelineError(file: path, keyPath: "", message: problem) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PipelineError(file: path, keyPath: "", message: "cannot read the pipeline file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineError(file: path, keyPath: "", message: "the pipeline file is not UTF-8 text")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PipelineError(file: path, keyPath: "", message: "the pipeline file is empty")
            }
            root = node
        } catch let error as PipelineError {
            throw error
        } catch let error as YamlError {
            let problem = YAMLProblem(error)
            throw PipelineError(file: path, line: problem.line, column: problem.column, keyPath: "", message: "not valid YAML: \(problem.message)")
        }
        let folder = url.deletingLastPathComponent().path
        return try PipelineConfig(root: ConfigNode(node: root, path: "", file: path), folder: folder)
    }

    static let topKeys = [
        "version", "name", "input", "as_of", "vocabulary", "sources", "registries", "villages",
        "resolution", "rules", "output", "linkage", "assessment", "accountability",
    ]

    init(root: ConfigNode, folder: String) throws {
        try root.requireKeys(in: Self.topKeys)
        if let version = try root.optional("version") {
            guard try version.int() == 1 else { throw version.error("expected version 1") }
        }
        path = root.file
        name = try root.optional("name")?.string() ?? URL(fileURLWithPath: root.file).deletingPathExtension().lastPathComponent
        input = try root.optional("input").map { resolve(try $0.string(), against: folder) }
        if let asOfNode = try root.optional("as_of") {
            let text = try asOfNode.string()
            guard Self.isISODate(text) else { throw asOfNode.error("expected a date as yyyy-MM-dd, found \"\(text)\"") }
            asOf = text
        } else {
            asOf = nil
        }
        vocabularyFiles = try Self.vocabulary(root.optional("vocabulary"), folder: folder)

        let sourcesNode = try root.required("sources")
        var sources: [SourceConfig] = []
        // Which source reads each file: one dump read as two sources (a block copied and its
        // file: left unchanged) would agree with itself, and every finding between them vanish.
        var readBy: [String: String] = [:]
        for (key, node) in try sourcesNode.entries() {
            // A misspelt source (`walls:`) would otherwise be read and then compared with nothing.
            guard SourceID.five.contains(SourceID(key)) else {
                throw node.error("unknown source \"\(key)\"; expected one of \(SourceID.five.map(\.rawValue).joined(separator: ", "))")
            }
            let source = try SourceConfig(id: SourceID(key), node: node)
            for (table, config) in [("households", source.households as TableConfig?), ("members", source.members)] {
                guard let config else { continue }
                let file = config.file.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
                if let other = readBy[file], other != key {
                    let at = (try? node.required(table).required("file")) ?? node
                    throw at.error("\(config.file) is read by the \(other) source already; each source reads its own dump (a copied block with its file: left unchanged?)")
                }
                readBy[file] = key
            }
            sources.append(source)
        }
        guard sources.contains(where: { $0.id == .system }) else {
            throw sourcesNode.error("a pipeline needs a \"system\" source: it is the dataset Fivefold corrects")
        }
        self.sources = sources

        var registries: [RegistryConfig] = []
        if let node = try root.optional("registries") {
            for (key, value) in try node.entries() {
                guard RegistryConfig.knownNames.contains(key) else {
                    throw value.error("unknown registry \"\(key)\"; expected one of: \(RegistryConfig.knownNames.joined(separator: ", "))")
                }
                registries.append(RegistryConfig(name: key, table: try TableConfig(node: value, level: .member)))
            }
        }
        self.registries = registries
        villages = try root.optional("villages").map { try TableConfig(node: $0, level: .household, extraFields: VillageFields.all) }
        accountability = try root.optional("accountability").map(AccountabilityConfig.init(node:)) ?? AccountabilityConfig()
        resolution = try root.optional("resolution").map(ResolutionConfig.init(node:)) ?? ResolutionConfig(defaults: FieldPolicy(), fields: [:])
        rules = try root.optional("rules").map(Self.rules(node:)) ?? [:]
        output = try root.optional("output").map { try OutputConfig(node: $0, folder: folder) } ?? OutputConfig()
        var linkage = LinkageConfig()
        if let node = try root.optional("linkage") {
            try node.requireKeys(in: ["threshold", "ambiguity_margin"])
            linkage.threshold = try node.optional("threshold")?.double(range: 0...1) ?? linkage.threshold
            linkage.ambiguityMargin = try node.optional("ambiguity_margin")?.double(range: 0...1) ?? linkage.ambiguityMargin
        }
        self.linkage = linkage
        if let node = try root.optional("assessment") { assessment = try AssessmentSettings(node: node) }
    }

    /// `household.measures`: every category a need names must be one of `categories`, or the
    /// need could never be met and the rule would flag every such household.
    static func checkMeasureCategories(_ settings: RuleSettings, params: ConfigNode?) throws {
        guard let params else { return }
        let names: [String]
        if case .lists(let lists)? = settings.parameters["categories"] { names = lists.map(\.name) }
        else if case .lists(let lists)? = RuleRegistry.entry(.householdMeasures)?.parameter("categories")?.defaultValue { names = lists.map(\.name) }
        else { return }
        for key in ["housing_categories", "education_categories", "medical_categories", "support_categories"] {
            let given = settings.parameters[key] ?? RuleRegistry.entry(.householdMeasures)?.parameter(key)?.defaultValue
            guard case .list(let wanted)? = given, let node = try params.optional(key) ?? params.optional("categories") else { continue }
            for name in wanted where !names.contains(name) {
                throw node.error("\(key) names the measure category \"\(name)\", which categories does not define; expected one of: \(names.joined(separator: ", "))")
            }
        }
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return false }
        return y >= 1900 && (1...12).contains(m) && (1...31).contains(d)
    }

    /// `vocabulary: file.yaml` replaces the tables; `vocabulary: {file: base.yaml, extend: [more.yaml]}` extends them.
    static func vocabulary(_ node: ConfigNode?, folder: String) throws -> [String] {
        guard let node else { return [] }
        if case .scalar = node.node { return [resolve(try node.string(), against: folder)] }
        try node.requireKeys(in: ["file", "extend"])
        var files = [resolve(try node.required("file").string(), against: folder)]
        if let extend = try node.optional("extend") {
            files += try extend.items().map { resolve($0, against: folder) }
        }
        return files
    }

    static func rules(node: ConfigNode) throws -> [String: RuleSettings] {
        var result: [String: RuleSettings] = [:]
        for (id, value) in try node.entries() {
            guard let entry = RuleRegistry.entry(id) else {
                throw value.error("unknown rule \"\(id)\"; known rules: \(RuleRegistry.ids.map(\.rawValue).joined(separator: ", "))")
            }
            try value.requireKeys(in: ["enabled", "severity", "params"])
            var settings = RuleSettings()
            settings.enabled = try value.optional("enabled")?.bool() ?? true
            if let sev = try value.optional("severity") {
                settings.severity = Severity(rawValue: try sev.oneOf(Severity.allCases.map(\.rawValue)))
            }
            if let params = try value.optional("params") {
                for (key, p) in try params.entries() {
                    guard let declared = entry.parameter(key) else {
                        let known = entry.parameters.map(\.name).sorted()
                        let expected = known.isEmpty ? "\(id) takes no parameters" : "known parameters of \(id): \(known.joined(separator: ", "))"
                        throw p.error("unknown parameter \"\(key)\"; \(expected)")
                    }
                    settings.parameters[key] = try RuleParameter(node: p, declared: declared)
                }
            }
            if entry.id == .householdMeasures { try Self.checkMeasureCategories(settings, params: value.optional("params")) }
            result[id] = settings
        }
        return result
    }
}

/// Resolves a path from a pipeline file against the file's folder.
func resolve(_ path: String, against folder: String) -> String {
    if path.hasPrefix("/") { return path }
    return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
}

/// The size of the file at `path` in bytes; 0 when it cannot be read (the file's reader says why).
func fileSize(_ path: String) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
}

extension SourceConfig {
    init(id: SourceID, node: ConfigNode) throws {
        try node.requireKeys(in: ["households", "members", "require_key"])
        self.id = id
        households = try TableConfig(node: node.required("households"), level: .household)
        members = try node.optional("members").map { try TableConfig(node: $0, level: .member) }
        requireKey = try node.optional("require_key")?.bool() ?? true
        if households.format == .xml, households.recordPath == nil {
            throw try node.required("households").error("an xml table needs record_path (e.g. 档案/户)")
        }
    }
}

/// Village table fields beyond the canonical model (SPEC §3 villages.csv).
enum VillageFields {
    static let population: FieldID = "population"
    static let villageClass: FieldID = "village_class"
    static let all: [FieldID] = [population, villageClass]
}

extension RegistryConfig {
    static let knownNames = SourceID.registries.map(\.rawValue)
    /// Registry columns beyond the canonical member fields.
    static let extraFields = FieldID.registryColumns
}

extension TableConfig {
    static let keys = [
        "file", "format", "encoding", "delimiter", "quote", "record_path", "member_path", "fields", "member_fields",
        "header_row", "skip_rows", "ragged", "member_separator", "sheet",
    ]

    init(node: ConfigNode, level: FieldLevel, extraFields: [FieldID] = []) throws {
        try node.requireKeys(in: Self.keys)
        file = try node.required("file").string()
        if let formatNode = try node.optional("format") {
            format = TableFormat(rawValue: try formatNode.oneOf(TableFormat.allCases.map(\.rawValue)))!
        } else {
            format = TableFormat.guess(file)
        }
        if let enc = try node.optional("encoding") {
            encoding = try enc.oneOf(["auto", "utf-8", "utf8", "gbk", "gb2312", "gb18030"])
        } else {
            encoding = "auto"
        }
        delimiter = try node.optional("delimiter").map { try Self.singleByte($0) } ?? UInt8(ascii: ",")
        quote = try node.optional("quote").map { try Self.singleByte($0) } ?? UInt8(ascii: "\"")
        recordPath = try node.optional("record_path")?.string()
        let recordPathNode = try node.optional("record_path")
        recordPathKey = recordPathNode?.path ?? node.path + ".record_path"
        recordPathLine = (recordPathNode?.node ?? node.node).mark?.line
        recordPathColumn = (recordPathNode?.node ?? node.node).mark?.column
        let memberPathNode = try node.optional("member_path")
        memberPath = try memberPathNode?.string()
        memberPathKey = memberPathNode?.path ?? node.path + ".member_path"
        memberPathLine = (memberPathNode?.node ?? node.node).mark?.line
        memberPathColumn = (memberPathNode?.node ?? node.node).mark?.column
        let allowed = extraFields + (level == .member ? RegistryConfig.extraFields : [])
        let recordMapping = try Self.mapping(node.required("fields"), level: level, extra: allowed, isMember: false)
        let memberMapping = try node.optional("member_fields").map { try Self.mapping($0, level: .member, extra: [], isMember: true) } ?? []
        mapped = recordMapping + memberMapping
        fields = recordMapping.map { ($0.field, $0.names) }
        memberFields = memberMapping.map { ($0.field, $0.names) }
        pipelineFile = node.file
        if !memberFields.isEmpty, memberPath == nil {
            throw try node.required("member_fields").error("member_fields needs member_path (e.g. 成员列表/成员)")
        }
        try readLayout(node)
    }

    /// `header_row` / `skip_rows`, `ragged`, `member_separator` and `sheet`.
    private mutating func readLayout(_ node: ConfigNode) throws {
        let headerNode = try node.optional("header_row"), skipNode = try node.optional("skip_rows")
        if let headerNode, skipNode != nil {
            throw headerNode.error("give header_row or skip_rows, not both (skip_rows: N means header_row: N+1)")
        }
        if let headerNode { headerRow = try headerNode.int(range: 1...1000) }
        if let skipNode { headerRow = try skipNode.int(range: 0...999) + 1 }
        if let r = try node.optional("ragged") {
            ragged = RaggedRows(rawValue: try r.oneOf(RaggedRows.allCases.map(\.rawValue)))!
        }
        if let m = try node.optional("member_separator") {
            let text = try m.string()
            guard !text.isEmpty else { throw m.error("expected the characters that separate member names, e.g. \"、， \"") }
            guard fields.contains(where: { $0.field == .memberNames }) else {
                throw m.error("member_separator applies to the 家庭成员 field (member_names), which this table does not map")
            }
            memberSeparators = text
        }
        if let s = try node.optional("sheet") {
            guard format == .xlsx else { throw s.error("sheet applies to xlsx tables only (format: xlsx)") }
            sheet = try s.string()
        }
        if format == .xml, headerNode != nil || skipNode != nil {
            throw (headerNode ?? skipNode)!.error("header_row and skip_rows apply to csv and xlsx tables, not xml")
        }
    }

    static func singleByte(_ node: ConfigNode) throws -> UInt8 {
        let text = try node.string()
        if text == "\\t" || text == "\t" || text == "tab" { return 9 }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80 else {
            throw node.error("expected a single ASCII character (or tab), found \"\(text)\"")
        }
        return byte
    }

    static func mapping(_ node: ConfigNode, level: FieldLevel, extra: [FieldID], isMember: Bool) throws -> [MappedField] {
        var result: [MappedField] = []
        for (key, line, column, value) in try node.keyedEntries() {
            let field = FieldID(key)
            guard FieldCatalog.spec(field, level: level) != nil || extra.contains(field) else {
                let known = (level == .household ? FieldCatalog.household : FieldCatalog.member).map(\.id.rawValue) + extra.map(\.rawValue)
                throw value.error("unknown \(level.rawValue) field \"\(key)\"; expected one of: \(known.joined(separator: ", "))")
            }
            var names: [String]
            var optional = false
            if case .mapping = value.node {
                try value.requireKeys(in: ["name", "aliases", "optional"])
                names = try value.optional("name").map { [try $0.string()] } ?? []
                names += try value.optional("aliases")?.items(headerNames: true) ?? []
                optional = try value.optional("optional")?.bool() ?? false
                guard !names.isEmpty else { throw value.error("expected name: HEADER or aliases: [HEADER, …]") }
            } else {
                names = try value.items(headerNames: true)
            }
            guard !names.isEmpty else { throw value.error("expected at least one header name") }
            result.append(MappedField(field: field, names: names, optional: optional, isMember: isMember, keyPath: value.path, line: line, column: column))
        }
        return result
    }
}

extension TableFormat {
    /// The format a file name suggests: `.xml`/`.xml.gz` → xml, `.xlsx` → xlsx, else csv.
    static func guess(_ file: String) -> TableFormat {
        let lower = file.lowercased()
        if lower.hasSuffix(".xml") || lower.hasSuffix(".xml.gz") { return .xml }
        if lower.hasSuffix(".xlsx") { return .xlsx }
        return .csv
    }
}

extension ResolutionConfig {
    init(node: ConfigNode) throws {
        try node.requireKeys(in: ["default", "fields", "members"])
        let base = try node.optional("default").map { try FieldPolicy(node: $0, base: FieldPolicy()) } ?? FieldPolicy()
        var fields: [FieldID: FieldPolicy] = [:]
        if let fieldsNode = try node.optional("fields") {
            for (key, value) in try fieldsNode.entries() {
                let field = FieldID(key)
                guard FieldCatalog.spec(field, level: .household) != nil || FieldCatalog.spec(field, level: .member) != nil else {
                    throw value.error("unknown field \"\(key)\"")
                }
                fields[field] = try FieldPolicy(node: value, base: base)
            }
        }
        let members = try node.optional("members").map(MemberRowPolicy.init(node:)) ?? MemberRowPolicy()
        self.init(defaults: base, fields: fields, members: members)
    }
}

extension FieldPolicy {
    init(node: ConfigNode, base: FieldPolicy) throws {
        try node.requireKeys(in: ["compare", "tolerance", "trust", "authoritative", "min_agree", "auto_correct", "enabled", "against", "categories"])
        self = base
        if let c = try node.optional("compare") {
            comparator = Comparator(rawValue: try c.oneOf(Comparator.allCases.map(\.rawValue)))!
        }
        if let t = try node.optional("tolerance") {
            try t.requireKeys(in: ["absolute", "relative"])
            absoluteTolerance = try t.optional("absolute")?.double(range: 0...1e12) ?? 0
            relativeTolerance = try t.optional("relative")?.double(range: 0...1) ?? 0
        }
        if let t = try node.optional("trust") { trust = try Self.sources(t) }
        if let a = try node.optional("authoritative") { authoritative = try Self.sources(a) }
        if let m = try node.optional("min_agree") { minAgree = try m.int(range: 1...10) }
        if let a = try node.optional("auto_correct") { autoCorrect = try a.bool() }
        if let e = try node.optional("enabled") { compare = try e.bool() }
        against = nil
        categories = [:]
        if let a = try node.optional("against") {
            let field = FieldID(try a.string())
            guard FieldCatalog.spec(field, level: .household) != nil || FieldCatalog.spec(field, level: .member) != nil else {
                throw a.error("unknown field \"\(field)\"")
            }
            against = field
            guard let map = try node.optional("categories") else {
                throw a.error("against needs categories (e.g. {安全: [A, B], 不安全: [C, D]})")
            }
            for (key, value) in try map.entries() { categories[key] = try value.items() }
        }
    }
}

extension FieldPolicy {
    /// Sources a trust order may name: the five, the hukou registry, and signed field results.
    static let nameableSources = SourceID.five.map(\.rawValue) + ["hukou", "signoff"]

    static func sources(_ node: ConfigNode) throws -> [SourceID] {
        try node.list().map { item in
            SourceID(rawValue: try item.oneOf(nameableSources))
        }
    }
}

extension RuleParameter {
    /// Reads a parameter of the kind its rule declares (`RuleRegistry`), a number within the
    /// range the rule declares for it.
    init(node: ConfigNode, declared: RuleEntry.Parameter) throws {
        let kind = declared.kind
        switch kind {
        case .number:
            // Every number parameter is a count, age, year, share or factor: a negative one is a
            // typo that would run (drop_percent: -5 fires on every unchanged household).
            let value = try node.double()
            guard value >= 0 else { throw node.error("expected a number ≥ 0, found \(try node.string())") }
            func text(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
            if let range = declared.range, !range.contains(value) {
                throw node.error("expected \(declared.meaning) in \(text(range.lowerBound))...\(text(range.upperBound)), found \(try node.string())")
            }
            if declared.refusesFraction, value > 0, value < 1 {
                throw node.error("expected \(declared.meaning), found \(try node.string()), which looks like a fraction: write \(text(value * 100)) for \(text(value * 100)) %")
            }
            self = .number(value)
        case .list:
            self = .list(try node.items())
        case .table:
            guard case .mapping = node.node else { throw node.error("expected \(kind.rawValue), e.g. {2019: 3218, 2020: 4000}") }
            var table: [String: Double] = [:]
            for (key, value) in try node.entries() {
                // Every table is yuan by year: a line written in 万元 (0.4) put every household
                // above it, so exit.income never fired, with exit 0.
                guard let year = Int(key), (1980...2100).contains(year) else { throw value.error("expected a year as the key, e.g. 2020: 4000, found \(key)") }
                let amount = try value.double()
                guard (100...1_000_000).contains(amount) else {
                    throw value.error("expected yuan per person and year in 100...1000000 (4000 for 4000元, not 0.4 in 万元), found \(try value.string())")
                }
                table[String(year)] = amount
            }
            self = .table(table)
        case .lists:
            guard case .mapping = node.node else { throw node.error("expected \(kind.rawValue), e.g. {危房改造: [危房改造, 危改]}") }
            self = .lists(try node.entries().map { key, value in
                let items = try value.items()
                guard !items.isEmpty, !items.contains(where: \.isEmpty) else { throw value.error("expected a list of non-empty keywords, e.g. [危房改造, 危改]") }
                return NamedList(key, items)
            })
        case .conditions:
            let example = "e.g. {专业技能型: {needs: [skilled_labourer], forbids: [extreme_poverty_support]}}"
            guard case .mapping = node.node else { throw node.error("expected \(kind.rawValue), \(example)") }
            var table: [String: TypeConditions] = [:]
            for (type, value) in try node.entries() {
                guard case .mapping = value.node else { throw value.error("expected {needs: [facts], forbids: [facts], unless: [facts]}, \(example)") }
                try value.requireKeys(in: ["needs", "forbids", "unless"])
                func facts(_ key: String) throws -> [String] {
                    try value.optional(key)?.list().map { try $0.oneOf(TypeConditions.factNames) } ?? []
                }
                table[type] = TypeConditions(needs: try facts("needs"), forbids: try facts("forbids"), unless: try facts("unless"))
            }
            self = .conditions(table)
        }
    }
}

extension OutputConfig {
    init(node: ConfigNode, folder: String) throws {
        try node.requireKeys(in: ["folder", "mask_ids", "html_report"])
        self.folder = try node.optional("folder").map { resolve(try $0.string(), against: folder) }
        maskIDs = try node.optional("mask_ids")?.bool() ?? true
        htmlReport = try node.optional("html_report")?.bool() ?? true
    }
}
