// Field teams take the worklists out, verify each item on site, and bring the files back with
// 核实结果 / 核实人 / 核实日期 filled in (分级签字确认: whoever investigates signs). The files have
// usually passed through a spreadsheet: the .xlsx worklist saved again, or the CSV re-saved as GBK
// or UTF-8, with any delimiter, columns moved or added (`ReturnedWorklist` reads them all), and
// its id columns perhaps turned into numbers (`SignoffImporter+Matching` still matches them).
//
// How 核实结果 is written: for a finding about a field (住房安全等级, 人均纯收入, 在校生状况 …) the
// verified value itself, in any form the field's normaliser accepts (`A`, `3500元`, `初中`); for
// any finding, 属实 (the problem is real) or 不属实 (it is not).

import Foundation
import FivefoldModel

/// Reads returned worklists, validates every row against the ledger, and produces signed
/// results; a bad row is refused with one problem per faulty column, and good rows go through.
public struct SignoffImporter {
    /// The worklist columns a returned file must have.
    public static let idColumn = "问题编号"
    public static let householdColumn = "户编号"
    public static let resultColumn = "核实结果"
    public static let signerColumn = "核实人"
    public static let dateColumn = "核实日期"
    /// 核实结果 verdicts for findings with or without a field.
    public static let confirmed = "属实"
    public static let refuted = "不属实"

    let ledger: Ledger
    let normalizer: FieldNormalizer
    let today: CivilDate
    /// Per ledger run, the first day its items can have been verified on (`issued(_:)`).
    private let issueDays = IssueDays()

    private final class IssueDays {
        var days: [Int64: CivilDate]?
    }

    /// - Parameters:
    ///   - normalizer: the pipeline's normaliser, so a signed value is read like the field's data.
    ///   - today: signature dates after it are refused.
    public init(ledger: Ledger, normalizer: FieldNormalizer, today: CivilDate) {
        self.ledger = ledger
        self.normalizer = normalizer
        self.today = today
    }

    /// Reads one returned worklist (CSV or `.xlsx`) into `batch`: every sheet of a workbook that
    /// holds items, each named `file[sheet]` in messages when there are several.
    ///
    /// - Throws: `PipelineError` when the file cannot be read at all or lacks a needed column.
    public func read(file path: String, displayName: String? = nil, into batch: inout SignoffBatch) throws {
        let name = displayName ?? path
        let tables = try ReturnedWorklist.open(path: path, displayName: name, keyColumn: Self.idColumn)
        let start = batch.results.count
        for table in tables {
            try read(table, name: tables.count > 1 ? "\(name)[\(table.origin)]" : name, into: &batch)
        }
        refuseConflicts(from: start, in: &batch)
    }

    /// The first day `finding` can have been verified on: the as-of date of the run that first
    /// reported it, or the day that run was made when earlier (a preview as of the year's end).
    /// A 核实日期 before it is a typo of the year (2012 for 2021) that was taken as it stood: the
    /// latest 核实日期 wins, so such a signature silently lost to an older one. A replayed dump
    /// (run today as of 2020-12-31) takes visits from 2020-12-31 on.
    func issued(_ finding: FindingState) throws -> CivilDate? {
        try issued(run: finding.firstSeenRun)
    }

    /// The same for the items of ledger run `id` (a sample item: the run its sample was drawn from).
    func issued(run id: Int64) throws -> CivilDate? {
        if issueDays.days == nil {
            var days: [Int64: CivilDate] = [:]
            for run in try ledger.runs() {
                guard let id = run.id, let asOf = DateParser.parse(run.asOf), let ran = DateParser.parse(String(run.started.prefix(10))) else { continue }
                days[id] = min(asOf, ran)
            }
            issueDays.days = days
        }
        return issueDays.days?[id]
    }

    /// Refuses the rows of one file that sign one item twice on one date with different
    /// results: a row copied and edited, or a sheet copied as a backup before the values were
    /// changed. Which is meant the file does not say, and import order would decide in silence.
    /// (Different dates are a later visit: the latest 核实日期 wins, as across files.)
    func refuseConflicts(from start: Int, in batch: inout SignoffBatch) {
        var rows: [String: [Int]] = [:]
        for i in start..<batch.results.count {
            let r = batch.results[i]
            rows[r.findingID + "\u{1f}" + r.signedOn, default: []].append(i)
        }
        var refused: Set<Int> = []
        for group in rows.values.sorted(by: { $0[0] < $1[0] }) where group.count > 1 {
            let results = group.map { batch.results[$0] }
            guard Set(results.map { "\($0.kind.rawValue)\u{1f}\($0.value)" }).count > 1 else { continue }
            let places = results.map { "\($0.rawValue.trimmingCharacters(in: .whitespacesAndNewlines)) at \($0.sourceFile):\($0.sourceLine)" }.joined(separator: ", ")
            for r in results {
                batch.problems.append(SignoffProblem(
                    file: r.sourceFile, line: r.sourceLine, column: Self.resultColumn,
                    message: "\(r.findingID) is signed more than once on \(r.signedOn) with different results (\(places)): keep the one meant and import the file again"))
            }
            refused.formUnion(group)
        }
        guard !refused.isEmpty else { return }
        batch.refusedRows += refused.count
        batch.results = batch.results.enumerated().filter { !refused.contains($0.offset) }.map(\.element)
    }

    /// Reads one table (a CSV, or one item sheet of a workbook) into `batch`.
    private func read(_ table: ReturnedWorklist, name: String, into batch: inout SignoffBatch) throws {
        let header = table.header
        func column(_ title: String) -> Int? { header.firstIndex(of: title) }
        let required = [Self.idColumn, Self.resultColumn, Self.signerColumn, Self.dateColumn]
        let missing = required.filter { column($0) == nil }
        guard missing.isEmpty else {
            throw PipelineError(
                file: name, line: 1, keyPath: "",
                message: "not a returned worklist: no column \(missing.joined(separator: ", ")) (expected the worklist's header with 核实结果, 核实人, 核实日期 filled in)")
        }
        let idColumn = column(Self.idColumn)!, resultColumn = column(Self.resultColumn)!
        let signerColumn = column(Self.signerColumn)!, dateColumn = column(Self.dateColumn)!
        let householdColumn = column(Self.householdColumn)
        let imported = Ledger.timestamp(Date())
        do {
            try table.forEachRow({ line, cell in
                try check(
                    row: line, file: name, id: cell(idColumn), household: householdColumn.map(cell), result: cell(resultColumn),
                    signer: cell(signerColumn), date: cell(dateColumn), imported: imported, into: &batch)
            }, unreadable: { line, reason in
                batch.problems.append(SignoffProblem(file: name, line: line, column: "", message: "unreadable row: \(reason)"))
                batch.refusedRows += 1
            })
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(file: name, keyPath: "", message: "cannot read the returned worklist: \(error)")
        }
    }

    /// Validates one row; appends either its signed result or its problems.
    func check(
        row line: Int, file: String, id rawID: String, household: String?, result rawResult: String, signer rawSigner: String,
        date rawDate: String, imported: String, into batch: inout SignoffBatch
    ) throws {
        // A cell may end in a line break (Alt+Enter, or text pasted from a chat message): not
        // part of what was written.
        let id = rawID.trimmingCharacters(in: .newlines)
        let household = household?.trimmingCharacters(in: .newlines)
        var result = rawResult.trimmingCharacters(in: .whitespacesAndNewlines)
        // Report CSVs neutralise formulas with a leading apostrophe; a spreadsheet may keep it.
        if result.hasPrefix("'") { result.removeFirst() }
        let signer = TextNormalizer.personName(rawSigner)
        let dateText = rawDate.trimmingCharacters(in: .whitespacesAndNewlines)
        if result.isEmpty && signer.isEmpty && dateText.isEmpty {
            // Not verified yet (the id columns are not looked at: nothing is imported).
            batch.pending += 1
            return
        }
        var problems: [SignoffProblem] = []
        func problem(_ column: String, _ message: String) {
            problems.append(SignoffProblem(file: file, line: line, column: column, message: message))
        }
        defer {
            if !problems.isEmpty {
                batch.problems += problems
                batch.refusedRows += 1
            }
        }

        var idText = Substring(id.trimmingCharacters(in: .whitespaces))
        if idText.hasPrefix("'") { idText = idText.dropFirst() }
        if let sampleID = SampleItem.canonicalID(idText) {
            try checkSample(
                itemID: sampleID, file: file, line: line, household: household, result: result, rawResult: rawResult, signer: signer, dateText: dateText,
                imported: imported, problem: problem, into: &batch)
            return
        }
        var finding: FindingState?
        switch try resolve(id: id) {
        case .found(let known, let changes):
            finding = known
            batch.noteSpreadsheet(file: file, column: Self.idColumn, changes: changes, example: id)
        case .refused(let message):
            problem(Self.idColumn, message)
        }
        if let household, let finding {
            switch try check(household: household, of: finding) {
            case .success(let changes):
                batch.noteSpreadsheet(file: file, column: Self.householdColumn, changes: changes, example: household.trimmingCharacters(in: .whitespaces))
            case .failure(let refusal):
                problem(Self.householdColumn, refusal.message)
            }
        }
        if signer.isEmpty {
            problem(Self.signerColumn, "missing: the person who verified must sign")
        }
        var signedOn: CivilDate?
        if dateText.isEmpty {
            problem(Self.dateColumn, "missing: write the date of the visit, e.g. 2021-01-05")
        } else if let date = DateParser.parse(dateText) {
            if date > today {
                problem(Self.dateColumn, "\(date.iso) is in the future")
            } else if let finding, let issued = try issued(finding), date < issued {
                problem(Self.dateColumn, "\(date.iso) is before the item was first reported (\(issued.iso)): no visit can have verified it then; check the year")
            } else {
                signedOn = date
            }
        } else {
            problem(Self.dateColumn, "\"\(dateText)\" is not a date: write it as 2021-01-05")
        }
        var kind = SignedResult.Kind.value
        var value = ""
        if result.isEmpty {
            problem(Self.resultColumn, "empty: write the verified value, or 属实 / 不属实")
        } else if result == Self.confirmed || result == Self.refuted {
            kind = result == Self.confirmed ? .confirmed : .refuted
            value = result
        } else if let finding {
            let level: FieldLevel = finding.memberID.isEmpty ? .household : .member
            if !finding.field.isEmpty, let spec = FieldCatalog.spec(FieldID(finding.field), level: level) {
                let normalized = normalizer.normalize(result, kind: spec.kind)
                if let canonical = normalized.normalized, let why = Self.notAValue(canonical, kind: spec.kind) {
                    problem(Self.resultColumn, "\"\(result)\" is not a \(spec.chinese): \(why); write the verified \(spec.chinese), or 属实 / 不属实 alone")
                } else if let canonical = normalized.normalized {
                    value = canonical
                } else {
                    problem(Self.resultColumn, "\"\(result)\" is not a valid \(spec.chinese)\(normalized.problem.map { "（\($0)）" } ?? "")")
                }
            } else {
                problem(Self.resultColumn, "\"\(result)\": this item is not about one field, so write 属实 or 不属实")
            }
        }
        guard problems.isEmpty, let finding, let signedOn else { return }
        batch.results.append(SignedResult(
            findingID: finding.findingID, householdID: finding.householdID, memberID: finding.memberID,
            field: kind == .value ? finding.field : "", kind: kind, value: value, rawValue: rawResult, signer: signer,
            signedOn: signedOn.iso, sourceFile: file, sourceLine: line, imported: imported))
    }

    /// Words of a verdict, not of a name or a place: a field team that writes 情况属实，已落实 or
    /// 已核实 for an item about 帮扶责任人 or 户主姓名 means the verdict. Every code-list, number or
    /// date field refuses such text already; a name or free text field took it as the value, and
    /// the next run wrote it into the system.
    static let verdictWords = ["属实", "核实", "无误", "正确", "错误", "整改", "更正", "落实", "同意", "情况"]

    /// Why a signed value of a name or free-text field is no value of it, or nil.
    static func notAValue(_ value: String, kind: FieldKind) -> String? {
        guard kind == .personName || kind == .text else { return nil }
        if let word = verdictWords.first(where: { value.contains($0) }) { return "it reads as a verdict (\(word))" }
        if kind == .personName, value.unicodeScalars.contains(where: { CharacterSet.decimalDigits.contains($0) || (CharacterSet.punctuationCharacters.contains($0) && $0 != TextNormalizer.middleDot) }) {
            return "a name has no digits or punctuation"
        }
        return nil
    }
}
