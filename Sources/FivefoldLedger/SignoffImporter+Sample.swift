import FivefoldModel

// Sample worklists (`fivefold sample`, 事后抽查) come back through the same import: their
// 问题编号 is `S` + 16 hex digits, and 核实结果 is a verdict on the stratum's question — 属实 (the
// household was wrongly exited, wrongly included or omitted) or 不属实 — recorded against the
// sample item, not as evidence for resolution.

extension SignoffImporter {
    /// 核实结果 words accepted on a sample item besides 属实 / 不属实.
    static let sampleConfirmations: Set<String> = [confirmed, "错退", "错评", "漏评", "是"]
    static let sampleRefutations: Set<String> = [refuted, "无误", "准确", "否"]

    /// Validates one row of a sample worklist; appends the item with its verdict, or problems.
    func checkSample(
        itemID: String, file: String, line: Int, household: String?, result: String, rawResult: String, signer: String, dateText: String, imported: String,
        problem: (String, String) -> Void, into batch: inout SignoffBatch
    ) throws {
        var refused = false
        func refuse(_ column: String, _ message: String) {
            refused = true
            problem(column, message)
        }
        let item = try ledger.sampleItem(itemID)
        if item == nil {
            refuse(Self.idColumn, "unknown sample item \"\(itemID)\": not in the ledger (a sample drawn with another ledger?)")
        }
        if let item, let household {
            let written = household.trimmingCharacters(in: .whitespaces)
            let matches = written == item.householdID
                || (!item.householdID.isEmpty && SpreadsheetNumber(household)?.changes(from: item.householdID) != nil)
            if !matches {
                refuse(Self.householdColumn, "\"\(written)\" does not match sample item \(itemID), which is about household \"\(item.householdID)\"")
            }
        }
        if signer.isEmpty { refuse(Self.signerColumn, "missing: the person who verified must sign") }
        var signedOn: CivilDate?
        if dateText.isEmpty {
            refuse(Self.dateColumn, "missing: write the date of the visit, e.g. 2021-01-05")
        } else if let date = DateParser.parse(dateText) {
            if date > today {
                refuse(Self.dateColumn, "\(date.iso) is in the future")
            } else if let item, let run = try ledger.sample(item.sampleID)?.runID, let issued = try issued(run: run), date < issued {
                refuse(Self.dateColumn, "\(date.iso) is before the sampled run (\(issued.iso)): no visit can have verified it then; check the year")
            } else {
                signedOn = date
            }
        } else {
            refuse(Self.dateColumn, "\"\(dateText)\" is not a date: write it as 2021-01-05")
        }
        var verdict: SignedResult.Kind?
        if Self.sampleConfirmations.contains(result) {
            verdict = .confirmed
        } else if Self.sampleRefutations.contains(result) {
            verdict = .refuted
        } else {
            refuse(Self.resultColumn, result.isEmpty ? "empty: write 属实 or 不属实" : "\"\(result)\": a sample item takes 属实 or 不属实")
        }
        guard !refused, var item, let signedOn, let verdict else { return }
        item.verdict = verdict
        item.rawValue = rawResult
        item.signer = signer
        item.signedOn = signedOn.iso
        item.sourceFile = file
        item.sourceLine = line
        item.imported = imported
        batch.sampleVerdicts.append(item)
    }
}
