import Foundation

/// Writes `worklists/<township>.csv` (SPEC §6): the 大整改 lists field teams take on their visits.
///
/// One file per township, Chinese headers, UTF-8 with BOM, sorted by village then cadre, each
/// source's value side by side, and blank 核实结果 / 核实人 / 核实日期 columns that come back signed.
public struct WorklistWriter {
    public static let sourceColumns: [(SourceID, String)] = [
        (.system, "系统值"), (.archive, "档案值"), (.wall, "明白卡值"), (.interview, "走访值"), (.verification, "核查值"),
    ]
    public static let header: [String] =
        ["问题编号", "乡镇", "村", "户编号", "户主姓名", "帮扶责任人", "责任人电话", "问题类型", "严重程度", "字段", "成员"]
        + sourceColumns.map(\.1) + ["其他来源", "核实内容", "核实结果", "核实人", "核实日期"]

    public let maskIDs: Bool

    public init(maskIDs: Bool) { self.maskIDs = maskIDs }

    /// Writes one file per township; returns the number of items per file name.
    @discardableResult
    public func write(_ findings: [Finding], directory: HouseholdDirectory, folder: String) throws -> [String: Int] {
        var byTownship: [String: [(Finding, HouseholdDirectory.Entry)]] = [:]
        for f in findings where f.action == .worklist {
            let entry = directory[f.householdID] ?? HouseholdDirectory.Entry(township: "", village: "", headName: "", cadreName: "", cadrePhone: "")
            // Unregistered interview households (漏评 candidates) have no 户编号 and no township.
            let township = f.householdID.isEmpty ? "未建档户" : entry.township.isEmpty ? "未知乡镇" : entry.township
            byTownship[township, default: []].append((f, entry))
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var counts: [String: Int] = [:]
        for (township, items) in byTownship {
            let sorted = items.sorted {
                [$0.1.village, $0.1.cadreName, $0.0.householdID, $0.0.rule, $0.0.memberID, $0.0.field, $0.0.id]
                    .lexicographicallyPrecedes([$1.1.village, $1.1.cadreName, $1.0.householdID, $1.0.rule, $1.0.memberID, $1.0.field, $1.0.id])
            }
            let name = Self.fileName(township)
            let writer = try ReportCSV.open((folder as NSString).appendingPathComponent(name))
            try writer.writeRow(Self.header)
            for (f, e) in sorted {
                var row = [
                    f.id, e.township, e.village, f.householdID, e.headName, e.cadreName, e.cadrePhone,
                    RuleCatalog.chineseTitle(f.rule), Self.severityLabel(f.severity), FieldCatalog.chinese(FieldID(f.field)),
                    mask(f.memberID),
                ]
                if f.field.isEmpty { row[9] = "" }
                let bySource = Dictionary(f.values.map { ($0.source, $0.value) }, uniquingKeysWith: { (a: String, _: String) in a })
                row += Self.sourceColumns.map { mask(bySource[$0.0] ?? "") }
                let others = f.values.filter { v in !Self.sourceColumns.contains { $0.0 == v.source } }
                    .map { "\($0.source.chineseLabel)=\(mask($0.value))" }.joined(separator: "；")
                row += [others, mask(f.message), "", "", ""]
                try writer.writeRow(row)
            }
            try writer.close()
            counts[name] = sorted.count
        }
        return counts
    }

    /// `520203199001011234` → `520203********1234`; anything that is not an ID number is unchanged.
    public func mask(_ text: String) -> String {
        guard maskIDs else { return text }
        return Self.maskIDNumbers(in: text)
    }

    /// Masks every 18-character ID number (17 digits + digit or X) inside a text.
    public static func maskIDNumbers(in text: String) -> String {
        var chars = Array(text)
        var i = 0
        var changed = false
        while i + 18 <= chars.count {
            let window = chars[i..<(i + 18)]
            let isID = window.prefix(17).allSatisfy(\.isASCIIDigit) && (window.last!.isASCIIDigit || window.last == "X" || window.last == "x")
            let boundedLeft = i == 0 || !chars[i - 1].isASCIIDigit
            let boundedRight = i + 18 == chars.count || !chars[i + 18].isASCIIDigit
            if isID && boundedLeft && boundedRight {
                for j in (i + 6)..<(i + 14) { chars[j] = "*" }
                changed = true
                i += 18
            } else {
                i += 1
            }
        }
        return changed ? String(chars) : text
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

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
