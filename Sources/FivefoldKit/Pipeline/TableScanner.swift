import Foundation

/// Reads one input table through the pipeline's header mapping, as raw text, with exact row
/// accounting: every row is either handed on or quarantined with file, line and reason.
///
/// Values are not normalised here: scanning is the sequential, I/O-bound part of a run, so it
/// only maps columns and routes records; normalisation happens per partition, in parallel.
struct TableScanner {
    let inputFolder: String

    /// A mapped row as read: canonical field → raw text; XML members nested.
    struct RawRecord {
        var location: SourceLocation
        var fields: [(FieldID, String)]
        var members: [(location: SourceLocation, fields: [(FieldID, String)], codes: [UInt8])]
        /// Each field's spill code (`FieldCodes`), parallel to `fields`, computed once per table.
        var codes: [UInt8]

        func value(_ field: FieldID) -> String? {
            fields.first { $0.0 == field }?.1
        }
    }

    /// Scans `table`; `accept` returns nil to accept a record or a reason to quarantine it.
    func scan(
        _ table: TableConfig, sourceName: String, quarantine: (QuarantinedRow) -> Void,
        accept: (RawRecord) throws -> String?
    ) throws -> InputStats {
        let path = resolve(table.file, against: inputFolder)
        var stats = InputStats(source: sourceName, file: table.file)
        guard FileManager.default.fileExists(atPath: path) else {
            throw PipelineError(
                file: path, keyPath: "",
                message: "input file not found (source \(sourceName)); check --input or the pipeline's file: \(table.file)")
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
            let columns = try Self.columnIndexes(table.fields, header: reader.header, file: table.file)
            let codes = columns.map { FieldCodes.codes[$0.0]! }
            let counts = try reader.read({ row in
                let record = RawRecord(location: row.location, fields: columns.map { ($0.0, row.string(at: $0.1)) }, members: [], codes: codes)
                if let reason = try accept(record) {
                    quarantine(QuarantinedRow(location: row.location, reason: reason, raw: Self.rawText(row)))
                    stats.quarantined += 1
                } else {
                    stats.accepted += 1
                }
            }, quarantine: { row in
                quarantine(row)
                stats.quarantined += 1
            })
            stats.read = counts.read
        case .xml:
            let reader: XMLRecordReader
            do {
                reader = try XMLRecordReader(
                    path: path, displayName: table.file,
                    paths: XMLPaths(recordPath: table.recordPath ?? "", memberPath: table.memberPath), encoding: encoding)
            } catch {
                throw PipelineError(file: table.file, keyPath: "", message: "\(error)")
            }
            stats.encoding = table.encoding
            let fieldCodes = table.fields.map { FieldCodes.codes[$0.field]! }
            let memberCodes = table.memberFields.map { FieldCodes.codes[$0.field]! }
            // Each field's candidate names in priority order — each alias as an element, then as
            // an attribute — as positions in the reader's slots.
            func slots(_ fields: [(field: FieldID, headers: [String])]) -> (names: [String], candidates: [[Int]]) {
                var names: [String] = []
                func position(_ name: String) -> Int {
                    if let known = names.firstIndex(of: name) { return known }
                    names.append(name)
                    return names.count - 1
                }
                let candidates = fields.map { _, aliases in aliases.flatMap { [position($0), position("@" + $0)] } }
                return (names, candidates)
            }
            let recordSlots = slots(table.fields), memberSlots = slots(table.memberFields)
            func mapped(_ values: [String?], _ candidates: [[Int]], _ codes: [UInt8]) -> (fields: [(FieldID, String)], codes: [UInt8]) {
                var fields: [(FieldID, String)] = []
                var present: [UInt8] = []
                fields.reserveCapacity(candidates.count)
                present.reserveCapacity(candidates.count)
                for (i, slots) in candidates.enumerated() {
                    for s in slots {
                        guard let raw = values[s] else { continue }
                        fields.append((FieldCodes.all[Int(codes[i])], raw))
                        present.append(codes[i])
                        break
                    }
                }
                return (fields, present)
            }
            let result = try reader.read(slotNames: XMLSlotNames(record: recordSlots.names, member: memberSlots.names)) { element in
                stats.read += 1
                let (fields, codes) = mapped(element.slots, recordSlots.candidates, fieldCodes)
                let members = element.members.map { m -> (location: SourceLocation, fields: [(FieldID, String)], codes: [UInt8]) in
                    let (mf, mc) = mapped(m.slots, memberSlots.candidates, memberCodes)
                    return (m.location, mf, mc)
                }
                let record = RawRecord(location: element.location, fields: fields, members: members, codes: codes)
                if let reason = try accept(record) {
                    quarantine(QuarantinedRow(location: element.location, reason: reason, raw: Self.describe(element, recordSlots.names)))
                    stats.quarantined += 1
                } else {
                    stats.accepted += 1
                }
            }
            stats.fatal = result.fatal.map { "\($0)" }
        }
        return stats
    }

    /// The row's text for quarantine: its bytes decoded as UTF-8 when they are, else each field.
    static func rawText(_ row: CSVRow) -> String {
        let bytes = row.rawBytes
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return (0..<row.fieldCount).map { row.string(at: $0) }.joined(separator: ",")
    }

    /// Header → column index for each mapped field (first alias present wins). The table's key
    /// column (household_id, else id_number, else region_code) must exist; other fields may be
    /// absent from a file and are then simply not compared for that source.
    static func columnIndexes(_ mapping: [(field: FieldID, headers: [String])], header: [String], file: String) throws -> [(FieldID, Int)] {
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

    /// A quarantined XML record as text: every value it had, wanted (by slot) or not.
    static func describe(_ element: XMLElementRecord, _ slotNames: [String]) -> String {
        var values = element.values
        for (name, value) in zip(slotNames, element.slots) where values[name] == nil {
            if let value { values[name] = value }
        }
        return values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }
}

/// Kinds of the registry and village columns beyond the canonical model.
enum ExtraFieldKinds {
    static func kind(_ field: FieldID, level: FieldLevel) -> FieldKind {
        if let spec = FieldCatalog.spec(field, level: level) { return spec.kind }
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
