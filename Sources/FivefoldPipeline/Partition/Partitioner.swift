import Foundation
import FivefoldModel
import FivefoldIO

/// Pass 1 of a run: scans every input table once, quarantines what cannot be read, and routes
/// each record to a partition file by the stable hash of its 户编号 — registry rows follow the
/// household whose member carries their ID number. Memory holds no records, only an ID → partition
/// map (8 + 2 bytes an ID) and, for a shard, the system's 户编号 → shard map.
///
/// Tables are scanned concurrently (`jobs` at a time): the XML sources are the slow ones, so
/// they overlap with the CSV sources.
final class Partitioner: Sendable {
    let config: PipelineConfig
    let inputFolder: String
    let workFolder: String
    let partitions: Int
    let shard: Shard
    let jobs: Int
    let normalizer: FieldNormalizer
    let quarantineFolder: String
    let progress: @Sendable (String) -> Void

    init(config: PipelineConfig, inputFolder: String, workFolder: String, partitions: Int, shard: Shard, jobs: Int,
         normalizer: FieldNormalizer, quarantineFolder: String, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.config = config
        self.progress = progress
        self.inputFolder = inputFolder
        self.workFolder = workFolder
        self.partitions = partitions
        self.shard = shard
        self.jobs = jobs
        self.normalizer = normalizer
        self.quarantineFolder = quarantineFolder
    }

    /// A table of the pipeline and its place in the work folder.
    struct Table {
        enum Kind { case households, members, registry, villages }
        var index: Int
        var kind: Kind
        var source: String
        var config: TableConfig
        var requireKey = true
    }

    /// Every table, in pipeline order (the order of `summary.json` inputs).
    static func tables(_ config: PipelineConfig) -> [Table] {
        var tables: [Table] = []
        for s in config.sources {
            tables.append(Table(index: tables.count, kind: .households, source: s.id.rawValue, config: s.households, requireKey: s.requireKey))
            if let m = s.members { tables.append(Table(index: tables.count, kind: .members, source: s.id.rawValue, config: m)) }
        }
        for r in config.registries { tables.append(Table(index: tables.count, kind: .registry, source: r.name, config: r.table)) }
        if let v = config.villages { tables.append(Table(index: tables.count, kind: .villages, source: "villages", config: v)) }
        return tables
    }

    /// A table's work files are in a folder of their own: tables are scanned two at a time, and
    /// creating thousands of files in one folder from two threads contended for its lock.
    static func spillPath(_ work: String, table: Int, partition: Int) -> String {
        "\(work)/t\(table)/p\(partition).spill"
    }

    /// Removes the spill files of `tables` (their folders under `work`), once every partition
    /// has read them.
    static func removeSpills(_ work: String, tables: [Table]) {
        for table in tables { try? FileManager.default.removeItem(atPath: "\(work)/t\(table.index)") }
    }

    func normalizedKey(_ raw: String?) -> String {
        guard let raw else { return "" }
        return normalizer.normalize(raw, kind: .text).normalized ?? ""
    }

    func partition(of key: String, line: Int) -> Int {
        let h = key.isEmpty ? UInt64(line) &* 0x9E37_79B9_7F4A_7C15 : StableHash.value([key])
        return Int(h % UInt64(partitions))
    }

    /// Runs pass 1 and returns the accounting of every input file, in pipeline order.
    ///
    /// Registry rows are routed by the ID numbers of the system's members only, so the
    /// registries can be scanned while the other sources (the slow archive XML above all) are
    /// still being read, and the routing never depends on which scan finished first.
    func run() throws -> [InputStats] {
        let tables = Self.tables(config)
        let owners = try shard.count > 1 ? systemOwners() : nil
        for table in tables {
            try FileManager.default.createDirectory(atPath: "\(workFolder)/t\(table.index)", withIntermediateDirectories: true)
        }
        let order = scanOrder(tables)
        let idMap = SystemIDMap(suppliers: tables.filter(Self.suppliesIDs).count)
        let started = Date()
        let scans = try Parallel.map(order, jobs: jobs) { table in
            let scan = try self.scan(table, owners: owners, idMap: idMap)
            self.report(scan, started: started, cut: table.config.format == .csv)
            return scan
        }
        var byTable = [TableScan?](repeating: nil, count: tables.count)
        for (table, scan) in zip(order, scans) { byTable[table.index] = scan }
        var scanned = byTable.map { $0! }
        if let i = scanned.indices.first(where: { scanned[$0].stats.unusable != nil || (scanned[$0].stats.read > 0 && scanned[$0].stats.accepted == 0) }) {
            throw Self.unusable(scanned[i], format: tables[i].config.format)
        }
        if let empty = tables.first(where: { ($0.kind == .households || $0.kind == .members) && scanned[$0.index].stats.read == 0 }) {
            throw Self.empty(empty, stoppedBy: scanned[empty.index].stats.fatal)
        }
        for i in scanned.indices {
            for warning in [Self.brokenOff(scanned[i].stats, table: tables[i]), Self.manyQuarantined(scanned[i], table: tables[i])].compactMap({ $0 }) {
                scanned[i].stats.warnings.append(warning)
                scanned[i].stats.damage.append(warning)
            }
        }
        try writeQuarantine(scanned, tables: tables)
        return scanned.map(\.stats)
    }

    /// What the scan of one table leaves: its accounting and the rows it quarantined.
    struct TableScan {
        var stats: InputStats
        var quarantined: [QuarantinedRow]
        /// Seconds the scan took.
        var seconds: Double
    }

    /// Whether a table's members carry the ID numbers registry rows are routed by (the system's).
    static func suppliesIDs(_ table: Table) -> Bool {
        (table.kind == .households || table.kind == .members) && table.source == SourceID.system.rawValue
    }

    /// The order tables are scanned in: the largest source other than the system first (it is
    /// the long pole), then the system's tables, the other sources, and last the registries and
    /// villages, which wait for the system's member IDs.
    private func scanOrder(_ tables: [Table]) -> [Table] {
        let keyed = tables.filter { $0.kind == .registry || $0.kind == .villages }
        let idTables = tables.filter(Self.suppliesIDs)
        let others = tables.filter { ($0.kind == .households || $0.kind == .members) && !Self.suppliesIDs($0) }
        let bySize = others.sorted { size($0) > size($1) }
        return Array(bySize.prefix(1)) + idTables + Array(bySize.dropFirst()) + keyed.sorted { size($0) > size($1) }
    }

    /// Scans one table into its partition files.
    private func scan(_ table: Table, owners: [String: Int]?, idMap: SystemIDMap) throws -> TableScan {
        let started = Date()
        var rows: [QuarantinedRow] = []
        let stats: InputStats
        switch table.kind {
        case .households, .members:
            if Self.suppliesIDs(table) {
                stats = try idMap.supply { ids in try scanHouseholdTable(table, owners: owners, quarantine: { rows.append($0) }, ids: &ids) }
            } else {
                var none: [UInt64: UInt16]?
                stats = try scanHouseholdTable(table, owners: owners, quarantine: { rows.append($0) }, ids: &none)
            }
        case .registry, .villages:
            stats = try scanKeyedTable(table, idMap: idMap.merged, owners: owners, quarantine: { rows.append($0) })
        }
        return TableScan(stats: stats, quarantined: rows, seconds: Date().timeIntervalSince(started))
    }

    /// A table none of whose rows could be read stops the run: every finding that source would
    /// give (or, for the system, every household) would be missing or false, with exit 0.
    /// Typical causes: a file a spreadsheet re-saved with its IDs as numbers, a wrong encoding or
    /// delimiter, a layout the mapping does not fit.
    static func unusable(_ scan: TableScan, format: TableFormat) -> PipelineError {
        let s = scan.stats
        if let why = s.unusable {
            return PipelineError(file: s.file, keyPath: "", message: own(why, file: s.file) + ". Nothing was written")
        }
        var message = "every one of its \(s.read) rows is unreadable and would be quarantined"
        if let first = scan.quarantined.first {
            message += " (\(format == .xlsx ? "row" : "line") \(first.location.line): \(first.reason))"
            if Self.isShortRow(first.reason) { message += "; if the export leaves out empty trailing fields, set `ragged: pad` on the table" }
        }
        message += ". Nothing was written; `fivefold check` lists every reason"
        return PipelineError(file: s.file, keyPath: "", message: message)
    }

    /// A source table without a single row (only its header): an export that stopped early.
    /// Read as it is, a run reports every household of the other sources missing from this one,
    /// with exit 0; for the system, it checks nothing, and a nightly ledger would mark every
    /// open finding of the province resolved.
    /// When the file broke off before its first record (`stoppedBy`: a well-formedness error, a
    /// character libxml2 refused, a hostile DTD), the message starts with where and why.
    static func empty(_ table: Table, stoppedBy fatal: String? = nil) -> PipelineError {
        guard let fatal else {
            return PipelineError(file: table.config.file, keyPath: "", message: emptyReason(table) + ". Nothing was written")
        }
        return PipelineError(
            file: table.config.file, keyPath: "",
            message: "the file breaks off before its first record (\(Self.own(fatal, file: table.config.file))), so "
                + emptyReason(table) + ". Nothing was written")
    }

    /// The warning for a file that broke off after some records: the rest of it was not read, so
    /// its households from there on are reported missing from its source — a worklist of false
    /// findings if nobody notices. (A file that broke off before any record stops the run.)
    /// A CSV file is cut off rather than broken off: the reader reached its end, and what followed
    /// the cut is not in the file at all.
    static func brokenOff(_ stats: InputStats, table: Table) -> String? {
        guard let fatal = stats.fatal, stats.read > 0 else { return nil }
        if table.config.format == .csv {
            let missing = table.kind == .members
                ? "the members of its households from there on are reported missing from the \(stats.source) source"
                : table.kind == .households ? "its households from there on are reported missing from the \(stats.source) source"
                : "its rows from there on are missing"
            return "\(stats.file): the file looks cut off: \(own(fatal, file: stats.file)), after \(stats.read - 1) whole row\(stats.read == 2 ? "" : "s"). "
                + "Whatever followed is not in the file, and \(missing). Copy or export the file again"
        }
        return "\(stats.file): the file breaks off (\(own(fatal, file: stats.file))) after \(stats.read) record\(stats.read == 1 ? "" : "s"); the rest of it "
            + "was not read, and its households from there on are reported missing from the \(stats.source) source. "
            + "Repair or export the file again"
    }

    /// `text` without a leading `file: `, which the message already names, on one line.
    static func own(_ text: String, file: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.hasPrefix(file + ":") ? String(line.dropFirst(file.count + 1)).trimmingCharacters(in: .whitespaces) : line
    }

    /// What `empty` says about the table (`fivefold check` says it too).
    static func emptyReason(_ table: Table) -> String {
        let what = table.source == SourceID.system.rawValue
            ? "the system's \(table.kind == .households ? "households" : "members") are what a run checks; check the export"
            : "a run would report every household missing from the \(table.source) source; check the export, or leave the \(table.source) source out of the pipeline"
        return (table.config.format == .xml ? "no records" : "no rows (only a header)") + ": " + what
    }

    /// `expected 20 fields, found 19`: fewer fields than the header.
    static func isShortRow(_ reason: String) -> Bool {
        let numbers = reason.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return reason.hasPrefix("expected ") && reason.contains(" fields, found ") && numbers.count == 2 && numbers[1] < numbers[0]
    }

    private func report(_ scan: TableScan, started: Date, cut: Bool) {
        let s = scan.stats
        let took = String(format: "%.1f", scan.seconds)
        let at = String(format: "%.1f", Date().timeIntervalSince(started))
        progress("  \(s.file): \(s.read) read, \(s.accepted) accepted, \(s.quarantined) quarantined in \(took) s (done at \(at) s)"
            + (s.fatal.map { " — \(cut ? "cut off" : "stopped"): \($0)" } ?? ""))
    }

    /// Quarantine files are written in table order, whatever order the scans finished in, so
    /// that a run's outputs are the same every time. Quarantined rows are held until then:
    /// memory in proportion to the unreadable rows, not to the input.
    private func writeQuarantine(_ scans: [TableScan], tables: [Table]) throws {
        var writers: [String: QuarantineWriter] = [:]
        for table in tables where !scans[table.index].quarantined.isEmpty {
            let writer = writers[table.source] ?? QuarantineWriter(directory: quarantineFolder, source: table.source)
            writers[table.source] = writer
            for row in scans[table.index].quarantined { try writer.append(row) }
        }
        for w in writers.values { try w.close() }
    }

    private func size(_ table: Table) -> Int { fileSize(resolve(table.config.file, against: inputFolder)) }

    /// For a shard: which shard owns each system 户编号. Counties are dealt to shards largest
    /// first, each to the shard with the fewest households so far (ties to the lower index), so
    /// shards are balanced and every shard computes the same assignment from the same input.
    private func systemOwners() throws -> [String: Int] {
        guard let system = Self.tables(config).first(where: { $0.kind == .households && $0.source == SourceID.system.rawValue }) else { return [:] }
        var countyOf: [String: String] = [:]
        var sizes: [String: Int] = [:]
        _ = try TableScanner(inputFolder: inputFolder).scan(system.config, sourceName: system.source, quarantine: { _ in }) { record in
            let key = normalizedKey(record.value(.householdID))
            guard !key.isEmpty else { return nil }
            let region = normalizer.normalize(record.value(.regionCode) ?? "", kind: .regionCode).normalized ?? ""
            let county = String(region.prefix(6))
            countyOf[key] = county
            sizes[county, default: 0] += 1
            return nil
        }
        let shardOf = Shard.assign(counties: sizes, count: shard.count)
        return countyOf.mapValues { shardOf[$0] ?? 0 }
    }

    /// Households or member rows of a source, routed by 户编号. With `ids`, the ID numbers of the
    /// members are collected too (the system's: registry rows follow them).
    private func scanHouseholdTable(_ table: Table, owners: [String: Int]?, quarantine: (QuarantinedRow) -> Void, ids: inout [UInt64: UInt16]?) throws -> InputStats {
        var writers: [Int: SpillWriter] = [:]
        func writer(_ p: Int) throws -> SpillWriter {
            if let w = writers[p] { return w }
            let w = try SpillWriter(path: Self.spillPath(workFolder, table: table.index, partition: p))
            writers[p] = w
            return w
        }
        func note(_ fields: [(FieldID, String)], partition p: Int) {
            guard ids != nil, let raw = fields.first(where: { $0.0 == .idNumber })?.1,
                let id = IDNumber.parse(raw).normalized, let packed = PackedID.pack(id)
            else { return }
            ids![packed] = UInt16(p)
        }
        var blankKeys = 0
        var stats = try TableScanner(inputFolder: inputFolder).scan(table.config, sourceName: table.source, quarantine: quarantine) { record in
            let key = normalizedKey(record.value(.householdID))
            if let problem = Self.keyProblem(key, required: table.requireKey || table.kind == .members) { return problem }
            if key.isEmpty { blankKeys += 1 }
            // A record whose 户编号 the system does not hold belongs to shard 0, like an unregistered one.
            let owner = key.isEmpty ? 0 : owners?[key] ?? 0
            guard owners == nil || owner == shard.index else { return nil }
            let p = partition(of: key, line: record.location.line)
            let w = try writer(p)
            switch table.kind {
            case .households:
                try w.append(.household, line: record.location.line, fields: record.fields, codes: record.codes)
                for m in record.members {
                    try w.append(.member, line: m.location.line, fields: m.fields, codes: m.codes)
                    note(m.fields, partition: p)
                }
            default:
                try w.append(.row, line: record.location.line, fields: record.fields, codes: record.codes)
                note(record.fields, partition: p)
            }
            return nil
        }
        for w in writers.values { try w.flush() }
        if let warning = Self.mostlyBlankKey(table, blank: blankKeys, accepted: stats.accepted) { stats.warnings.append(warning) }
        return stats
    }

    /// A warning when most rows of a table that keeps rows without a 户编号 (the interview:
    /// `require_key: false`) have none. Each such row is read as a household the system lacks
    /// (四看法 judges it for 漏评), which is right for a village-wide 走访 but is also what a key
    /// mapped to a mostly empty column looks like: the run goes on, and says so. (A key blank in
    /// every row stops the run: `MappedField.blankKey`.)
    static func mostlyBlankKey(_ table: Table, blank: Int, accepted: Int) -> String? {
        guard !table.requireKey, table.kind == .households, isMostly(blank, of: accepted) else { return nil }
        return mostlyBlankKeyText(file: table.config.file, isXML: table.config.format == .xml, blank: blank, of: accepted)
    }

    /// The warning's text; `scope` is "the first " when `fivefold check` read a sample.
    static func mostlyBlankKeyText(file: String, isXML: Bool, blank: Int, of total: Int, scope: String = "") -> String {
        "\(file): 户编号 (household_id) is blank in \(blank) of \(scope)\(total) \(isXML ? "records" : "rows") (\(blank * 100 / max(total, 1)) %); "
            + "each is read as a household the system lacks and judged by 四看法 for 漏评. If these households are registered, "
            + "the key is mapped to the wrong \(isXML ? "element" : "column") (fivefold inspect shows the file's values)"
    }

    /// More than half of at least 10, and not all (all blank stops the run).
    static func isMostly(_ blank: Int, of accepted: Int) -> Bool { accepted >= 10 && blank * 2 > accepted && blank < accepted }

    /// Why a 户编号 is no household's, or nil. Exports often end with a totals row (`合计,,,152,…`)
    /// whose 户编号 cell holds 合计, 总计, 小计 or 共计: read as a household, it went on the
    /// worklists (未落实帮扶责任人, 家庭人口数“152”无效, 档案、明白卡…中无此户). Where a 户编号 is
    /// required, a key without a single digit (备注, 说明) is refused too; in a table that keeps
    /// unregistered households (the interview) only the totals markers are.
    /// Why a row with this (normalised) 户编号 is quarantined: missing where `required`, or not
    /// a household's (`notAHouseholdKey`); nil when it is kept. `fivefold check` asks the same.
    static func keyProblem(_ key: String, required: Bool) -> String? {
        if key.isEmpty { return required ? "missing 户编号 (household_id)" : nil }
        return notAHouseholdKey(key, required: required)
    }

    static func notAHouseholdKey(_ key: String, required: Bool) -> String? {
        // Every real 户编号 starts with a digit: one byte decides (this runs for every row).
        guard let first = key.utf8.first, first < 0x30 || first > 0x39 else { return nil }
        if let marker = totalsMarkers.first(where: { key.hasPrefix($0) }) {
            return "a totals row (户编号 \(key)), not a household: \(marker) rows are left out"
        }
        if required, !key.unicodeScalars.contains(where: { ("0"..."9").contains($0) || ("０"..."９").contains($0) }) {
            return "户编号 \"\(key)\" has no digits: not a household (a note or totals row?)"
        }
        return nil
    }

    /// What the key cell of a totals or subtotals row starts with.
    static let totalsMarkers = ["合计", "总计", "小计", "共计", "汇总", "合 计", "总 计", "小 计"]

    /// Registries follow the household of the member with their ID number; villages are only
    /// accounted for here (the assembly reads the small register itself).
    private func scanKeyedTable(_ table: Table, idMap: () -> [UInt64: UInt16], owners: [String: Int]?,
                                quarantine: (QuarantinedRow) -> Void) throws -> InputStats {
        var writers: [Int: SpillWriter] = [:]
        func write(_ record: TableScanner.RawRecord, partition p: Int) throws {
            let w: SpillWriter
            if let existing = writers[p] { w = existing } else {
                w = try SpillWriter(path: Self.spillPath(workFolder, table: table.index, partition: p))
                writers[p] = w
            }
            try w.append(.row, line: record.location.line, fields: record.fields, codes: record.codes)
        }
        // A registry that names the 户编号 (hukou) follows it, like a household table, and needs no
        // ID map; its rows without one wait for the map, as every row of the other registries does.
        let byHousehold = Self.routesByHousehold(table)
        var waiting: [(TableScanner.RawRecord, UInt64)] = []
        var map: [UInt64: UInt16]?
        let stats = try TableScanner(inputFolder: inputFolder).scan(table.config, sourceName: table.source, quarantine: quarantine) { record in
            if table.kind == .villages {
                return normalizer.normalize(record.value(.regionCode) ?? "", kind: .regionCode).normalized == nil ? "missing or invalid 行政区划代码" : nil
            }
            guard let raw = record.value(.idNumber), !TextNormalizer.isBlank(raw) else {
                return "missing 身份证号 (id_number)"
            }
            guard let id = IDNumber.parse(raw).normalized, let packed = PackedID.pack(id) else {
                return "身份证号无法识别: \(raw)"
            }
            if byHousehold {
                let key = normalizedKey(record.value(.householdID))
                if !key.isEmpty {
                    guard owners == nil || (owners?[key] ?? 0) == shard.index else { return nil }
                    try write(record, partition: partition(of: key, line: record.location.line))
                    return nil
                }
                waiting.append((record, packed))
                return nil
            }
            if map == nil { map = idMap() }
            // Nobody in this run's households carries this ID: the row can concern no rule.
            guard let p = map![packed].map(Int.init) else { return nil }
            try write(record, partition: p)
            return nil
        }
        if !waiting.isEmpty {
            let ids = idMap()
            for (record, packed) in waiting {
                if let p = ids[packed].map(Int.init) { try write(record, partition: p) }
            }
        }
        for w in writers.values { try w.flush() }
        return stats
    }

    static func routesByHousehold(_ table: Table) -> Bool {
        table.kind == .registry && table.config.fields.contains { $0.field == .householdID }
    }
}
