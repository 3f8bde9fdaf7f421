import Foundation

/// Reads every table a pipeline names into normalised records, with exact row accounting.
///
/// Each file's rows are mapped through the pipeline's header aliases and normalised per field
/// kind. Unreadable rows, and rows without the key a table requires, go to quarantine with file,
/// line and reason. A file that cannot be opened at all is a `PipelineError`; a file that breaks
/// part-way (XML well-formedness) keeps what came before it and records the fatal error.
public struct SourceLoader {
    public let config: PipelineConfig
    public let inputFolder: String
    public let normalizer: FieldNormalizer

    public init(config: PipelineConfig, inputFolder: String, normalizer: FieldNormalizer) {
        self.config = config
        self.inputFolder = inputFolder
        self.normalizer = normalizer
    }

    /// Everything read from the input folder.
    public struct Loaded: Sendable {
        public var households: [SourceID: [HouseholdRecord]] = [:]
        public var registries = Registries()
        public var villages: [VillageRecord] = []
        public var inputs: [InputStats] = []
        /// Source or registry name → quarantined rows.
        public var quarantine: [String: [QuarantinedRow]] = [:]
    }

    /// Row accounting and quarantine collected while reading.
    struct Accounts {
        var inputs: [InputStats] = []
        var quarantine: [String: [QuarantinedRow]] = [:]
    }

    public func loadAll() throws -> Loaded {
        var loaded = Loaded()
        var accounts = Accounts()
        for source in config.sources {
            loaded.households[source.id] = try loadSource(source, into: &accounts)
        }
        for registry in config.registries {
            loaded.registries.declare(registry.name)
            try readTable(registry.table, sourceName: registry.name, level: .member, into: &accounts) { record, _ in
                loaded.registries.add(registry.name, record.asMember)
                return nil
            }
        }
        if let villages = config.villages {
            try readTable(villages, sourceName: "villages", level: .household, into: &accounts) { record, location in
                guard let code = record.fields[.regionCode]?.normalized else {
                    return "missing 行政区划代码"
                }
                loaded.villages.append(VillageRecord(
                    location: location, regionCode: code,
                    name: record.fields[.village]?.normalized ?? "",
                    population: record.fields[VillageFields.population]?.normalized.flatMap { Int($0) },
                    recordedClass: record.fields[VillageFields.villageClass]?.normalized ?? ""))
                return nil
            }
        }
        loaded.inputs = accounts.inputs
        loaded.quarantine = accounts.quarantine
        return loaded
    }

    // MARK: Sources

    private func loadSource(_ source: SourceConfig, into accounts: inout Accounts) throws -> [HouseholdRecord] {
        var households: [HouseholdRecord] = []
        var index: [String: Int] = [:]
        try readTable(source.households, sourceName: source.id.rawValue, level: .household, into: &accounts) { record, location in
            var household = HouseholdRecord(source: source.id, location: location, fields: record.fields)
            household.members = record.members.map { MemberRecord(source: source.id, location: $0.location, fields: $0.fields) }
            let key = household.householdID
            if key.isEmpty, source.requireKey { return "missing 户编号 (household_id)" }
            if !key.isEmpty { index[key] = households.count }
            households.append(household)
            return nil
        }
        if let members = source.members {
            try readTable(members, sourceName: source.id.rawValue, level: .member, into: &accounts) { record, location in
                guard let key = record.fields[.householdID]?.normalized else { return "missing 户编号 (household_id)" }
                guard let i = index[key] else {
                    // A member whose household row is absent is still evidence: keep it on a
                    // household of its own so unify.missing reports it, never drop it.
                    index[key] = households.count
                    var orphan = HouseholdRecord(source: source.id, location: location, fields: [.householdID: FieldValue(raw: key, normalized: key)])
                    orphan.members = [MemberRecord(source: source.id, location: location, fields: record.fields)]
                    orphan.isMemberOnly = true
                    households.append(orphan)
                    return nil
                }
                households[i].members.append(MemberRecord(source: source.id, location: location, fields: record.fields))
                return nil
            }
        }
        return households
    }

    /// A mapped, normalised row (and, for XML, its members).
    struct MappedRecord {
        var fields: [FieldID: FieldValue]
        var members: [(location: SourceLocation, fields: [FieldID: FieldValue])]

        var asMember: MemberRecord {
            MemberRecord(source: "registry", location: SourceLocation(file: "", line: 0), fields: fields)
        }
    }

    /// Reads one table; `accept` returns nil to accept a row or a reason to quarantine it.
    private func readTable(
        _ table: TableConfig, sourceName: String, level: FieldLevel, into accounts: inout Accounts,
        accept: (MappedRecord, SourceLocation) throws -> String?
    ) throws {
        let path = resolve(table.file, against: inputFolder)
        var stats = InputStats(source: sourceName, file: table.file)
        var quarantined: [QuarantinedRow] = []
        guard FileManager.default.fileExists(atPath: path) else {
            throw PipelineError(file: path, keyPath: "", message: "input file not found (source \(sourceName)); check --input or the pipeline's file: \(table.file)")
        }
        let encoding = TextEncoding(pipelineName: table.encoding) ?? .auto
        switch table.format {
        case .csv:
            let reader: CSVReader
            do {
                reader = try CSVReader(path: path, displayName: table.file, format: CSVFormat(delimiter: table.delimiter, quote: table.quote, encoding: encoding))
            } catch {
                throw PipelineError(file: table.file, keyPath: "", message: "\(error)")
            }
            stats.encoding = reader.encoding.rawValue
            let columns = try columnIndexes(table.fields, header: reader.header, file: table.file, level: level)
            let counts = try reader.read({ row in
                var fields: [FieldID: FieldValue] = [:]
                for (field, column) in columns {
                    fields[field] = normalizer.normalize(row.string(at: column), kind: kind(of: field, level: level))
                }
                if let reason = try accept(MappedRecord(fields: fields, members: []), row.location) {
                    quarantined.append(QuarantinedRow(location: row.location, reason: reason, raw: String(decoding: row.rawBytes, as: UTF8.self)))
                    stats.quarantined += 1
                } else {
                    stats.accepted += 1
                }
            }, quarantine: { row in
                quarantined.append(row)
                stats.quarantined += 1
            })
            stats.read = counts.read
        case .xml:
            let reader: XMLRecordReader
            do {
                reader = try XMLRecordReader(path: path, displayName: table.file, paths: XMLPaths(recordPath: table.recordPath ?? "", memberPath: table.memberPath), encoding: encoding)
            } catch {
                throw PipelineError(file: table.file, keyPath: "", message: "\(error)")
            }
            stats.encoding = table.encoding
            let result = try reader.read { element in
                stats.read += 1
                var fields: [FieldID: FieldValue] = [:]
                for (field, names) in table.fields {
                    if let raw = Self.lookup(element.values, names) {
                        fields[field] = normalizer.normalize(raw, kind: kind(of: field, level: level))
                    }
                }
                let members = element.members.map { m -> (location: SourceLocation, fields: [FieldID: FieldValue]) in
                    var mf: [FieldID: FieldValue] = [:]
                    for (field, names) in table.memberFields {
                        if let raw = Self.lookup(m.values, names) {
                            mf[field] = normalizer.normalize(raw, kind: kind(of: field, level: .member))
                        }
                    }
                    return (m.location, mf)
                }
                if let reason = try accept(MappedRecord(fields: fields, members: members), element.location) {
                    quarantined.append(QuarantinedRow(location: element.location, reason: reason, raw: Self.describe(element)))
                    stats.quarantined += 1
                } else {
                    stats.accepted += 1
                }
            }
            stats.fatal = result.fatal.map { "\($0)" }
        }
        accounts.inputs.append(stats)
        if !quarantined.isEmpty { accounts.quarantine[sourceName, default: []] += quarantined }
    }

    /// Header → column index for each mapped field (first alias present wins). The table's key
    /// column (household_id, else id_number, else region_code) must exist; other fields may be
    /// absent from a file and are then simply not compared for that source.
    private func columnIndexes(_ mapping: [(field: FieldID, headers: [String])], header: [String], file: String, level: FieldLevel) throws -> [(FieldID, Int)] {
        var result: [(FieldID, Int)] = []
        for (field, names) in mapping {
            if let column = names.lazy.compactMap({ header.firstIndex(of: $0) }).first {
                result.append((field, column))
            }
        }
        let keyField = [FieldID.householdID, .idNumber, .regionCode].first { key in mapping.contains { $0.field == key } }
        if let keyField, !result.contains(where: { $0.0 == keyField }) {
            let names = mapping.first { $0.field == keyField }!.headers
            throw PipelineError(
                file: file, line: 1, keyPath: "",
                message: "no column for \(keyField.rawValue); expected a header named \(names.joined(separator: " or ")), found: \(header.joined(separator: ","))")
        }
        return result
    }

    static func lookup(_ values: [String: String], _ names: [String]) -> String? {
        for name in names {
            if let v = values[name] { return v }
            if let v = values["@" + name] { return v }
        }
        return nil
    }

    static func describe(_ element: XMLElementRecord) -> String {
        element.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    private func kind(of field: FieldID, level: FieldLevel) -> FieldKind {
        if let spec = FieldCatalog.spec(field, level: level) { return spec.kind }
        return ExtraFieldKinds.kind(field)
    }
}

/// Kinds of the registry and village columns beyond the canonical model.
enum ExtraFieldKinds {
    static func kind(_ field: FieldID) -> FieldKind {
        switch field.rawValue {
        case "death_date": return .date
        case "floor_area": return .quantity(unit: "㎡")
        case "registered_capital": return .quantity(unit: "万元")
        case "population": return .integer
        case "insurance_status": return .boolean
        default: return .text
        }
    }
}
