import FivefoldModel

/// `value.invalid`: a value that cannot be normalised, is outside its code list, or out of range.
///
/// Runs on every source's record of the household and its members, so a bad value anywhere is
/// reported with the source that holds it and the raw value as read. Ranges are parameters.
public struct ValueRules: CaseRule {
    public init() {}

    static let rule = RuleID.valueInvalid

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        let maxSize = Int(context.number(Self.rule, "max_household_size"))
        let maxIncome = context.number(Self.rule, "max_income_per_capita")
        let maxAge = Int(context.number(Self.rule, "max_age"))
        for source in c.records.keys.sorted(by: HouseholdMatcher.sourceOrder) {
            guard let record = c.records[source] else { continue }
            // Most values are clean: look for problems first and sort only those.
            for (field, value) in record.fields.problems() {
                emit(c, source: source, member: nil, field: field, raw: value.raw, problem: value.problem!, sink: &sink)
            }
            // The normalised text read in place; the raw value (a copy of the whole field) only
            // for a finding.
            if let n = record.fields.normalized(.size).flatMap(Double.init), n < 1 || n > Double(maxSize) {
                emit(c, source: source, member: nil, field: .size, raw: record.fields[.size]!.raw, problem: "家庭人口数应在1–\(maxSize)之间", sink: &sink)
            }
            if let n = record.fields.normalized(.incomePerCapita).flatMap(Double.init), n < 0 || n > maxIncome {
                emit(c, source: source, member: nil, field: .incomePerCapita, raw: record.fields[.incomePerCapita]!.raw, problem: "人均纯收入超出合理范围", sink: &sink)
            }
            if source == .system { checkRegion(c, record, context: context, sink: &sink) }
            for member in record.members {
                for (field, value) in member.fields.problems(excluding: .idNumber) {
                    emit(c, source: source, member: member, field: field, raw: value.raw, problem: value.problem!, sink: &sink)
                }
                // A birth month alone is unreasonable only if every day of it is: after as_of, or
                // older than max_age.
                if let birth = member.fields.normalized(.birthDate).flatMap(BirthDate.init(normalized:)),
                    birth.earliest > context.asOf || birth.ages(at: context.asOf).lowerBound > maxAge
                {
                    emit(c, source: source, member: member, field: .birthDate, raw: member.fields[.birthDate]!.raw, problem: "出生日期不合理", sink: &sink)
                }
                if let age = member.fields.normalized(.age).flatMap({ Int($0) }), age > maxAge {
                    emit(c, source: source, member: member, field: .age, raw: member.fields[.age]!.raw, problem: "年龄不合理", sink: &sink)
                }
            }
        }
    }

    /// The region code against its own structure and the village register: a rural village code
    /// (village part 200–399), listed in the register under the village name the record gives.
    private func checkRegion(_ c: HouseholdCase, _ record: HouseholdRecord, context: RuleContext, sink: inout FindingSink) {
        guard let value = record.fields[.regionCode], let digits = value.normalized, let code = RegionCode(digits) else { return }
        if !code.isRuralVillage {
            emit(c, source: .system, member: nil, field: .regionCode, raw: value.raw, problem: "村级代码\(code.village)不在村委会范围200–399", sink: &sink)
            return
        }
        guard !context.villageNames.isEmpty else { return }
        guard let registered = context.villageNames[digits] else {
            emit(c, source: .system, member: nil, field: .regionCode, raw: value.raw, problem: "不在村名册（villages）中", sink: &sink)
            return
        }
        if let village = record[.village], !registered.isEmpty, village != registered {
            emit(c, source: .system, member: nil, field: .regionCode, raw: value.raw,
                 problem: "村名册中该代码为\(registered)，与记录的村名\(village)不一致", sink: &sink)
        }
    }

    private func emit(_ c: HouseholdCase, source: SourceID, member: MemberRecord?, field: FieldID, raw: String, problem: String, sink: inout FindingSink) {
        let who = member.map { "成员\($0[.name] ?? $0.memberKey)的" } ?? ""
        sink.emit(Self.rule, case: c, member: member?.memberKey ?? "", field: field, values: [(source, raw)],
                  message: "\(source.chineseLabel)中\(who)\(FieldCatalog.chinese(field))“\(raw)”无效：\(problem)",
                  discriminator: source.rawValue)
    }
}
