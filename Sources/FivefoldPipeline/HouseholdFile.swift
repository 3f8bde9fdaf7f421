import Foundation
import FivefoldModel
import FivefoldIO
import FivefoldLedger
import FivefoldReport

/// `fivefold show 户编号`: one household's file, for a cadre on the phone — what each of the five
/// sources says about it side by side, its findings with their history, the corrections of the
/// latest run, the signed results and the 事后抽查 items, from the inputs of the latest run and
/// the ledger.
///
/// The sources are read from the input folder of the latest run (the run's work files are
/// removed when it ends): every table of every source is scanned for records with this 户编号,
/// so a province-sized input takes as long as a scan of it. Values are shown as the source holds
/// them; ID numbers are masked (`520203********1234`) unless asked otherwise.
package struct HouseholdFile {
    /// One source's records of the household.
    package struct SourceRecord {
        package var source: SourceID
        /// `file:line` of the household record.
        package var location: String
        package var fields: [(FieldID, String)]
        package var members: [[(FieldID, String)]]
    }

    package var householdID: String
    package var inputFolder: String
    package var run: LedgerRun?
    package var records: [SourceRecord] = []
    package var findings: [(finding: FindingState, history: [HistoryEntry])] = []
    /// Rows of the latest run's corrections.csv for this household (column → value).
    package var corrections: [[String: String]] = []
    package var signed: [SignedResult] = []
    package var samples: [SampleItem] = []

    /// Reads the household's file. Throws when neither the inputs nor the ledger know it.
    package static func read(_ householdID: String, runner: PipelineRunner, ledger: Ledger?) throws -> HouseholdFile {
        let run = try ledger?.latestRun()
        let input = try run?.inputFolder ?? runner.inputFolder
        var file = HouseholdFile(householdID: householdID, inputFolder: input, run: run)
        let normalizer = FieldNormalizer(vocabulary: try runner.loadVocabulary())
        func key(_ raw: String?) -> String { raw.flatMap { normalizer.normalize($0, kind: .text).normalized } ?? "" }
        let scanner = TableScanner(inputFolder: input)
        for source in runner.config.sources {
            var records: [SourceRecord] = []
            _ = try scanner.scan(source.households, sourceName: source.id.rawValue, quarantine: { _ in }) { record in
                guard key(record.value(.householdID)) == householdID else { return nil }
                records.append(SourceRecord(
                    source: source.id, location: "\(record.location.file):\(record.location.line)",
                    fields: record.fields.filter { !$0.1.isEmpty }, members: record.members.map(\.fields)))
                return nil
            }
            if let members = source.members, !records.isEmpty {
                _ = try scanner.scan(members, sourceName: source.id.rawValue, quarantine: { _ in }) { record in
                    guard key(record.value(.householdID)) == householdID else { return nil }
                    records[0].members.append(record.fields.filter { $0.0 != .householdID })
                    return nil
                }
            }
            file.records += records
        }
        if let ledger {
            file.findings = try ledger.findings(household: householdID).map { ($0, try ledger.history(of: $0.findingID)) }
            file.signed = try ledger.signedResults(household: householdID)
            file.samples = try ledger.sampleItems(household: householdID)
        }
        if let run {
            file.corrections = Self.corrections(of: householdID, in: (run.outputFolder as NSString).appendingPathComponent("corrections.csv"))
        }
        guard !file.records.isEmpty || !file.findings.isEmpty || !file.samples.isEmpty else {
            throw PipelineError(
                file: input, keyPath: "",
                message: "household \(householdID) is in none of the inputs of the latest run and not in the ledger (check the 户编号: 16 digits, e.g. 5202031002010001)")
        }
        return file
    }

    /// The latest run's corrections of the household, when its output folder is still there.
    static func corrections(of householdID: String, in path: String) -> [[String: String]] {
        guard FileManager.default.fileExists(atPath: path), let reader = try? CSVReader(path: path) else { return [] }
        let header = reader.header
        guard let column = header.firstIndex(of: "household_id") else { return [] }
        var rows: [[String: String]] = []
        _ = try? reader.read({ row in
            guard row.fieldCount == header.count, row.string(at: column) == householdID else { return }
            var values: [String: String] = [:]
            for (i, name) in header.enumerated() { values[name] = row.string(at: i) }
            rows.append(values)
        }, quarantine: { _ in })
        return rows
    }

    /// The file as text: one section per kind, Chinese labels, ID numbers masked when `masked`.
    package func render(masked: Bool) -> String {
        func m(_ text: String) -> String { masked ? WorklistWriter.maskIDNumbers(in: text) : text }
        var out = "户编号 \(householdID)"
        if let system = records.first(where: { $0.source == .system }) {
            let place = [FieldID.county, .township, .village, .headName].compactMap { f in system.fields.first { $0.0 == f }?.1 }
            out += "  " + place.joined(separator: " ")
        }
        out += "\n输入：\(inputFolder)" + (run.map { "（第 \($0.id ?? 0) 次运行，\($0.finished)）" } ?? "") + "\n"

        out += "\n【五个来源】\n"
        if records.isEmpty { out += "  （输入中没有此户的记录）\n" }
        var fields: [FieldID] = []
        for r in records { for (f, _) in r.fields where f != .householdID && !fields.contains(f) { fields.append(f) } }
        let columns = records.map { "\($0.source.chineseLabel)" }
        if !records.isEmpty {
            out += "  字段\t" + columns.joined(separator: "\t") + "\n"
            for f in fields {
                let values = records.map { r in r.fields.first { $0.0 == f }.map { m($0.1.trimmingCharacters(in: .whitespaces)) } ?? "—" }
                out += "  \(FieldCatalog.chinese(f))\t" + values.joined(separator: "\t") + "\n"
            }
            for r in records { out += "  \(r.source.chineseLabel)：\(r.location)，成员 \(r.members.count) 人\n" }
        }
        out += "\n【成员】\n"
        for r in records where !r.members.isEmpty {
            out += "  \(r.source.chineseLabel)：\n"
            for member in r.members {
                out += "    " + member.filter { !$0.1.isEmpty }.map { "\(FieldCatalog.chinese($0.0))=\(m($0.1.trimmingCharacters(in: .whitespaces)))" }.joined(separator: "；") + "\n"
            }
        }
        out += "\n【问题（台账）】\n"
        if findings.isEmpty { out += "  无\n" }
        for (f, history) in findings {
            out += "  \(f.findingID) \(f.rule) \(f.severity) \(f.state.rawValue) \(f.action)"
                + (f.field.isEmpty ? "" : " \(FieldCatalog.chinese(FieldID(f.field)))") + (f.memberID.isEmpty ? "" : " 成员 \(m(f.memberID))") + "\n"
            out += "    \(m(f.message))\n"
            if !f.valuesText.isEmpty { out += "    各来源：\(m(f.valuesText))\n" }
            out += "    历史：" + history.map { "第\($0.runID)次 \($0.status.chineseLabel)" }.joined(separator: "，") + "\n"
        }
        out += "\n【更正（最近一次运行）】\n"
        if corrections.isEmpty { out += "  无\n" }
        for c in corrections {
            let field = c["field"].map { $0 == "member_row" ? "成员行" : FieldCatalog.chinese(FieldID($0)) } ?? ""
            out += "  \(c["finding_id"] ?? "") \(field)\((c["member_id"] ?? "").isEmpty ? "" : " 成员 \(m(c["member_id"]!))")：\(m(c["old_value"] ?? "")) → \(m(c["new_value"] ?? ""))（依据 \(m(c["evidence"] ?? ""))）\n"
        }
        out += "\n【签字核实】\n"
        if signed.isEmpty && samples.allSatisfy({ $0.verdict == nil }) { out += "  无\n" }
        for s in signed {
            out += "  \(s.findingID) 核实结果 \(m(s.rawValue))，核实人 \(s.signer)，\(s.signedOn)（\(s.sourceFile):\(s.sourceLine)）\n"
        }
        for s in samples {
            let verdict = s.verdict.map { $0 == .confirmed ? "属实" : "不属实" } ?? "待核实"
            out += "  事后抽查 \(s.itemID)（样本 \(s.sampleID)，\(s.stratum.chinese)）：\(verdict)" + (s.signer.map { "，核实人 \($0)，\(s.signedOn ?? "")" } ?? "") + "\n"
        }
        return out
    }
}
