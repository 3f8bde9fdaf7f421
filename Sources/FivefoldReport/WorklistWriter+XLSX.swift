import FivefoldModel
import FivefoldIO
import FivefoldLedger

// The worklist as `.xlsx`, beside each CSV. A CSV opened in a spreadsheet loses the 16-digit
// 户编号 (rounded to 15 significant digits) and any all-digit id; the workbook types every id
// column as text, so the spreadsheet keeps them exact whatever is typed or pasted later. It also
// shows the field team where to write: the three verify columns are unlocked and highlighted,
// 核实结果 offers the field's code list as a drop-down where it has one, long text wraps, and
// the header stays in view.

extension WorklistWriter {
    /// The columns that take the field team's answers.
    static let verifyColumns: Set<String> = [SignoffImporter.resultColumn, SignoffImporter.signerColumn, SignoffImporter.dateColumn]

    /// Widths (in characters) of the worklist columns; the source-value columns get 12.
    static let columnWidths: [String: Double] = [
        "问题编号": 19, "乡镇": 10, "村": 12, "户编号": 19, "户主姓名": 10, "帮扶责任人": 11, "责任人电话": 14,
        "问题类型": 22, "严重程度": 9, "字段": 13, "成员": 20, "其他来源": 24, "核实内容": 48,
        "核实结果": 16, "核实人": 10, "核实日期": 13, "村负责领导": 12, "乡镇负责领导": 12,
    ]

    /// The `.xlsx` columns, in `header` order: every column text-typed (ids, phone numbers and
    /// source values stay exactly as written) except 核实日期, where a typed date becomes a date;
    /// the verify columns editable; 核实内容 and 其他来源 wrapped.
    static var xlsxColumns: [XLSXColumn] { xlsxColumns(header) }

    static func xlsxColumns(_ header: [String]) -> [XLSXColumn] {
        header.map { title in
            XLSXColumn(
                title, width: columnWidths[title] ?? 12, kind: title == SignoffImporter.dateColumn ? .general : .text,
                editable: verifyColumns.contains(title), wrap: title == "核实内容" || title == "其他来源")
        }
    }

    /// Writes one township's items (already sorted) as `path` (`worklists/<乡镇>.xlsx`).
    static func writeWorkbook(township: String, items: [Item], header: [String] = header, vocabulary: Vocabulary, to path: String) throws {
        var sheet = try XLSXOutputSheet(name: sheetName(township), columns: xlsxColumns(header))
        let result = header.firstIndex(of: SignoffImporter.resultColumn)!
        for item in items {
            var cells = item.row.map { XLSXOutputCell($0) }
            cells[result].allowedValues = verificationChoices(field: item.key[5], memberID: item.key[4], vocabulary: vocabulary)
            try sheet.append(cells)
        }
        try XLSXWriter(sheets: [sheet]).write(to: path)
    }

    /// The township as a sheet name (at most 31 characters, none of `: \ / ? * [ ]`).
    static func sheetName(_ township: String) -> String {
        let safe = String(township.map { ":\\/?*[]'".contains($0) || $0.isNewline ? "_" : $0 }.prefix(31))
        return safe.isEmpty ? "核实清单" : safe
    }
}
