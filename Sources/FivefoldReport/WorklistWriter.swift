import Foundation
import FivefoldModel
import FivefoldCheck

/// Writes `worklists/<township>.csv` (SPEC §6) and `worklists/<township>.xlsx`: the 大整改 lists
/// field teams take on their visits.
///
/// One file per township, Chinese headers, UTF-8 with BOM, sorted by village then cadre, each
/// source's value side by side, and blank 核实结果 / 核实人 / 核实日期 columns that come back signed.
/// The `.xlsx` holds the same rows with the id columns typed as text (see `WorklistWriter+XLSX`).
public struct WorklistWriter: Sendable {
    public static let sourceColumns: [(SourceID, String)] = [
        (.system, "系统值"), (.archive, "档案值"), (.wall, "明白卡值"), (.interview, "走访值"), (.verification, "核查值"),
    ]
    public static let header: [String] =
        ["问题编号", "乡镇", "村", "户编号", "户主姓名", "帮扶责任人", "责任人电话", "问题类型", "严重程度", "字段", "成员"]
        + sourceColumns.map(\.1) + ["其他来源", "核实内容", "核实结果", "核实人", "核实日期"]

    public let maskIDs: Bool

    public init(maskIDs: Bool) { self.maskIDs = maskIDs }

    /// A worklist item: the township file it goes to, its sort key, and its row.
    public struct Item: Sendable {
        public var township: String
        /// village, cadre, household, rule, member, field, finding id.
        public var key: [String]
        public var row: [String]

        /// As stored between partitions and shards: township, the key, then the row.
        package var fields: [String] { [township] + key + row }

        init(township: String, key: [String], row: [String]) {
            self.township = township
            self.key = key
            self.row = row
        }

        package init?(fields f: [String]) {
            guard f.count == 1 + 7 + WorklistWriter.header.count else { return nil }
            self.init(township: f[0], key: Array(f[1..<8]), row: Array(f[8...]))
        }
    }

    /// The worklist item of a finding, or nil when it needs no field visit.
    public func item(_ f: Finding, entry: HouseholdDirectory.Entry?) -> Item? {
        guard f.action == .worklist else { return nil }
        let e = entry ?? HouseholdDirectory.Entry(township: "", village: "", headName: "", cadreName: "", cadrePhone: "")
        // Unregistered interview households (漏评 candidates) have no 户编号 and no township.
        // An area finding (a township without its leader) has no 户编号 but names its township.
        let township = f.householdID.isEmpty && entry == nil ? "未建档户" : e.township.isEmpty ? "未知乡镇" : e.township
        var row = [
            f.id, e.township, e.village, f.householdID, e.headName, e.cadreName, e.cadrePhone,
            RuleRegistry.chineseTitle(f.rule), Self.severityLabel(f.severity), f.field.isEmpty ? "" : FieldCatalog.chinese(FieldID(f.field)),
            mask(f.memberID),
        ]
        var bySource: [SourceID: String] = [:]
        for v in f.values where bySource[v.source] == nil { bySource[v.source] = v.value }
        row += Self.sourceColumns.map { mask(bySource[$0.0] ?? "") }
        let others = f.values.filter { v in !Self.sourceColumns.contains { $0.0 == v.source } }
            .map { "\($0.source.chineseLabel)=\(mask($0.value))" }.joined(separator: "；")
        row += [others, mask(f.message), "", "", ""]
        return Item(township: township, key: [e.village, e.cadreName, f.householdID, f.rule, f.memberID, f.field, f.id], row: row)
    }

    /// Writes one CSV and one `.xlsx` per township, each sorted by village then cadre; returns
    /// items per CSV file.
    ///
    /// - Parameter vocabulary: the code lists offered as drop-downs for 核实结果 in the `.xlsx`.
    @discardableResult
    public func write(_ findings: [Finding], directory: HouseholdDirectory, folder: String, vocabulary: Vocabulary = Vocabulary()) throws -> [String: Int] {
        try Self.write(items: findings.compactMap { item($0, entry: directory[$0.householdID]) }, folder: folder, vocabulary: vocabulary)
    }

    /// Runs `count` independent pieces of work (`body(0)` … `body(count - 1)`).
    public typealias Runner = @Sendable (_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws -> Void

    /// One piece after another.
    public static let inTurn: Runner = { count, body in for i in 0..<count { try body(i) } }

    /// Writes `worklists/<乡镇>.csv` and `worklists/<乡镇>.xlsx` for the items; returns items per
    /// CSV file (the `.xlsx` beside it holds the same rows).
    ///
    /// - Parameter leaders: with a 五包 roster, the responsible leaders of each item's village and
    ///   township, written as the columns `leaderColumns` after 责任人电话; nil (no roster) keeps
    ///   the worklist's columns exactly as they are without one.
    /// - Parameter run: how the townships' files are written; each township's are independent of
    ///   the others', so the pipeline writes them on its threads (1 M households: ~1.8 s of a
    ///   run's assembly on one core, most of it compressing the workbooks).
    @discardableResult
    public static func write(
        items: [Item], folder: String, vocabulary: Vocabulary, leaders: (@Sendable (Item) -> [String])? = nil, run: Runner = inTurn
    ) throws -> [String: Int] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var byTownship: [String: [Item]] = [:]
        for item in items { byTownship[item.township, default: []].append(item) }
        let columns = leaders == nil ? header : withLeaderColumns(header, leaderColumns)
        let names = fileNames(Array(byTownship.keys))
        // The largest first, so the last one a thread takes is a small one.
        let townships = byTownship.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        try run(townships.count) { i in
            let (township, list) = townships[i]
            let name = names[township]!
            var sorted = list.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) })
            if let leaders {
                for i in sorted.indices { sorted[i].row = withLeaderColumns(sorted[i].row, leaders(sorted[i])) }
            }
            let writer = try ReportCSV.open((folder as NSString).appendingPathComponent(name))
            try writer.writeRow(columns)
            for item in sorted { try writer.writeRow(item.row) }
            try writer.close()
            let workbook = (folder as NSString).appendingPathComponent(String(name.dropLast(4)) + ".xlsx")
            try writeWorkbook(township: township, items: sorted, header: columns, vocabulary: vocabulary, to: workbook)
        }
        var counts: [String: Int] = [:]
        for (township, list) in townships { counts[names[township]!] = list.count }
        return counts
    }

    /// Each township's file name (`fileName`), distinct: townships whose names differ only in
    /// characters a file name cannot hold (城关/东 and 城关_东) get `_2`, `_3` … in name order.
    /// They shared one file before, and the township written last replaced the other's items.
    static func fileNames(_ townships: [String]) -> [String: String] {
        var names: [String: String] = [:]
        var taken = Set<String>()
        for township in townships.sorted() {
            let first = fileName(township)
            var name = first
            var n = 2
            while taken.contains(name) {
                name = String(first.dropLast(4)) + "_\(n).csv"
                n += 1
            }
            taken.insert(name)
            names[township] = name
        }
        return names
    }

    /// The columns a 五包 roster adds: the 县领导 of the item's village (县领导包村) and the 市领导
    /// of its township (市领导包乡).
    public static let leaderColumns = ["村负责领导", "乡镇负责领导"]

    /// A row (or the header) with the leader columns after 责任人电话.
    static func withLeaderColumns(_ row: [String], _ leaders: [String]) -> [String] {
        let at = header.firstIndex(of: "责任人电话")! + 1
        var r = row
        r.insert(contentsOf: leaders, at: at)
        return r
    }

    /// `520203199001011234` → `520203********1234`; anything that is not an ID number is unchanged.
    public func mask(_ text: String) -> String {
        guard maskIDs else { return text }
        return Self.maskIDNumbers(in: text)
    }

    /// Masks every ID number inside a text: the birth date and sequence of an 18-character one
    /// (17 digits + digit or X: `520203********1234`), and also what the rules flag as malformed
    /// and print in their messages — 17 digits in a row (a digit lost or no check character:
    /// `520203********888`) and a first-generation 15-digit number whose digits 9–12 read as a
    /// month and day (its birth date YYMMDD masked: `520203******123`). Before, these two were
    /// shown whole in worklists and report.html. A 16-digit 户编号, a 12-digit region code and an
    /// 11-digit phone number are never touched, nor is a digit run of any other length.
    public static func maskIDNumbers(in text: String) -> String {
        // Nearly every cell holds no ID number: 15 ASCII digits in a row must occur first, which a
        // look at the bytes tells without splitting the text into characters (that split was
        // ~94 000 instructions a worklist item).
        guard mayHoldIDNumber(text) else { return text }
        var chars = Array(text)
        var i = 0
        var changed = false
        while i < chars.count {
            guard chars[i].isASCIIDigit else {
                i += 1
                continue
            }
            var j = i
            while j < chars.count && chars[j].isASCIIDigit { j += 1 }
            var masked: Range<Int>?
            switch j - i {
            case 18, 17:
                masked = (i + 6)..<(i + 14)
                // 17 digits and a check character X, not followed by another digit.
                if j - i == 17, j < chars.count, chars[j] == "X" || chars[j] == "x", j + 1 == chars.count || !chars[j + 1].isASCIIDigit { j += 1 }
            case 15 where isMonthAndDay(chars[(i + 8)..<(i + 12)]):
                masked = (i + 6)..<(i + 12)
            default:
                break
            }
            if let masked {
                for k in masked { chars[k] = "*" }
                changed = true
            }
            i = j
        }
        return changed ? String(chars) : text
    }

    /// Whether four digits read as MMDD (a month 01–12, a day 01–31).
    private static func isMonthAndDay(_ digits: ArraySlice<Character>) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == 4 else { return false }
        let month = values[0] * 10 + values[1], day = values[2] * 10 + values[3]
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Whether `text` has 15 ASCII digits in a row (the shortest ID number masked, each digit a
    /// character of its own), without which `maskIDNumbers` changes nothing.
    static func mayHoldIDNumber(_ text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                if run >= 15 { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    static func fileName(_ township: String) -> String {
        let safe = township.map { "/\\:*?\"<>|".contains($0) || $0.isNewline ? "_" : $0 }
        return String(safe) + ".csv"
    }

    static func severityLabel(_ s: Severity) -> String {
        switch s {
        case .error: return "错误"
        case .warning: return "警告"
        case .info: return "提示"
        }
    }
}
