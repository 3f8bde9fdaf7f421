import FivefoldModel

/// Guards the ID columns of a CSV table against a spreadsheet's re-save.
///
/// A CSV opened and saved again in a spreadsheet (LibreOffice, Excel, WPS) comes back with its
/// ID columns typed as numbers, which keep 15 significant digits: an 18-digit 身份证号 is written
/// `5.2020319520101E+017`, a 16-digit 户编号 `5202031002000000` (its 16th digit rounded, so the
/// households of a village collapse onto a few ids). Read as text, such a file ran with exit 0
/// and a worklist of false duplicates and mismatches. The XLSX reader sees the number type and
/// refuses the cell (`TableScanner.cellText`); a CSV has only text, so:
///
/// - an ID cell in scientific notation is never an ID: its row is quarantined, with the reason
///   the XLSX reader gives, and the file gets a warning;
/// - an ID column whose values of 16 or more digits all end in zeros from the 16th significant
///   digit on is a rounded column (`roundedColumn`): every key of the file is suspect and the
///   run stops. A genuine column ends in 0 one id in ten, so it takes `roundedColumnMinimum`
///   such ids, or `roundedColumnMinimumWithEvidence` once scientific notation has shown the
///   spreadsheet. A column with genuine ids is never called rounded: rows pasted into an export
///   from a spreadsheet cost only their own rows.
struct SpreadsheetIDGuard {
    /// Positions (in the row's mapped fields) of the ID fields, with their headers.
    private let idFields: [(position: Int, header: String)]
    /// The first ID cell in scientific notation: where, which column, what text.
    private(set) var evidence: (line: Int, header: String, text: String)?
    private(set) var scientificRows = 0
    /// Per ID field: how many ids of 16+ digits, how many of them zero-tailed.
    private var longIDs: [Int]
    private var zeroTailed: [Int]

    /// Fewest 16+-digit ids, all zero-tailed, that make a column rounded without other evidence
    /// (a genuine column: one chance in 10^20).
    static let roundedColumnMinimum = 20
    /// The same once an ID in scientific notation has shown that a spreadsheet saved the file.
    static let roundedColumnMinimumWithEvidence = 3

    /// Whether `field` holds an identifier that a spreadsheet must not have turned into a number.
    static func isIDField(_ field: FieldID) -> Bool {
        let kind = FieldCatalog.spec(field, level: .household)?.kind ?? ExtraFieldKinds.kind(field, level: .member)
        return field == .householdID || kind == .idNumber
    }

    /// `columns`: the mapped fields and their columns, in the order of a record's fields.
    init(columns: [(FieldID, Int)], header: [String]) {
        idFields = columns.enumerated().filter { Self.isIDField($0.element.0) }.map { ($0.offset, header[$0.element.1]) }
        longIDs = [Int](repeating: 0, count: idFields.count)
        zeroTailed = longIDs
    }

    var isActive: Bool { !idFields.isEmpty }

    /// Why the row with these mapped `fields` (at `line`) must be quarantined, or nil.
    mutating func problem(_ fields: [(FieldID, String)], line: Int) -> String? {
        var reason: String?
        for (i, id) in idFields.enumerated() {
            let text = fields[id.position].1
            if let tail = Self.zeroTail(text) {
                longIDs[i] += 1
                if tail { zeroTailed[i] += 1 }
            } else if Self.isScientific(text) {
                if evidence == nil { evidence = (line, id.header, text) }
                if reason == nil { reason = "\(id.header) stored as a number by a spreadsheet: digits beyond the 15th are lost (\(text))" }
            }
        }
        if reason != nil { scientificRows += 1 }
        return reason
    }

    /// What the rows in scientific notation cost, or nil when there were none.
    func warning(file: String) -> String? {
        guard let scientific = scientific(file: file, of: nil) else { return nil }
        return scientific + "; they are quarantined. Other IDs in the rows the spreadsheet saved may be rounded: export the file again from the source system, or open it with the ID columns typed as text"
    }

    /// "FILE: N [of ROWS] rows have an ID … (first: …)", what `warning` and `unusable` both say
    /// of the rows in scientific notation; nil when there were none.
    private func scientific(file: String, of rows: Int?) -> String? {
        guard let evidence else { return nil }
        return "\(file): \(scientificRows)\(rows.map { " of \($0)" } ?? "") rows have an ID a spreadsheet stored as a number, in scientific notation, "
            + "its digits beyond the 15th lost (first: line \(evidence.line), \(evidence.header) \(evidence.text))"
    }

    /// Why the whole file cannot be used: an ID column whose values of 16 or more digits all end
    /// in zeros from the 16th digit on, enough of them to rule out chance. Every key of the file
    /// is then a rounded one, and the households of a village collapse onto a few ids.
    func roundedColumn(file: String) -> String? {
        let minimum = evidence == nil ? Self.roundedColumnMinimum : Self.roundedColumnMinimumWithEvidence
        guard let i = idFields.indices.first(where: { longIDs[$0] >= minimum && zeroTailed[$0] == longIDs[$0] }) else { return nil }
        let header = idFields[i].header
        var text = "\(file): column \(header): all \(longIDs[i]) IDs of 16 or more digits end in zeros from the 16th digit on, as a spreadsheet leaves them when it stores IDs as numbers (15 significant digits)"
        if let evidence { text += ", and \(evidence.header) at line \(evidence.line) is in scientific notation (\(evidence.text))" }
        return text + ": the \(header) values are rounded and households merged. Export the file again from the source system, or open it with the ID columns typed as text"
    }

    /// Why the whole file cannot be used, or nil: an ID column a spreadsheet rounded
    /// (`roundedColumn`), or IDs in scientific notation in more than half of its `rows` (at
    /// least `mostlyScientificMinimum`). A spreadsheet that keeps the 16-digit 户编号 exact (as
    /// LibreOffice 7.4 does) but writes each 18-digit ID number as 5.20203196608121E+017 left
    /// 44 of the sample's 48 households in quarantine: the run went on with exit 0 and a
    /// worklist of 46 households "系统中无此户" that the system does hold.
    func unusable(file: String, rows: Int) -> String? {
        if let rounded = roundedColumn(file: file) { return rounded }
        guard scientificRows >= Self.mostlyScientificMinimum, scientificRows * 2 > rows, let scientific = scientific(file: file, of: rows) else { return nil }
        return scientific + ": the file was saved by a spreadsheet with its ID columns as numbers, and those rows would be quarantined, "
            + "what they hold reported missing from this source. Export the file again from the source system, or open it with the ID columns typed as text"
    }

    /// Fewest rows in scientific notation that make a file unusable (with more than half its rows).
    static let mostlyScientificMinimum = 10

    /// A quarantine reason without the cell value it ends with, when it is one of the
    /// spreadsheet-number reasons (this guard's, or the XLSX reader's): rows quarantined for the
    /// same column and cause group under one line in `fivefold check`, with the value as example.
    static func grouping(_ reason: String) -> (key: String, example: String?) {
        guard reason.contains("spreadsheet"), reason.hasSuffix(")"), let open = reason.range(of: " (", options: .backwards) else {
            return (reason, nil)
        }
        return (String(reason[..<open.lowerBound]), String(reason[open.upperBound...].dropLast()))
    }

    /// `5.2020319520101E+017`, `5.20203E+17`, `1e5`: a decimal number with an exponent.
    static func isScientific(_ text: String) -> Bool {
        var utf8 = Substring(text).utf8[...]
        // Fast exit: no E, no scientific notation (the common case, every row of every table).
        guard utf8.contains(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) else { return false }
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        func digits(_ s: inout Substring.UTF8View.SubSequence) -> Int {
            var n = 0
            while let c = s.first, c >= 0x30 && c <= 0x39 { n += 1; s = s.dropFirst() }
            return n
        }
        if let c = utf8.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        var mantissa = digits(&utf8)
        if utf8.first == UInt8(ascii: ".") {
            utf8 = utf8.dropFirst()
            mantissa += digits(&utf8)
        }
        guard mantissa > 0, let e = utf8.first, e == UInt8(ascii: "E") || e == UInt8(ascii: "e") else { return false }
        utf8 = utf8.dropFirst()
        if let c = utf8.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        return digits(&utf8) > 0 && utf8.isEmpty
    }

    /// For an id of 16 or more ASCII digits (white space around allowed): whether every digit
    /// from the 16th significant one on is 0. Nil for any other text.
    static func zeroTail(_ text: String) -> Bool? {
        // On the contiguous bytes: iterating `utf8` cost ~1 000 instructions per 18-digit id.
        text.utf8.withContiguousStorageIfAvailable { zeroTail(bytes: $0) } ?? zeroTail(bytes: text.utf8)
    }

    @inline(__always)
    private static func zeroTail<Bytes: Sequence>(bytes: Bytes) -> Bool? where Bytes.Element == UInt8 {
        var count = 0
        var significant = 0
        var nonZeroBeyond15 = false
        var trailingSpace = false
        for c in bytes {
            if c == 0x20 || c == 0x09 {
                if count > 0 { trailingSpace = true }
                continue
            }
            guard c >= 0x30 && c <= 0x39, !trailingSpace else { return nil }
            count += 1
            if significant > 0 || c != 0x30 { significant += 1 }
            if significant > 15 && c != 0x30 { nonZeroBeyond15 = true }
        }
        return count >= 16 ? !nonZeroBeyond15 : nil
    }
}
