import Foundation
import FivefoldModel
import FivefoldIO

// XML tables: records by `record_path`, members by `member_path`, each mapped field read from a
// child element or an attribute. Whether a field resolves is known only once records have been
// seen (an element may be missing from some records), so the scan notes which names occurred
// and judges the mapping at the end: a record path that matched nothing, or a field no record
// had, is a configuration error, not an empty source.

extension TableScanner {
    /// Each field's candidate names in priority order — each alias as an element, then as an
    /// attribute — as positions in the reader's slots.
    static func slots(_ fields: [(field: FieldID, headers: [String])]) -> (names: [String], candidates: [[Int]]) {
        var names: [String] = []
        func position(_ name: String) -> Int {
            if let known = names.firstIndex(of: name) { return known }
            names.append(name)
            return names.count - 1
        }
        let candidates = fields.map { _, aliases in aliases.flatMap { [position($0), position("@" + $0)] } }
        return (names, candidates)
    }

    /// Which mapped fields occurred (and with text) in the records or members read so far, and
    /// which names, for messages.
    struct Presence {
        var seen: [Bool]
        var filled: [Bool]
        /// Slot names (wanted element and attribute names) that occurred in some record.
        var slotSeen: [Bool] = []
        /// Other element and attribute names, in the order first seen (unmapped names are few:
        /// looking each up per record is cheap, and a rare one still shows up in a message).
        var others: [String] = []
        private var known: Set<String> = []

        init(count: Int) {
            seen = [Bool](repeating: false, count: count)
            filled = seen
        }

        mutating func note(_ values: [String?], _ candidates: [[Int]], slotNames: [String], others unwanted: [String: String]) {
            for (i, slots) in candidates.enumerated() where !filled[i] {
                for s in slots {
                    guard let raw = values[s] else { continue }
                    seen[i] = true
                    if !TextNormalizer.isBlank(raw) { filled[i] = true }
                    break
                }
            }
            if slotSeen.count < values.count { slotSeen += [Bool](repeating: false, count: values.count - slotSeen.count) }
            for (s, value) in values.enumerated() where value != nil { slotSeen[s] = true }
            for name in unwanted.keys where !known.contains(name) {
                known.insert(name)
                others.append(name)
            }
        }

        /// Every name found: the wanted ones that occurred, then the others.
        func names(slotNames: [String]) -> [String] {
            zip(slotNames, slotSeen).filter(\.1).map(\.0) + others
        }
    }

    /// One level of an XML table (its records, or their members): how the mapped fields are
    /// read from the reader's slots, and which of them have occurred.
    struct XMLLevel {
        let slots: (names: [String], candidates: [[Int]])
        /// Each mapped field's spill code (`FieldCodes`), in mapping order, and its id.
        let codes: [UInt8]
        private let ids: [FieldID]
        /// The position of the 家庭成员 field among the mapped fields, whose names are joined with 、.
        let memberNames: Int?
        let memberSeparators: String
        var presence: Presence
        /// The 户编号 written as decimals, read without the decimal part.
        var decimalKeys = DecimalKeys()
        /// Its birth dates given as year and month alone (出生年月).
        var birthMonths = BirthMonths()
        private let keyField: Int?
        private let birthField: Int?

        init(_ fields: [(field: FieldID, headers: [String])], joiningNamesWith memberSeparators: String?) {
            slots = TableScanner.slots(fields)
            codes = fields.map { FieldCodes.codes[$0.field]! }
            ids = codes.map { FieldCodes.all[Int($0)] }
            keyField = fields.firstIndex { $0.field == .householdID }
            birthField = fields.firstIndex { $0.field == .birthDate }
            memberNames = memberSeparators == nil ? nil : fields.firstIndex { $0.field == .memberNames }
            self.memberSeparators = memberSeparators ?? ""
            presence = Presence(count: fields.count)
        }

        /// Notes what an element's `values` (by slot) and `others` (unwanted names) hold, and
        /// returns its mapped fields that are present, each from its first candidate, with codes.
        mutating func read(_ values: [String?], others: [String: String]) -> (fields: [(FieldID, String)], codes: [UInt8]) {
            presence.note(values, slots.candidates, slotNames: slots.names, others: others)
            var fields: [(FieldID, String)] = []
            fields.reserveCapacity(slots.candidates.count)
            // The codes of the fields present: `codes` itself while every field so far is (most
            // records have them all), so no array is made per record or member.
            var present: [UInt8]?
            for (i, candidates) in slots.candidates.enumerated() {
                var found = false
                for s in candidates {
                    guard var raw = values[s] else { continue }
                    if i == memberNames { raw = TableScanner.joinedNames(raw, separators: memberSeparators) }
                    if i == keyField { decimalKeys.position = fields.count }
                    if i == birthField {
                        if birthMonths.header.isEmpty { birthMonths.header = slots.names[s].hasPrefix("@") ? String(slots.names[s].dropFirst()) : slots.names[s] }
                        birthMonths.note(raw)
                    }
                    fields.append((ids[i], raw))
                    present?.append(codes[i])
                    found = true
                    break
                }
                if !found && present == nil { present = Array(codes[..<i]) }
            }
            if keyField != nil {
                decimalKeys.clean(&fields)
                decimalKeys.position = nil
            }
            return (fields, present ?? codes)
        }
    }

    func scanXML(
        _ table: TableConfig, path: String, encoding: TextEncoding, stats: inout InputStats,
        quarantine: (QuarantinedRow) -> Void, accept: (RawRecord) throws -> String?
    ) throws {
        let reader = try Self.openXML(table, path: path, encoding: encoding)
        stats.encoding = table.encoding
        var records = XMLLevel(table.fields, joiningNamesWith: table.memberSeparators)
        var members = XMLLevel(table.memberFields, joiningNamesWith: nil)
        var memberCount = 0
        let result = try reader.read(slotNames: XMLSlotNames(record: records.slots.names, member: members.slots.names)) { element in
            stats.read += 1
            let (fields, codes) = records.read(element.slots, others: element.values)
            let elementMembers = element.members.map { m -> (location: SourceLocation, fields: [(FieldID, String)], codes: [UInt8]) in
                memberCount += 1
                let (mf, mc) = members.read(m.slots, others: m.values)
                return (m.location, mf, mc)
            }
            let record = RawRecord(location: element.location, fields: fields, members: elementMembers, codes: codes)
            try Self.route(record, raw: { Self.describe(element, records.slots.names) }, stats: &stats, quarantine: quarantine, accept: accept)
        }
        stats.fatal = result.fatal.map { "\($0)" }
        if let warning = records.decimalKeys.warning(file: table.file, unit: "record") { stats.warnings.append(warning) }
        if let warning = members.decimalKeys.warning(file: table.file, unit: "member") { stats.warnings.append(warning) }
        stats.warnings += records.birthMonths.warnings(file: table.file) + members.birthMonths.warnings(file: table.file)
        if result.records == 0 {
            if result.fatal == nil { try Self.checkRecordPath(table, path: path, encoding: encoding) }
            return
        }
        try Self.judge(table, records: records.presence, members: members.presence, memberCount: memberCount, recordCount: result.records, stats: &stats)
    }

    /// Opens an XML table at its record and member paths; an error opening it is a `PipelineError`.
    private static func openXML(_ table: TableConfig, path: String, encoding: TextEncoding) throws -> XMLRecordReader {
        let paths = XMLPaths(recordPath: table.recordPath ?? "", memberPath: table.memberPath)
        do {
            return try XMLRecordReader(path: path, displayName: table.file, paths: paths, encoding: encoding)
        } catch {
            throw inputError(error, file: table.file)
        }
    }

    /// After the scan: a mapped field that no record had is an error (unless optional), and so is a
    /// member path under which no record has a member while member fields are mapped; a field that
    /// was always blank is a warning.
    static func judge(_ table: TableConfig, records: Presence, members: Presence, memberCount: Int, recordCount: Int, stats: inout InputStats) throws {
        let found = assess(table, records: records, members: members, memberCount: memberCount, recordCount: recordCount, scope: "")
        if let first = found.errors.first { throw first }
        stats.warnings += found.warnings
        let recordFields = table.mapped.filter { !$0.isMember }, memberFields = table.mapped.filter(\.isMember)
        stats.absentFields = recordFields.indices.filter { recordFields[$0].optional && !records.seen[$0] }.map { recordFields[$0].field.rawValue }
            + memberFields.indices.filter { memberFields[$0].optional && memberCount > 0 && !members.seen[$0] }.map { memberFields[$0].field.rawValue }
        if recordCount > 0 {
            stats.blankFields = recordFields.indices.filter { records.seen[$0] && !records.filled[$0] }.map { recordFields[$0].field.rawValue }
                + memberFields.indices.filter { memberCount > 0 && members.seen[$0] && !members.filled[$0] }.map { memberFields[$0].field.rawValue }
            stats.filledFields = recordFields.indices.filter { records.filled[$0] }.map { recordFields[$0].field.rawValue }
                + memberFields.indices.filter { members.filled[$0] }.map { memberFields[$0].field.rawValue }
        }
    }

    /// Every field error and warning of a scan (or, with `scope` such as "the first ", of a sample).
    static func assess(_ table: TableConfig, records: Presence, members: Presence, memberCount: Int, recordCount: Int, scope: String)
        -> (errors: [PipelineError], warnings: [String])
    {
        var errors: [PipelineError] = []
        var warnings: [String] = []
        let recordFields = table.mapped.filter { !$0.isMember }, memberFields = table.mapped.filter(\.isMember)
        let recordPath = table.recordPath ?? "", memberPath = table.memberPath ?? ""
        for (i, field) in recordFields.enumerated() where !records.seen[i] && (!field.optional || isKey(field.field, of: table)) {
            errors.append(field.unresolved(
                pipelineFile: table.pipelineFile, dataFile: "\(table.file) (\(scope)\(recordCount) records at \(recordPath))",
                found: records.names(slotNames: slots(table.fields).names), what: "element or attribute"))
        }
        if table.memberPath != nil, memberCount == 0, !memberFields.isEmpty {
            // Mapped member fields and not one member: the path is wrong (every member would be
            // reported missing from this source), not a file without members.
            errors.append(PipelineError(
                file: table.pipelineFile, line: table.memberPathLine, column: table.memberPathColumn, keyPath: table.memberPathKey,
                message: "member_path \(memberPath) found no members in \(scope)\(recordCount) records at \(recordPath); "
                    + "elements and attributes of those records: \(records.names(slotNames: slots(table.fields).names).joined(separator: ", ")) "
                    + "(inspect --paths lists every path; if this file lists no members, remove member_path and member_fields)"))
        } else if table.memberPath != nil, memberCount == 0 {
            warnings.append("\(table.file): member_path \(memberPath) found no members in \(scope)\(recordCount) records at \(recordPath) (inspect --paths lists the element paths)")
        } else {
            for (i, field) in memberFields.enumerated() where !members.seen[i] && !field.optional {
                errors.append(field.unresolved(
                    pipelineFile: table.pipelineFile, dataFile: "\(table.file) (\(memberCount) members in \(scope)\(recordCount) records at \(recordPath)/\(memberPath))",
                    found: members.names(slotNames: slots(table.memberFields).names), what: "member element or attribute"))
            }
        }
        let every = scope.isEmpty ? "every" : "\(scope)\(recordCount)"
        for (i, field) in recordFields.enumerated() where records.seen[i] && !records.filled[i] {
            if isKey(field.field, of: table), !scope.hasPrefix("the first") {
                errors.append(field.blankKey(pipelineFile: table.pipelineFile, dataFile: table.file, every: scope.isEmpty ? "every record" : "\(scope)\(recordCount) records", unit: "record"))
                continue
            }
            warnings.append("\(table.file): \(field.names.joined(separator: "/")) (\(field.field.rawValue)) is blank in \(every) record\(scope.isEmpty ? "" : "s")")
        }
        for (i, field) in memberFields.enumerated() where memberCount > 0 && members.seen[i] && !members.filled[i] {
            warnings.append("\(table.file): member \(field.names.joined(separator: "/")) (\(field.field.rawValue)) is blank in every member\(scope.isEmpty ? "" : " of \(scope)\(recordCount) records")")
        }
        return (errors, warnings)
    }

    /// A record path that matched nothing in a file holding other elements: an error naming the
    /// element paths that do occur, with counts. A file that is only the record path's outer
    /// elements (an empty export) has simply no records.
    static func checkRecordPath(_ table: TableConfig, path: String, encoding: TextEncoding) throws {
        let recordPath = table.recordPath ?? ""
        let paths = try XMLRecordReader(path: path, displayName: table.file, paths: XMLPaths(recordPath: recordPath, memberPath: nil), encoding: encoding)
            .elementPaths(maxBytes: 64 << 20).paths
        let wanted = XMLPaths(recordPath: recordPath, memberPath: nil).record.joined(separator: "/")
        let elements = paths.filter { !$0.path.contains("@") }
        guard elements.contains(where: { !wanted.hasPrefix($0.path) }) else { return }
        throw PipelineError(
            file: table.pipelineFile, line: table.recordPathLine, column: table.recordPathColumn, keyPath: table.recordPathKey,
            message: "record_path \(recordPath) matches no element of \(table.file); element paths found: "
                + elements.prefix(40).map { "\($0.path) (\($0.count))" }.joined(separator: ", "))
    }
}
