import Foundation
import FivefoldModel

/// The per-household checks of the accountability inputs, on the corrected system record:
/// `roster.household`, `roster.cadre` (五包: 乡镇领导包户, 党员干部包人), `signoff.*` (分级签字确认
/// of an exit) and `notice.*` (公示 of an identification or exit).
///
/// Each family runs only when its table was supplied (`AccountabilityBook`); a table the dump
/// lacks is listed in summary.json's `skipped_checks` instead. The checks that need every
/// household of an area, or the whole roster, are `RosterRules` in the assembly.
public struct AccountabilityRules: CaseRule {
    public init() {}

    /// The statuses of a registered (建档立卡) household.
    static let registeredStatuses: Set<String> = ["未脱贫", "已脱贫", "返贫"]

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard let system = c.system, !system.isMemberOnly, let status = system[.status], Self.registeredStatuses.contains(status) else { return }
        let book = context.accountability
        let exitYear = status == "已脱贫" ? system[.exitYear].flatMap { Int($0) } : nil
        if book.roster != nil { checkRoster(c, cadre: system[.cadreName] ?? "", book: book, sink: &sink) }
        if let year = exitYear, book.signoffs != nil { checkSignoffs(c, exitYear: year, context: context, sink: &sink) }
        if book.notices != nil { checkNotices(c, exitYear: exitYear, context: context, sink: &sink) }
    }

    /// 乡镇领导包户 and 党员干部包人.
    func checkRoster(_ c: HouseholdCase, cadre: String, book: AccountabilityBook, sink: inout FindingSink) {
        let rows = book.roster(household: c.householdID)
        if !rows.contains(where: { $0.level == .township }) {
            sink.emit(.rosterHousehold, case: c, message: "五包责任名册中本户没有包户的乡镇领导")
        }
        let cadres = rows.filter { $0.level == .cadre }
        let listed = cadres.map(\.name).joined(separator: "、")
        if cadres.isEmpty {
            sink.emit(.rosterCadre, case: c, field: .cadreName, values: [(.system, cadre)],
                      message: "五包责任名册中本户没有包人的党员干部" + (cadre.isEmpty ? "" : "（系统帮扶责任人：\(cadre)）"))
        } else if !cadre.isEmpty, !cadres.contains(where: { $0.name == cadre }) {
            sink.emit(.rosterCadre, case: c, field: .cadreName, values: [(.system, cadre), ("roster", listed)],
                      message: "系统帮扶责任人\(cadre)不是五包责任名册中本户的党员干部（名册：\(listed)）")
        }
    }

    /// 分级签字确认: every level present, in order, dated within the exit year … `as_of`, by a
    /// signer the roster makes responsible for the household.
    func checkSignoffs(_ c: HouseholdCase, exitYear: Int, context: RuleContext, sink: inout FindingSink) {
        let book = context.accountability
        let rows = book.signoffs(household: c.householdID)
        // The earliest sign-off of each level stands for it (a level signed twice keeps its first date).
        var first: [SignoffLevel: ExitSignoff] = [:]
        for r in rows where first[r.level].map({ r.date < $0.date }) ?? true { first[r.level] = r }
        let missing = SignoffLevel.allCases.filter { first[$0] == nil }
        if !missing.isEmpty {
            sink.emit(.signoffMissingLevel, case: c, values: [("signoffs", first.keys.sorted().map(\.label).joined(separator: "、"))],
                      message: "已于\(exitYear)年脱贫，缺少\(missing.map(\.label).joined(separator: "、"))签字确认")
        }
        let present = SignoffLevel.allCases.compactMap { first[$0] }
        for (i, earlier) in present.enumerated() {
            for later in present[(i + 1)...] where later.date < earlier.date {
                sink.emit(.signoffOrder, case: c, values: [("signoffs", "\(earlier.level.label)=\(earlier.date.iso);\(later.level.label)=\(later.date.iso)")],
                          message: "\(later.level.label)签字（\(later.date.iso)）早于\(earlier.level.label)签字（\(earlier.date.iso)），应按村、乡、县逐级签字",
                          discriminator: "\(earlier.level.rawValue)-\(later.level.rawValue)")
            }
        }
        let yearStart = CivilDate(year: exitYear, month: 1, day: 1)!
        for r in rows {
            if r.date < yearStart {
                sink.emit(.signoffDate, case: c, values: [("signoffs", "\(r.level.label)=\(r.date.iso)")],
                          message: "\(r.level.label)签字日期\(r.date.iso)早于脱贫年度\(exitYear)年", discriminator: "\(r.level.rawValue)-\(r.date.iso)")
            } else if context.asOf < r.date {
                sink.emit(.signoffDate, case: c, values: [("signoffs", "\(r.level.label)=\(r.date.iso)")],
                          message: "\(r.level.label)签字日期\(r.date.iso)晚于核查基准日\(context.asOf.iso)", discriminator: "\(r.level.rawValue)-\(r.date.iso)")
            }
        }
        guard book.roster != nil else { return }
        let responsible = Set(book.responsible(household: c.householdID, regionCode: c.regionCode).map(\.name))
        for r in rows where !r.signer.isEmpty && !responsible.contains(r.signer) {
            sink.emit(.signoffSigner, case: c, values: [("signoffs", "\(r.level.label)=\(r.signer)")],
                      message: "\(r.level.label)签字人\(r.signer)不在五包责任名册中本户或本村、乡镇、县的责任人之列",
                      discriminator: "\(r.level.rawValue)-\(r.signer)")
        }
    }

    /// 公示: an identification (every registered household) and an exit each posted, long
    /// enough, objections answered, and the exit signed only after its notice ended.
    func checkNotices(_ c: HouseholdCase, exitYear: Int?, context: RuleContext, sink: inout FindingSink) {
        let book = context.accountability
        let notices = book.notices(household: c.householdID)
        var kinds: [PublicNotice.Kind] = [.identification]
        if exitYear != nil { kinds.append(.exit) }
        for kind in kinds where !notices.contains(where: { $0.kind == kind }) {
            sink.emit(.noticeMissing, case: c, message: "\(kind == .exit ? "脱贫退出" : "贫困户识别")未见公示记录", discriminator: kind.rawValue)
        }
        let minDays = Int(context.number(.noticeShort, "min_days"))
        for n in notices {
            let span = "\(n.start.iso)至\(n.end.iso)"
            if n.days < minDays {
                sink.emit(.noticeShort, case: c, values: [("notices", "\(n.kind.rawValue)=\(span)")],
                          message: "\(n.kind.rawValue)公示\(span)共\(n.days)天，少于\(minDays)天", discriminator: "\(n.kind.rawValue)-\(n.start.iso)")
            }
            if n.hasObjection && n.answer.trimmingCharacters(in: .whitespaces).isEmpty {
                sink.emit(.noticeObjection, case: c, values: [("notices", n.objection)],
                          message: "\(n.kind.rawValue)公示（\(span)）有异议“\(n.objection)”，未记录答复", discriminator: "\(n.kind.rawValue)-\(n.start.iso)")
            }
        }
        guard exitYear != nil, book.signoffs != nil, let ended = notices.filter({ $0.kind == .exit }).map(\.end).max() else { return }
        let levels = Set(context.list(.noticeSignoffEarly, "levels").compactMap(SignoffLevel.parse))
        for r in book.signoffs(household: c.householdID) where levels.contains(r.level) && r.date <= ended {
            sink.emit(.noticeSignoffEarly, case: c, values: [("signoffs", "\(r.level.label)=\(r.date.iso)"), ("notices", "退出=\(ended.iso)")],
                      message: "\(r.level.label)签字（\(r.date.iso)）在退出公示结束（\(ended.iso)）之前或当天", discriminator: "\(r.level.rawValue)-\(r.date.iso)")
        }
    }
}
