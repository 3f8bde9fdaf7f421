import Foundation
import FivefoldModel
import FivefoldIO

/// `fivefold check`: reads the beginning of every input table the way a run would and reports
/// every problem in one pass — a missing file, an undecodable header, a delimiter that does not
/// split the header, mapped names the data does not hold, an XML record path that matches
/// nothing, rows of the sample that a run would quarantine.
///
/// It reads only the header and a sample of rows (or records) per table, so it answers in
/// about the same time on a county and on a province. Its verdicts on names that XML records may
/// omit are therefore about the sample: a name absent from the first records is reported.
public struct PipelineChecker {
    public let config: PipelineConfig
    public let inputFolder: String
    /// Rows (CSV) or records (XML) read per table.
    public var sampleSize = 1000

    /// What one check found.
    public struct Report: Sendable {
        /// One line per table: what it is read as (format, encoding, delimiter, columns, sample).
        public var tables: [String] = []
        /// Everything that would stop a run or lose rows; `check` exits 2 when there are any.
        public var problems: [String] = []
        /// What looks wrong but would not stop a run (blank columns, no members).
        public var warnings: [String] = []
        /// Optional fields each file turned out not to have (by file), for the skipped rules.
        var absentFields: [String: [String]] = [:]
        /// Mapped fields each CSV file left blank in every row, when the check read all its rows,
        /// and those it filled or may fill past the sample (by file), for the skipped rules.
        var blankFields: [String: [String]] = [:]
        var filledFields: [String: [String]] = [:]
        /// Rows (XML: records) read per file, for the empty-table check.
        var rowsRead: [String: Int] = [:]
    }

    public init(config: PipelineConfig, inputFolder: String) {
        self.config = config
        self.inputFolder = inputFolder
    }

    /// Checks every table of the pipeline.
    public func check() -> Report {
        var report = Report()
        for table in Partitioner.tables(config) {
            let path = resolve(table.config.file, against: inputFolder)
            guard FileManager.default.fileExists(atPath: path) else {
                report.problems.append("\(table.config.file): input file not found (source \(table.source)) in \(inputFolder)")
                continue
            }
            check(table.config, path: path, into: &report)
            // A source table without rows stops a run (Partitioner.empty): said here too.
            if table.kind == .households || table.kind == .members, report.rowsRead[table.config.file] == 0 {
                report.problems.append("\(table.config.file): \(Partitioner.emptyReason(table)); a run stops here")
            }
        }
        // The accountability tables are optional: an absent one is said, not a problem; one
        // that is there is checked like any input (a mistyped header stops a run too).
        for (name, key, table) in config.accountability.tables {
            guard let table else { continue }
            let path = resolve(table.file, against: inputFolder)
            guard FileManager.default.fileExists(atPath: path) else {
                if let near = OptionalInputFile.nearMiss(table.file, in: inputFolder) {
                    report.problems.append("accountability.\(key).file: " + OptionalInputFile.message(table.file, key: key, near: near))
                } else {
                    report.tables.append("\(table.file): absent (optional \(name) table: its checks will be skipped)")
                }
                continue
            }
            check(table, path: path, into: &report)
            checkAccountabilityRows(name, table, into: &report)
        }
        // Rules whose fields the system tables do not map, or (optional) do not have.
        let system = Partitioner.tables(config).filter { $0.source == SourceID.system.rawValue }.map { table in
            var stats = InputStats(source: table.source, file: table.config.file)
            stats.absentFields = report.absentFields[table.config.file] ?? []
            stats.blankFields = report.blankFields[table.config.file] ?? []
            stats.filledFields = report.filledFields[table.config.file] ?? []
            return stats
        }
        report.warnings.insert(contentsOf: config.knowingAbsent(system).ruleFieldWarnings, at: 0)
        return report
    }

    private func check(_ table: TableConfig, path: String, into report: inout Report) {
        do {
            switch table.format {
            case .csv: try checkCSV(table, path: path, into: &report)
            case .xml: try checkXML(table, path: path, into: &report)
            case .xlsx: try checkXLSX(table, path: path, into: &report)
            }
        } catch let error as PipelineError {
            report.problems.append(error.description)
        } catch {
            report.problems.append(TableScanner.inputError(error, file: table.file).description)
        }
    }

    /// The rows of an accountability table judged as a run judges them (层级, 类型, dates …), read
    /// whole (these tables are small): each reason with its lines, and the stop when none is
    /// usable. The generic check above reads the columns only.
    private func checkAccountabilityRows(_ name: String, _ table: TableConfig, into report: inout Report) {
        guard !report.problems.contains(where: { $0.contains(table.file) }) else { return }
        var tally = QuarantineTally()
        let loader = AccountabilityLoader(config: config, inputFolder: inputFolder, normalizer: FieldNormalizer(vocabulary: Vocabulary()))  // text and dates only
        let refusal = loader.refusal(name)
        guard let stats = try? TableScanner(inputFolder: inputFolder).scan(table, sourceName: name, quarantine: { tally.add($0.reason, line: $0.location.line) }, accept: refusal)
        else { return }
        report.problems += tally.problems(file: table.file, sample: "all \(stats.read) rows", unit: table.format == .xlsx ? "row" : "line")
        // The table's line counted none of these (the columns were all it judged).
        if let i = report.tables.firstIndex(where: { $0.hasPrefix(table.file + ":") }), report.tables[i].hasSuffix(", 0 would be quarantined") {
            report.tables[i] = String(report.tables[i].dropLast("0 would be quarantined".count)) + "\(stats.quarantined) would be quarantined"
        }
        if stats.read > 0 && stats.accepted == 0 {
            report.problems.append("\(table.file): every row of all \(stats.read) rows would be quarantined; a run stops here when no row of a table can be read")
        }
    }

    private struct StopSampling: Error {}

    /// Whether a run requires the 户编号 of `file`'s rows (true), checks it only when present
    /// (false), or does not key the table by household at all (nil: registries, villages).
    private func keyRequirement(_ file: String) -> Bool? {
        guard let keyed = Partitioner.tables(config).first(where: { $0.config.file == file && ($0.kind == .households || $0.kind == .members) })
        else { return nil }
        return keyed.requireKey || keyed.kind == .members
    }

    /// Why a run would quarantine a row for its 户编号 (`Partitioner.keyProblem`: missing where
    /// required, a totals row such as 合计, a required key without a digit), or nil.
    static func keyProblem(_ raw: String?, required: Bool?) -> String? {
        guard let required else { return nil }
        // The partitioner's key is the value normalised as text: its folded form.
        return Partitioner.keyProblem(TextNormalizer.fold(raw ?? ""), required: required)
    }

    /// The rules a run skips when `field` is blank in every row of the system source's tables,
    /// joined for a message; nil for another table or when no rule would be skipped.
    private func skippedWhenBlank(_ field: FieldID, file: String) -> String? {
        guard let system = config.sources.first(where: { $0.id == .system }),
              system.households.file == file || system.members?.file == file else { return nil }
        let rules = config.rulesSkipped(ifBlank: field)
        return rules.isEmpty ? nil : rules.map(\.rawValue).joined(separator: ", ")
    }

    func checkCSV(_ table: TableConfig, path: String, into report: inout Report) throws {
        let sniffed = try? DelimiterSniffer.sniff(path: path)
        let reader = try CSVReader(path: path, displayName: table.file, format: TableScanner.csvFormat(table))
        reader.rowLimit = sampleSize
        let (columns, missing) = TableScanner.resolveColumns(table, header: reader.header)
        report.absentFields[table.file] = TableScanner.absentOptional(table, header: reader.header)
        if let sniffed, sniffed != table.delimiter, !missing.isEmpty || (reader.header.count <= 1 && table.mapped.count > 1) {
            // Every field "missing" then follows from the one wrong delimiter: said once.
            report.problems.append("\(table.file): the file looks \(DelimiterSniffer.name(sniffed))-separated, but the pipeline reads it with delimiter \"\(DelimiterSniffer.name(table.delimiter))\" (set delimiter: \(sniffed == 9 ? "tab" : "\"\(DelimiterSniffer.name(sniffed))\""))")
        } else if !missing.isEmpty, let hint = TableScanner.headerBelow(table, path: path) {
            // Every field "missing" then follows from the title line above the header: said once.
            report.problems.append("\(table.file): no mapped column in the header row \(table.headerRow); \(hint)")
        } else {
            report.problems += missing.map(\.description)
        }
        report.warnings += reader.headerWarnings.map { "\(table.file): \($0)" }
        var filled = [Bool](repeating: false, count: columns.count)
        var tally = QuarantineTally()
        var idGuard = SpreadsheetIDGuard(columns: columns, header: reader.header)
        var quarantined = 0
        // Without a 户编号 column (a mapping problem, reported above) rows are not judged by it.
        let keyColumn = columns.first { $0.0 == .householdID }?.1
        let keyRequired = keyRequirement(table.file)
        var decimalKeys = TableScanner.DecimalKeys()
        let counts = try reader.read({ row in
            for (i, column) in columns.enumerated() where !filled[i] && !TextNormalizer.isBlank(row.string(at: column.1)) { filled[i] = true }
            if let keyColumn { _ = decimalKeys.clean(row.string(at: keyColumn)) }
            let guarded = idGuard.isActive ? idGuard.problem(columns.map { ($0.0, row.string(at: $0.1)) }, line: row.location.line) : nil
            if let reason = guarded ?? keyColumn.flatMap({ Self.keyProblem(row.string(at: $0), required: keyRequired) }) {
                tally.add(reason, line: row.location.line)
                quarantined += 1
            }
        }, quarantine: { row in
            tally.add(row.reason, line: row.location.line)
        })
        quarantined += counts.quarantined
        report.rowsRead[table.file] = counts.read
        let sample = counts.read >= sampleSize ? "the first \(counts.read) rows" : "all \(counts.read) rows"
        report.problems += tally.problems(file: table.file, sample: sample, unit: "line")
        if let warning = idGuard.warning(file: table.file) { report.problems.append(warning) }
        if let cut = reader.brokenOff { report.problems.append("\(table.file): the file looks cut off: \(cut); whatever followed is not in the file") }
        if let warning = decimalKeys.warning(file: table.file, unit: "row") { report.warnings.append(warning.replacingOccurrences(of: " in \(decimalKeys.count) rows", with: " in \(decimalKeys.count) of \(sample)")) }
        if let unusable = idGuard.unusable(file: table.file, rows: counts.read) { report.problems.append(unusable + "; a run stops here") }
        if counts.read > 0 && quarantined == counts.read {
            report.problems.append("\(table.file): every row of \(sample) would be quarantined; a run stops here when no row of a table can be read")
        }
        let complete = counts.read < sampleSize
        if counts.accepted > 0 {
            for (i, column) in columns.enumerated() where !filled[i] {
                if complete, TableScanner.isKey(column.0, of: table), let mapped = table.mapped.first(where: { !$0.isMember && $0.field == column.0 }) {
                    report.problems.append(mapped.blankKey(pipelineFile: table.pipelineFile, dataFile: table.file, every: sample, unit: "row").description)
                    continue
                }
                var warning = "\(table.file): column \(reader.header[column.1]) (\(column.0.rawValue)) is blank in \(sample)"
                if !complete, let rules = skippedWhenBlank(column.0, file: table.file) {
                    warning += "; if it is blank in every row, a run skips rule \(rules)"
                }
                report.warnings.append(warning)
            }
        }
        // A table read to its end is known blank where it is blank; past a sample, a column
        // blank so far may be filled later, so it counts as filled (its rules are not said to be
        // skipped, the warning above says they may be).
        report.blankFields[table.file] = complete && counts.accepted > 0 ? columns.indices.filter { !filled[$0] }.map { columns[$0].0.rawValue } : []
        report.filledFields[table.file] = columns.indices.filter { filled[$0] || !complete }.map { columns[$0].0.rawValue }
        var line = "\(table.file): csv, \(reader.encoding.rawValue)\(reader.hasBOM ? " with BOM" : "")\(reader.isGzipped ? ", gzipped" : ""), delimiter \(table.delimiter == 9 ? "tab" : "\"\(DelimiterSniffer.name(table.delimiter))\"")"
        if table.headerRow > 1 { line += ", header on line \(table.headerRow) (\(reader.skippedRows) title rows skipped)" }
        line += ", \(reader.header.count) columns, \(columns.count) of \(table.mapped.count) fields mapped; \(sample) read, \(quarantined) would be quarantined"
        report.tables.append(line)
    }

    func checkXLSX(_ table: TableConfig, path: String, into report: inout Report) throws {
        var header: TableScanner.XLSXHeader?
        _ = try TableScanner.readXLSX(table, path: path, header: { header = $0 }, row: { _ in false })
        guard let header else { return }
        let (columns, missing) = TableScanner.resolveColumns(table, header: header.names)
        report.absentFields[table.file] = TableScanner.absentOptional(table, header: header.names)
        guard missing.isEmpty else {
            report.problems += missing.map(\.description)
            return
        }
        var stats = InputStats(source: "", file: table.file)
        var tally = QuarantineTally()
        let keyRequired = keyRequirement(table.file)
        try TableScanner(inputFolder: inputFolder).scanXLSX(table, path: path, stats: &stats, rowLimit: sampleSize, quarantine: { row in
            tally.add(row.reason, line: row.location.line)
        }, accept: { record in Self.keyProblem(record.value(.householdID), required: keyRequired) })
        report.rowsRead[table.file] = stats.read
        let sample = stats.read >= sampleSize ? "the first \(stats.read) rows" : "all \(stats.read) rows"
        report.problems += tally.problems(file: table.file, sample: sample, unit: "row")
        if let fatal = stats.fatal { report.problems.append("\(table.file): the sheet breaks off: \(fatal)") }
        // As for a CSV table: a sheet read to its end is known blank where it is blank, which
        // tells which rules a run skips; from a sample, a blank column only may be.
        let complete = stats.read < sampleSize
        if complete, let key = table.mapped.first(where: { !$0.isMember && TableScanner.isKey($0.field, of: table) && stats.blankFields.contains($0.field.rawValue) }) {
            report.problems.append(key.blankKey(pipelineFile: table.pipelineFile, dataFile: table.file, every: sample, unit: "row").description)
            stats.warnings.removeAll { $0.hasSuffix("(\(key.field.rawValue)) is blank in every row") }
        }
        report.warnings += stats.warnings.map { warning in
            var text = warning.replacingOccurrences(of: "in every row", with: "in \(sample)")
            if !complete, let field = stats.blankFields.first(where: { warning.hasSuffix("(\($0)) is blank in every row") }),
               let rules = skippedWhenBlank(FieldID(field), file: table.file) {
                text += "; if it is blank in every row, a run skips rule \(rules)"
            }
            return text
        }
        report.blankFields[table.file] = complete ? stats.blankFields : []
        report.filledFields[table.file] = complete ? stats.filledFields : columns.map(\.0.rawValue)
        var line = "\(table.file): xlsx, sheet \(header.sheet)"
        if table.headerRow > 1 { line += ", header on row \(table.headerRow) (\(header.skipped) title rows skipped)" }
        line += ", \(header.names.count) columns, \(columns.count) of \(table.mapped.count) fields mapped; \(sample) read, \(stats.quarantined) would be quarantined"
        report.tables.append(line)
    }

    func checkXML(_ table: TableConfig, path: String, into report: inout Report) throws {
        let encoding = TextEncoding(pipelineName: table.encoding) ?? .auto
        let paths = XMLPaths(recordPath: table.recordPath ?? "", memberPath: table.memberPath)
        let reader = try XMLRecordReader(path: path, displayName: table.file, paths: paths, encoding: encoding)
        let recordSlots = TableScanner.slots(table.fields), memberSlots = TableScanner.slots(table.memberFields)
        var records = TableScanner.Presence(count: table.fields.count)
        var members = TableScanner.Presence(count: table.memberFields.count)
        var recordCount = 0, memberCount = 0
        let required = table.mapped.filter { !$0.isMember }.map { !$0.optional }, memberRequired = table.mapped.filter(\.isMember).map { !$0.optional }
        func allSeen(_ presence: TableScanner.Presence, _ wanted: [Bool]) -> Bool { !zip(presence.seen, wanted).contains { !$0 && $1 } }
        var result: XMLReadResult?
        // Where a blank 户编号 is kept (the interview, `require_key: false`): how many records of
        // the sample have none, for the run's mostly-blank warning.
        let keySlots = keyRequirement(table.file) == false ? table.fields.firstIndex { $0.field == .householdID }.map { recordSlots.candidates[$0] } : nil
        var blankKeys = 0
        do {
            result = try reader.read(slotNames: XMLSlotNames(record: recordSlots.names, member: memberSlots.names)) { element in
                recordCount += 1
                if let keySlots, TextNormalizer.isBlank(keySlots.lazy.compactMap { element.slots[$0] }.first ?? "") { blankKeys += 1 }
                records.note(element.slots, recordSlots.candidates, slotNames: recordSlots.names, others: element.values)
                for m in element.members {
                    memberCount += 1
                    members.note(m.slots, memberSlots.candidates, slotNames: memberSlots.names, others: m.values)
                }
                // Past the sample, read on (up to 20 samples) while a mapped name is still unseen:
                // an element only some records carry (脱贫年度) is then not taken for a mistake.
                if recordCount >= sampleSize, recordCount >= 20 * sampleSize || (allSeen(records, required) && (memberCount == 0 || allSeen(members, memberRequired))) {
                    throw StopSampling()
                }
            }
        } catch is StopSampling {}
        if let fatal = result?.fatal {
            report.problems.append("\(table.file): not well-formed XML after \(recordCount) records: \(fatal)")
        }
        let complete = result != nil
        if recordCount == 0, result?.fatal == nil {
            try TableScanner.checkRecordPath(table, path: path, encoding: encoding)
        }
        // Past the record-path check: a path that matches nothing is that problem, not an empty file.
        if result?.fatal == nil { report.rowsRead[table.file] = recordCount }
        if recordCount > 0 {
            let found = TableScanner.assess(table, records: records, members: members, memberCount: memberCount, recordCount: recordCount,
                                            scope: complete ? "all " : "the first ")
            report.problems += found.errors.map(\.description)
            report.warnings += found.warnings
            if keySlots != nil, Partitioner.isMostly(blankKeys, of: recordCount) {
                report.warnings.append(Partitioner.mostlyBlankKeyText(
                    file: table.file, isXML: true, blank: blankKeys, of: recordCount, scope: complete ? "" : "the first "))
            }
        }
        report.tables.append("\(table.file): xml, \(reader.encodingName)\(reader.isGzipped ? ", gzipped" : ""), record_path \(table.recordPath ?? "")"
            + (table.memberPath.map { ", member_path \($0)" } ?? "") + "; \(complete ? "all" : "the first") \(recordCount) records read, \(memberCount) members")
    }
}

/// The reasons a sample's rows would be quarantined for, in first-seen order, with their lines;
/// a spreadsheet-number reason is grouped without its cell value (one line per column and cause,
/// not one per row), the first value shown as an example.
struct QuarantineTally {
    private var lines: [String: [Int]] = [:]
    private var examples: [String: String] = [:]
    private var order: [String] = []

    mutating func add(_ reason: String, line: Int) {
        let (key, example) = SpreadsheetIDGuard.grouping(reason)
        if lines[key] == nil {
            order.append(key)
            examples[key] = example
        }
        lines[key, default: []].append(line)
    }

    /// One problem per reason: "FILE: N of SAMPLE would be quarantined: REASON (line 2, 3, …)".
    func problems(file: String, sample: String, unit: String) -> [String] {
        order.map { key in
            let at = lines[key]!
            var where_ = "\(unit) \(at.prefix(5).map(String.init).joined(separator: ", "))\(at.count > 5 ? ", …" : "")"
            if let example = examples[key] { where_ += "; first: \(example)" }
            return "\(file): \(at.count) of \(sample) would be quarantined: \(key) (\(where_))"
        }
    }
}
