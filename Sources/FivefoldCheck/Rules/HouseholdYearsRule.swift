import FivefoldModel

/// `household.years`: 识别年度 and 脱贫年度 against each other, the status and the calendar.
///
/// A household is identified (识别) before it exits (脱贫); 已脱贫 carries the year it exited and
/// 未脱贫 none; 返贫 keeps the year it had exited in, since it relapsed from an exit. No year is
/// later than `as_of`'s year, nor earlier than `min_year` (建档立卡 began in 2014). Read on the
/// system record; a year that is not a year at all is `value.invalid`, not this rule.
public struct HouseholdYearsRule: CaseRule {
    static let rule = RuleID.householdYears

    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard let system = c.system, !system.isMemberOnly else { return }
        let identified = system[.identifiedYear].flatMap { Int($0) }
        let exit = system[.exitYear].flatMap { Int($0) }
        let exitInvalid = system.fields.isInvalid(.exitYear)
        let status = system[.status]
        func emit(_ field: FieldID, _ kind: String, _ message: String) {
            let other: FieldID = field == .exitYear ? .identifiedYear : .exitYear
            let values: [(source: SourceID, value: String)] = [
                (.system, system.fields[field]?.raw ?? ""), (SourceID(other.rawValue), system.fields[other]?.raw ?? ""),
                ("status", status ?? ""),
            ]
            sink.emit(Self.rule, case: c, field: field, values: values, message: message, discriminator: kind)
        }

        let minYear = Int(context.number(Self.rule, "min_year"))
        let maxYear = context.asOf.year
        for (field, year) in [(FieldID.identifiedYear, identified), (.exitYear, exit)] {
            guard let year else { continue }
            if year > maxYear {
                emit(field, "range", "\(FieldCatalog.chinese(field))\(year)晚于核查基准日所在年份\(maxYear)")
            } else if year < minYear {
                emit(field, "range", "\(FieldCatalog.chinese(field))\(year)早于建档立卡起始年份\(minYear)")
            }
        }
        if let identified, let exit, identified > exit {
            emit(.exitYear, "order", "识别年度\(identified)晚于脱贫年度\(exit)")
        }
        switch status {
        case "已脱贫"?:
            if exit == nil, !exitInvalid { emit(.exitYear, "status", "脱贫状态为已脱贫，但未填脱贫年度") }
        case "未脱贫"?:
            if let exit { emit(.exitYear, "status", "脱贫状态为未脱贫，却填有脱贫年度\(exit)") }
        case "返贫"?:
            if exit == nil, !exitInvalid { emit(.exitYear, "status", "脱贫状态为返贫，但未填此前的脱贫年度") }
        default:
            break
        }
    }
}
