import FivefoldModel

// Matching a returned row to its item. 问题编号 is the key: `F` + 16 hex digits, which no
// spreadsheet reads as a number. Worklists sent before the `F` carry bare hex ids; about one in
// 2,000 of those is all digits, and a spreadsheet rounds it to 15 significant digits, writes it in
// scientific notation or drops its leading zero. Such an id is matched when exactly one ledger id
// is consistent with it. The 户编号 (16 digits) is always such a number for a spreadsheet; once
// the item is known it is accepted when it is a rendering of the item's own household.

extension SignoffImporter {
    /// How a returned 问题编号 was matched.
    enum IDResolution {
        /// The ledger's finding, and what a spreadsheet did to the id (empty when written as sent).
        case found(FindingState, Set<SpreadsheetNumber.Change>)
        /// Not matched: the message for the row.
        case refused(String)
    }

    /// Why a 户编号 was refused.
    struct HouseholdRefusal: Error {
        var message: String
    }

    /// What to do about a column a spreadsheet turned into a number.
    static let textAdvice = "请用 .xlsx 核实清单填写，或把该列设为文本格式后从下发的清单重新复制"

    /// Finds the ledger item of a returned 问题编号.
    func resolve(id raw: String) throws -> IDResolution {
        var changes: Set<SpreadsheetNumber.Change> = []
        var text = Substring(raw).strippingSpreadsheetSpaces()
        if text.count != raw.count { changes.insert(.spaces) }
        if text.hasPrefix("'") {
            text = text.dropFirst()
            changes.insert(.apostrophe)
        }
        guard !text.isEmpty else { return .refused("missing: copy the item's number from the worklist we sent") }
        if let canonical = Self.canonicalID(text), let known = try ledger.finding(canonical) {
            return .found(known, changes)
        }
        guard let number = SpreadsheetNumber(raw) else {
            return .refused("unknown item \"\(text)\": not in the ledger (a worklist from another pipeline or ledger?)")
        }
        var matches: [(id: String, changes: Set<SpreadsheetNumber.Change>)] = []
        for id in try ledger.allDigitFindingIDs() {
            if let how = number.changes(from: String(id.dropFirst(Finding.idPrefix.count))) { matches.append((id, how)) }
        }
        if matches.count == 1, let known = try ledger.finding(matches[0].id) {
            return .found(known, matches[0].changes)
        }
        // A number that shows no spreadsheet's hand (a short number, or all 16 digits) is just
        // an unknown id.
        let converted = number.looksConverted || (13...15).contains(number.digits.count)
        if matches.isEmpty && !converted {
            return .refused("unknown item \"\(text)\": not in the ledger (a worklist from another pipeline or ledger?)")
        }
        let cause = Self.visibleChanges(number).map(\.chinese).joined(separator: "，")
        let what = "“\(text)”是被电子表格转成了数字的问题编号（\(cause.isEmpty ? "按数字保存" : cause)）"
        if matches.isEmpty {
            return .refused("\(what)，台账中没有与之相符的问题：\(Self.textAdvice)")
        }
        let listed = matches.prefix(3).map(\.id).joined(separator: "、") + (matches.count > 3 ? "等" : "")
        return .refused("\(what)，台账中有 \(matches.count) 个问题编号与之相符（\(listed)），无法确定是哪一个：\(Self.textAdvice)")
    }

    /// `F` + 16 lower-case hex digits for an id as sent (`F…`, any case) or as sent before the
    /// prefix (16 hex digits); nil for anything else.
    static func canonicalID(_ text: Substring) -> String? {
        func isHex(_ s: Substring) -> Bool { s.count == 16 && s.allSatisfy(\.isHexDigit) }
        if text.count == 17, text.first == "F" || text.first == "f", isHex(text.dropFirst()) {
            return Finding.idPrefix + text.dropFirst().lowercased()
        }
        if isHex(text) { return Finding.idPrefix + text.lowercased() }
        return nil
    }

    /// What the cell itself shows a spreadsheet did, for messages.
    static func visibleChanges(_ number: SpreadsheetNumber) -> [SpreadsheetNumber.Change] {
        var changes = number.changes.subtracting([.spaces, .apostrophe])
        if number.digits.count > SpreadsheetNumber.spreadsheetPrecision && number.looksConverted && !changes.contains(.scientific) {
            changes.insert(.rounded)
        }
        if number.digits.count == 15 && changes.isEmpty { changes.insert(.leadingZeroLost) }
        return changes.sorted()
    }

    /// Checks a returned 户编号 against its item's household: equal, or a spreadsheet's
    /// rendering of it (returned with what the spreadsheet did).
    func check(household raw: String, of finding: FindingState) throws -> Result<Set<SpreadsheetNumber.Change>, HouseholdRefusal> {
        let household = raw.trimmingCharacters(in: .whitespaces)
        if household == finding.householdID { return .success([]) }
        let number = SpreadsheetNumber(raw)
        if let number, !finding.householdID.isEmpty, let changes = number.changes(from: finding.householdID) {
            return .success(changes)
        }
        if let number, number.looksConverted {
            let cause = Self.visibleChanges(number).map(\.chinese).joined(separator: "，")
            return .failure(HouseholdRefusal(message:
                "“\(household)”是被电子表格转成了数字的户编号（\(cause)），与问题 \(finding.findingID) 的户编号 \(finding.householdID) 不一致：\(Self.textAdvice)"))
        }
        if try !household.isEmpty && !ledger.knowsHousehold(household) {
            return .failure(HouseholdRefusal(message: "household \"\(household)\" is not in the ledger"))
        }
        return .failure(HouseholdRefusal(message: "\"\(household)\" does not match item \(finding.findingID), which is about household \"\(finding.householdID)\""))
    }
}
