import Foundation
import FivefoldModel
import FivefoldIO
import FivefoldCheck
import FivefoldReport

/// Reads the optional accountability tables (`accountability:`) into an `AccountabilityBook`,
/// once per run, before the partitions are evaluated.
///
/// A table the pipeline declares but the input folder lacks is left out (nil in the book) and
/// the checks that need it are reported as skipped; a table that is there is read like any
/// input: every mapped column must be in its header (else the run stops naming the key), each
/// row that cannot be used goes to `quarantine/<name>.csv` with file, line and reason, and its
/// accounting (read = accepted + quarantined) joins summary.json's inputs.
struct AccountabilityLoader {
    let config: PipelineConfig
    let inputFolder: String
    let normalizer: FieldNormalizer

    struct Loaded {
        var book: AccountabilityBook
        var stats: [InputStats]
        var skipped: [RunSummary.SkippedCheck]
    }

    /// Reads the tables present; quarantined rows go to `quarantineFolder` (nil: not written,
    /// as in a merge, whose quarantine is the shards').
    func load(quarantineFolder: String?) throws -> Loaded {
        var stats: [InputStats] = []
        var roster: [RosterEntry]?, signoffs: [ExitSignoff]?, notices: [PublicNotice]?
        let a = config.accountability
        if let table = try present(a.roster, key: "roster") {
            var rows: [RosterEntry] = []
            stats.append(try scan(table, name: "responsibility", quarantineFolder: quarantineFolder) { r in
                switch rosterEntry(r) {
                case .success(let e): rows.append(e); return nil
                case .failure(let reason): return reason.text
                }
            })
            roster = rows
        }
        if let table = try present(a.signoffs, key: "signoffs") {
            var rows: [ExitSignoff] = []
            stats.append(try scan(table, name: "exit_signoffs", quarantineFolder: quarantineFolder) { r in
                switch signoff(r) {
                case .success(let e): rows.append(e); return nil
                case .failure(let reason): return reason.text
                }
            })
            signoffs = rows
        }
        if let table = try present(a.notices, key: "notices") {
            var rows: [PublicNotice] = []
            stats.append(try scan(table, name: "notices", quarantineFolder: quarantineFolder) { r in
                switch notice(r) {
                case .success(let e): rows.append(e); return nil
                case .failure(let reason): return reason.text
                }
            })
            notices = rows
        }
        let book = AccountabilityBook(roster: roster, signoffs: signoffs, notices: notices)
        return Loaded(book: book, stats: stats, skipped: skippedChecks(book))
    }

    /// Why a run would refuse a row of the accountability table `name` (`PipelineConfig
    /// .AccountabilityTables.tables`: responsibility, exit_signoffs or notices), or nil to keep it:
    /// what `fivefold check` judges the rows by.
    func refusal(_ name: String) -> (TableScanner.RawRecord) -> String? {
        { r in
            switch name {
            case "responsibility": if case .failure(let reason) = rosterEntry(r) { return reason.text }
            case "exit_signoffs": if case .failure(let reason) = signoff(r) { return reason.text }
            default: if case .failure(let reason) = notice(r) { return reason.text }
            }
            return nil
        }
    }

    /// The table when the pipeline declares it and its file is in the input folder; nil when it
    /// is absent. A file of nearly its name in its place is a mistyped `file:`: the run stops
    /// naming both (`OptionalInputFile`).
    func present(_ table: TableConfig?, key: String) throws -> TableConfig? {
        guard let table else { return nil }
        guard !FileManager.default.fileExists(atPath: resolve(table.file, against: inputFolder)) else { return table }
        if let near = OptionalInputFile.nearMiss(table.file, in: inputFolder) {
            throw PipelineError(file: table.pipelineFile, keyPath: "accountability.\(key).file", message: OptionalInputFile.message(table.file, key: key, near: near))
        }
        return nil
    }

    /// Which input each accountability rule needs.
    static let needs: [(rule: RuleID, tables: [String])] = [
        (.rosterCounty, ["roster"]), (.rosterTownship, ["roster"]), (.rosterVillage, ["roster"]), (.rosterHousehold, ["roster"]),
        (.rosterCadre, ["roster"]), (.rosterCadrePhones, ["roster"]), (.rosterSharedPhone, ["roster"]), (.rosterCadreLoad, ["roster"]),
        (.signoffMissingLevel, ["signoffs"]), (.signoffOrder, ["signoffs"]), (.signoffDate, ["signoffs"]), (.signoffSigner, ["signoffs", "roster"]),
        (.noticeMissing, ["notices"]), (.noticeShort, ["notices"]), (.noticeSignoffEarly, ["notices", "signoffs"]), (.noticeObjection, ["notices"]),
    ]

    /// The enabled accountability rules that cannot run for lack of an input, with the reason.
    func skippedChecks(_ book: AccountabilityBook) -> [RunSummary.SkippedCheck] {
        let a = config.accountability
        let declared: [String: TableConfig?] = ["roster": a.roster, "signoffs": a.signoffs, "notices": a.notices]
        let loaded: [String: Bool] = ["roster": book.roster != nil, "signoffs": book.signoffs != nil, "notices": book.notices != nil]
        let chinese = ["roster": "五包责任名册", "signoffs": "脱贫退出分级签字表", "notices": "公示记录表"]
        var result: [RunSummary.SkippedCheck] = []
        for (rule, tables) in Self.needs where config.rule(rule.rawValue).enabled {
            let missing = tables.filter { loaded[$0] != true }
            guard !missing.isEmpty else { continue }
            let reasons = missing.map { key -> String in
                if let table = declared[key] ?? nil {
                    return "缺少\(chinese[key]!) \(table.file)（no \(table.file) in the input folder）"
                }
                return "流水线未配置accountability.\(key)（the pipeline declares no accountability.\(key)）"
            }
            result.append(RunSummary.SkippedCheck(rule: rule.rawValue, reason: reasons.joined(separator: "；")))
        }
        return result
    }

    private func scan(_ table: TableConfig, name: String, quarantineFolder: String?, accept: (TableScanner.RawRecord) throws -> String?) throws -> InputStats {
        var quarantined: [QuarantinedRow] = []
        var stats = try TableScanner(inputFolder: inputFolder).scan(table, sourceName: name, quarantine: { quarantined.append($0) }, accept: accept)
        // Not one row usable stops the run, as for a source table: with every 公示 row refused
        // (类型 written in a way not understood), every household was a notice.missing, exit 0.
        if stats.read > 0 && stats.accepted == 0 {
            throw Partitioner.unusable(Partitioner.TableScan(stats: stats, quarantined: quarantined, seconds: 0), format: table.format)
        }
        if let quarantineFolder, !quarantined.isEmpty {
            let writer = QuarantineWriter(directory: quarantineFolder, source: name)
            for row in quarantined { try writer.append(row) }
            try writer.close()
        }
        stats.source = name
        return stats
    }

    // MARK: - Rows

    struct Reason: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    func text(_ r: TableScanner.RawRecord, _ field: FieldID) -> String {
        guard let raw = r.value(field) else { return "" }
        return normalizer.normalize(raw, kind: .text).normalized ?? ""
    }

    func date(_ r: TableScanner.RawRecord, _ field: FieldID, _ header: String) -> Result<CivilDate, Reason> {
        let raw = text(r, field)
        guard !raw.isEmpty else { return .failure(Reason("missing \(header) (\(field.rawValue))")) }
        guard let d = DateParser.parse(raw) else { return .failure(Reason("\(header) is not a date: \(raw)")) }
        return .success(d)
    }

    static func digits(_ s: String) -> String { String(s.filter(\.isASCIIDigit)) }

    func rosterEntry(_ r: TableScanner.RawRecord) -> Result<RosterEntry, Reason> {
        let rawLevel = text(r, AccountabilityFields.level)
        guard let level = RosterLevel.parse(rawLevel) else {
            return .failure(Reason("unknown 层级 \"\(rawLevel)\" (expected 省领导, 市领导, 县领导, 乡镇领导 or 党员干部)"))
        }
        let name = text(r, AccountabilityFields.person)
        guard !name.isEmpty else { return .failure(Reason("missing 姓名 (person)")) }
        var area = "", household = ""
        if let n = level.codeLength {
            let code = Self.digits(text(r, .regionCode))
            guard code.count >= n else {
                return .failure(Reason("层级 \(level.rawValue) needs a \(n)-digit 区划代码 (region_code), found \"\(text(r, .regionCode))\""))
            }
            area = String(code.prefix(n))
        } else {
            household = text(r, .householdID)
            guard !household.isEmpty else { return .failure(Reason("层级 \(level.rawValue) needs a 户编号 (household_id)")) }
        }
        return .success(RosterEntry(
            level: level, area: area, householdID: household, name: name, title: text(r, AccountabilityFields.title),
            phone: Self.digits(text(r, AccountabilityFields.phone)), line: r.location.line))
    }

    func signoff(_ r: TableScanner.RawRecord) -> Result<ExitSignoff, Reason> {
        let household = text(r, .householdID)
        guard !household.isEmpty else { return .failure(Reason("missing 户编号 (household_id)")) }
        let rawLevel = text(r, AccountabilityFields.level)
        guard let level = SignoffLevel.parse(rawLevel) else { return .failure(Reason("unknown 层级 \"\(rawLevel)\" (expected 村, 乡 or 镇, 县 or 区)")) }
        let signer = text(r, AccountabilityFields.signer)
        guard !signer.isEmpty else { return .failure(Reason("missing 签字人 (signer)")) }
        let rawYear = Self.digits(text(r, .exitYear))
        var year: Int?
        if !text(r, .exitYear).isEmpty {
            guard rawYear.count == 4, let y = Int(rawYear) else { return .failure(Reason("脱贫年度 is not a year: \(text(r, .exitYear))")) }
            year = y
        }
        switch date(r, AccountabilityFields.signedOn, "签字日期") {
        case .failure(let reason): return .failure(reason)
        case .success(let d): return .success(ExitSignoff(householdID: household, exitYear: year, level: level, signer: signer, date: d, line: r.location.line))
        }
    }

    func notice(_ r: TableScanner.RawRecord) -> Result<PublicNotice, Reason> {
        let household = text(r, .householdID)
        guard !household.isEmpty else { return .failure(Reason("missing 户编号 (household_id)")) }
        let rawKind = text(r, AccountabilityFields.noticeType)
        guard let kind = PublicNotice.Kind.parse(rawKind) else { return .failure(Reason("unknown 类型 \"\(rawKind)\" (expected 识别 or 退出)")) }
        let start: CivilDate, end: CivilDate
        switch date(r, AccountabilityFields.startDate, "开始") {
        case .failure(let reason): return .failure(reason)
        case .success(let d): start = d
        }
        switch date(r, AccountabilityFields.endDate, "结束") {
        case .failure(let reason): return .failure(reason)
        case .success(let d): end = d
        }
        guard !(end < start) else { return .failure(Reason("结束 \(end.iso) is before 开始 \(start.iso)")) }
        return .success(PublicNotice(
            householdID: household, kind: kind, start: start, end: end, objection: text(r, AccountabilityFields.objection),
            answer: text(r, AccountabilityFields.answer), line: r.location.line))
    }
}
