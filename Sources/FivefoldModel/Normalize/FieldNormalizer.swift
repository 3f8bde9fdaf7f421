import Foundation

// FieldNormalizer turns one raw field into the canonical text every later stage compares.
//
// SPEC §2 requires normalisation before any comparison, and that a value which cannot be
// normalised is a finding, not a crash. This is the single entry point the readers call for every
// mapped field of every row: it dispatches on the field's `FieldKind`, never throws, and reports
// what it could not read as a short Chinese reason that `value.invalid` findings quote.

/// Normalises raw field text by the field's kind, using a vocabulary for code lists and units.
///
/// Results:
/// - blank (empty after trimming) → `normalized` nil, `problem` nil;
/// - normalisable → `normalized` is the canonical text (see `normalize(_:kind:)`);
/// - otherwise → `normalized` nil and `problem` a short Chinese reason naming what was expected.
public struct FieldNormalizer: Sendable {
    /// The code lists, units and count words used for enumerations, sets, booleans and numbers.
    public let vocabulary: Vocabulary

    /// A normaliser using `vocabulary` (usually the shipped file merged with the pipeline's).
    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    /// Normalises `raw` as a value of `kind`. Never traps, whatever the input.
    ///
    /// Canonical forms:
    /// - `text`: folded (`TextNormalizer.fold`); `personName`: folded with the middle dot unified
    ///   and spaces removed;
    /// - `integer`: plain digits ("３" → "3", "3人" → "3", "3.0" → "3");
    /// - `year`: four digits ("2016年" → "2016");
    /// - `quantity(unit:)`: plain decimal in the canonical unit, no trailing zeros
    ///   ("1.2万元" → "12000", "3,500 元" → "3500", "800斤" → "400" for 公斤, "75.50" → "75.5");
    /// - `date`: ISO `yyyy-MM-dd` (see `DateParser`); `dateOrMonth` also `yyyy-MM` for a year and
    ///   month alone (`DateParser.parseMonth`, `BirthDate`);
    /// - `boolean`: `是` / `否` (vocabulary `boolean`);
    /// - `enumeration(name)`: the canonical label of code list `name`;
    /// - `set(name)`: canonical members, deduplicated, sorted and joined by "、" (items split on
    ///   , ， 、 ; ； / ／ | ｜ and line breaks); with a nil name the items are free text, only folded;
    /// - `idNumber`: the 18-character upper-case form whenever the text has an ID number format,
    ///   even with a wrong check character (the `id.checksum` rule reports that);
    /// - `regionCode`: the 12 digits of a valid village-level code;
    /// - `phone`: digits only (spaces, dashes, parentheses and +86 removed), 7–12 digits.
    ///
    /// A spreadsheet's error value (`#N/A`, `#REF!`, `Err:502` …) is refused for every kind
    /// (`SpreadsheetErrorValue`).
    public func normalize(_ raw: String, kind: FieldKind) -> FieldValue {
        let text = kind == .personName ? TextNormalizer.personName(raw) : TextNormalizer.fold(raw)
        if text.isEmpty { return FieldValue(raw: raw, normalized: nil) }
        // #N/A, #REF!, Err:502 …: a formula's failure saved as text, a valid name otherwise.
        if SpreadsheetErrorValue.matches(text) { return FieldValue(raw: raw, normalized: nil, problem: "\(SpreadsheetErrorValue.problem): \(text)") }
        if Self.isPlaceholder(text, kind: kind) { return FieldValue(raw: raw, normalized: nil) }
        let outcome: Outcome
        switch kind {
        case .text, .personName:
            outcome = .value(text)
        case .idNumber:
            outcome = normalizeIDNumber(text)
        case .regionCode:
            // 520203100201.0: a code column pandas or a spreadsheet wrote as a number (HouseholdKey).
            if let digits = HouseholdKey.withoutDecimalZeros(text), case .success(let code) = RegionCode.validate(digits) {
                outcome = .value(code.digits)
                break
            }
            switch RegionCode.validate(text) {
            case .success(let code): outcome = .value(code.digits)
            case .failure(let problem): outcome = .problem(problem.description)
            }
        case .integer:
            outcome = normalizeInteger(text)
        case .year:
            outcome = normalizeYear(text)
        case .quantity(let unit):
            outcome = normalizeQuantity(text, unit: unit)
        case .date, .dateOrMonth:
            if let date = DateParser.parse(text) {
                outcome = .value(date.iso)
            } else if kind == .dateOrMonth, let (year, month) = DateParser.parseMonth(text), let birth = BirthDate(year: year, month: month) {
                // Tried only once the full-date parse failed: full dates cost nothing more.
                outcome = .value(birth.iso)
            } else {
                outcome = .problem("不是有效日期: \(text)")
            }
        case .boolean:
            outcome = lookup("boolean", text, expected: "不是有效的是/否值: \(text)")
        case .enumeration(let name):
            outcome = lookup(name, text, expected: "不在代码表 \(codeList(name))中: \(text)")
        case .set(let name):
            // Split before folding, which would turn a line break (one item a line in a
            // spreadsheet cell) into a space; each item is folded on its own.
            outcome = normalizeSet(raw, vocabulary: name)
        case .phone:
            outcome = normalizePhone(text)
        }
        switch outcome {
        case .value(let value): return FieldValue(raw: raw, normalized: value)
        case .problem(let problem): return FieldValue(raw: raw, normalized: nil, problem: problem)
        case .blank: return FieldValue(raw: raw, normalized: nil)
        }
    }

    /// Whether folded `text` is what exports write for "no value": a database's NULL (NULL, \N,
    /// N/A, nan, None …) or a dash or slash in any field (a spreadsheet's #N/A is an error value,
    /// refused before this: `SpreadsheetErrorValue`); 无, 暂无, 没有 or 空 where the field holds
    /// a name, a number, a date or a code (in a code list 无 is a value: 否, 无劳动能力 …); 0 for a
    /// year, 0000-00-00 for a date. Read as values they were refused: a system exported with NULL
    /// in 脱贫年度 for every household not exited got a worklist item 脱贫年度“NULL”无效 for each,
    /// and a 帮扶责任人 of 无 or / counted as a cadre. Now blank, as the cell means.
    static func isPlaceholder(_ text: String, kind: FieldKind) -> Bool {
        // Compared as bytes: a `switch` over `String` literals compared every value through
        // Unicode normalisation (Chinese text takes String's slow path), +5 G instructions of a
        // 10 k-household run. The value's length and first byte pick the few candidates (most
        // first bytes have none), which are compared with memcmp.
        guard text.utf8.count <= 10 else { return false }
        var text = text
        return text.withUTF8 { b in
            guard let first = b.first else { return false }
            for (bytes, scope) in placeholdersByFirstByte[Int(first)] where bytes.count == b.count && memcmp(bytes, b.baseAddress!, b.count) == 0 {
                switch scope {
                case .any: return true
                case .values:
                    switch kind {
                    case .text, .personName, .idNumber, .regionCode, .integer, .year, .quantity, .date, .dateOrMonth, .phone: return true
                    case .boolean, .enumeration, .set: return false
                    }
                case .year: return kind == .year
                case .date: return kind == .date || kind == .dateOrMonth
                }
            }
            return false
        }
    }

    /// Where a placeholder means "no value": any field; a field outside code lists; a year; a date.
    enum PlaceholderScope { case any, values, year, date }

    static let placeholders: [(bytes: [UInt8], scope: PlaceholderScope)] = {
        let any = ["NULL", "null", "Null", "\\N", "(null)", "<null>", "N/A", "n/a", "NA", "NaN", "nan", "None", "none",
                   "-", "--", "---", "/", "//", "\\", "—", "——", "─", "…", "..."]
        let values = ["无", "暂无", "没有", "空", "未填", "不详"]
        return any.map { (Array($0.utf8), PlaceholderScope.any) } + values.map { (Array($0.utf8), .values) }
            + ["0", "0000"].map { (Array($0.utf8), .year) } + ["0000-00-00", "00000000", "0000/00/00"].map { (Array($0.utf8), .date) }
    }()

    /// `placeholders` by their first byte (an empty list for nearly every byte).
    static let placeholdersByFirstByte: [[(bytes: [UInt8], scope: PlaceholderScope)]] = {
        var table = [[(bytes: [UInt8], scope: PlaceholderScope)]](repeating: [], count: 256)
        for p in placeholders { table[Int(p.bytes[0])].append(p) }
        return table
    }()

    /// What one kind's normaliser made of non-blank text.
    enum Outcome: Equatable {
        case value(String)
        case problem(String)
        /// Nothing but separators ("、", ",,").
        case blank
    }

    // MARK: - Identifiers

    func normalizeIDNumber(_ text: String) -> Outcome {
        let check = IDNumber.parse(text)
        if let normalized = check.normalized { return .value(normalized) }
        if case .format(let reason)? = check.problem {
            return .problem("不是有效身份证号: \(text) (\(reason))")
        }
        return .problem("不是有效身份证号: \(text)")
    }

    func normalizePhone(_ text: String) -> Outcome {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"): continue
            default: bytes.append(byte)
            }
            if bytes.count > 20 { return .problem("不是有效电话号码: \(text) (应为7至12位数字)") }
        }
        if bytes.first == UInt8(ascii: "+") {
            guard bytes.count > 3, bytes[1] == UInt8(ascii: "8"), bytes[2] == UInt8(ascii: "6") else {
                return .problem("不是有效电话号码: \(text) (只接受+86)")
            }
            bytes.removeFirst(3)
        } else if bytes.count > 4, bytes[0...3] == [0x30, 0x30, 0x38, 0x36] {  // 0086
            bytes.removeFirst(4)
        } else if bytes.count == 13, bytes[0] == 0x38, bytes[1] == 0x36, bytes[2] == 0x31 {  // 86 + mobile
            bytes.removeFirst(2)
        }
        guard (7...12).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .problem("不是有效电话号码: \(text) (应为7至12位数字)")
        }
        return .value(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: - Code lists

    /// A code list as a refusal names it: its name and its values (`satisfaction（满意、基本满意、
    /// 不满意）`; the name and a space when the list has no values). The name tells a data team which list to extend; the values tell the field cadre
    /// reading the worklist item what the value should be (the message said only "不在代码表
    /// satisfaction 中", an English name and no choice).
    /// A list of more than 20 values (民族: 59) is named by its first 10 and its size, so a
    /// worklist cell stays readable.
    func codeList(_ name: String) -> String {
        guard let values = vocabulary.table(name)?.values, !values.isEmpty else { return name + " " }
        if values.count > 20 { return "\(name)（\(values.prefix(10).joined(separator: "、"))…共\(values.count)项）" }
        return "\(name)（\(values.joined(separator: "、"))）"
    }

    func lookup(_ vocab: String, _ text: String, expected: @autoclosure () -> String) -> Outcome {
        guard let table = vocabulary.table(vocab) else { return .problem("代码表 \(vocab) 未定义") }
        if let label = table.lookup(text) { return .value(label) }
        return .problem(expected())
    }

    /// Set separators: , ， 、 ; ； / ／ | ｜, line breaks and tabs (a spreadsheet cell with one
    /// item a line); full-width forms are listed because a set is split before it is folded.
    /// With only the first five, a system 帮扶措施 written 产业扶持/小额信贷 was one item, and 45
    /// households of the sample went to a false 五个统一 mismatch (44 "corrected" to the wall's).
    @inline(__always)
    package static func isSetSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2C, 0x3B, 0x3001, 0xFF0C, 0xFF1B, 0x2F, 0xFF0F, 0x7C, 0xFF5C, 0x0A, 0x0D, 0x09: return true
        default: return false
        }
    }

    func normalizeSet(_ text: String, vocabulary name: String?) -> Outcome {
        let table: Vocabulary.Table?
        if let name {
            guard let found = vocabulary.table(name) else { return .problem("代码表 \(name) 未定义") }
            table = found
        } else {
            table = nil
        }
        // An array searched, not a `Set`: a value has a few items, and hashing Chinese text
        // (normalised as it is hashed) cost ~2 900 instructions an item. `contains` compares as
        // the set did (canonical equivalence), and the first of equal items is kept as it kept it.
        var members: [String] = []
        var unknown: [String] = []
        for piece in text.unicodeScalars.split(whereSeparator: FieldNormalizer.isSetSeparator) {
            let item = TextNormalizer.fold(String(piece))
            if item.isEmpty { continue }
            if let table {
                if let label = table.lookup(item) {
                    if !members.contains(label) { members.append(label) }
                } else if !unknown.contains(item) {
                    unknown.append(item)
                }
            } else if !members.contains(item) {
                members.append(item)
            }
        }
        if !unknown.isEmpty, let name {
            return .problem("不在代码表 \(codeList(name))中: \(unknown.joined(separator: "、"))")
        }
        if members.isEmpty { return .blank }
        return .value(members.sorted().joined(separator: "、"))
    }
}
