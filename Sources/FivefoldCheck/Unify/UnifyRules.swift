import FivefoldModel

/// `unify.missing` and `unify.mismatch`: the 五个统一 checks across sources.
///
/// A household present in the system but absent from another source (or the reverse) is
/// `unify.missing`, and so is a person listed by some sources of a household but not others.
/// Every comparable field is compared across the sources that carry it with its policy's
/// comparator; each disagreement becomes one `unify.mismatch` finding and one `Disagreement`
/// for the Resolve stage, which decides whether it can be corrected.
public struct UnifyRules {
    /// Sources configured in the pipeline (only these can be "missing" a household).
    public let sources: [SourceID]
    /// Sources whose tables list members (wall only lists names).
    public let memberSources: Set<SourceID>
    /// Signed field results: each joins its field's values as source `signoff`.
    public var signed = SignedEvidence()

    /// The compared fields with their policies, resolved once (not per household).
    let householdFields: [(spec: FieldSpec, policy: FieldPolicy)]
    let memberFields: [(spec: FieldSpec, policy: FieldPolicy)]
    let categoryFields: [(spec: FieldSpec, policy: FieldPolicy, target: FieldID)]
    /// The compared fields' ids alone: reading `householdFields[i].spec.id` copied the whole
    /// (spec, policy) element, for every field of every household.
    let householdIDs: [FieldID]
    let memberIDs: [FieldID]

    public init(sources: [SourceID], memberSources: Set<SourceID>, resolution: ResolutionConfig) {
        self.sources = sources
        self.memberSources = memberSources
        householdFields = FieldCatalog.household.filter { !Self.notCompared.contains($0.id) }.map { ($0, resolution.policy(for: $0.id)) }
            .filter { $0.1.compare && $0.1.against == nil }
        memberFields = FieldCatalog.member.filter { !Self.notCompared.contains($0.id) }.map { ($0, resolution.policy(for: $0.id)) }
            .filter { $0.1.compare }
        householdIDs = householdFields.map(\.spec.id)
        memberIDs = memberFields.map(\.spec.id)
        categoryFields = FieldCatalog.household.compactMap { spec in
            let policy = resolution.policy(for: spec.id)
            guard policy.compare, let target = policy.against else { return nil }
            return (spec, policy, target)
        }
    }

    static let notCompared: Set<FieldID> = [.householdID, .age, .inspector, .inspectionDate, .visitDate]

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink, disagreements: inout [Disagreement]) {
        var rows: [RowCandidate] = []
        check(c, context: context, sink: &sink, disagreements: &disagreements, rows: &rows)
    }

    /// As `check`, also handing the people the system lacks or alone lists to the row policies.
    public func check(
        _ c: HouseholdCase, context: RuleContext, sink: inout FindingSink, disagreements: inout [Disagreement], rows: inout [RowCandidate]
    ) {
        checkMissing(c, sink: &sink, rows: &rows)
        compareHousehold(c, context: context, sink: &sink, disagreements: &disagreements)
        for person in c.people {
            compareMember(person, in: c, context: context, sink: &sink, disagreements: &disagreements)
        }
    }

    // MARK: unify.missing

    private func checkMissing(_ c: HouseholdCase, sink: inout FindingSink, rows: inout [RowCandidate]) {
        let present = sources.filter { c.records[$0] != nil && c.records[$0]?.isMemberOnly == false }
        let absent = sources.filter { !present.contains($0) }
        if !absent.isEmpty {
            let values = sources.map { (source: $0, value: present.contains($0) ? "有" : "无") }
            let names = absent.map(\.chineseLabel).joined(separator: "、")
            let message = c.system == nil
                ? "系统中无此户，但\(present.map(\.chineseLabel).joined(separator: "、"))中有：核实是否漏录或户编号有误"
                : "\(names)中无此户：核实并补齐"
            sink.emit(.unifyMissing, case: c, values: values, message: message, discriminator: "household")
        }
        let holders = present.filter { memberSources.contains($0) }
        guard holders.count > 1 || (holders.count == 1 && c.system == nil) else { return }
        for person in c.people {
            let listed = holders.filter { person.records[$0] != nil }
            let missing = holders.filter { person.records[$0] == nil }
            guard !missing.isEmpty else { continue }
            let name = person.displayName
            let doubt = person.ambiguous ? "（与多名成员相似，无法唯一匹配）" : ""
            let values = holders.map { (source: $0, value: person.records[$0] == nil ? "无" : (person.records[$0]?.fields[.name]?.raw ?? "有")) }
            sink.emit(
                .unifyMissing, case: c, member: person.memberKey, values: values,
                message: "成员\(name)见于\(listed.map(\.chineseLabel).joined(separator: "、"))\(doubt)，\(missing.map(\.chineseLabel).joined(separator: "、"))中没有：核实该成员是否在户",
                discriminator: "member")
            // A person the system lacks, or that only the system lists, is a row for the row policies.
            if sink.isEnabled(.unifyMissing), c.system.map({ !$0.isMemberOnly }) ?? false, person.system == nil || listed == [.system] {
                rows.append(RowCandidate(findingIndex: sink.findings.count - 1, person: person, kind: person.system == nil ? .missing : .ghost))
            }
        }
    }

    // MARK: unify.mismatch

    private func compareHousehold(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink, disagreements: inout [Disagreement]) {
        let present = sources.compactMap { source -> (source: SourceID, record: HouseholdRecord)? in
            guard let record = c.records[source], !record.isMemberOnly else { return nil }
            return (source, record)
        }
        var values: [SourceValue] = []
        // Fields by index, and policies only where sources disagree: copying a field's spec and
        // policy for every field of every household was a visible share of a run.
        for (f, id) in householdIDs.enumerated() {
            // Member lists are compared only where a source lists names without member records (the
            // wall) against the system's members, member by member; missing members elsewhere are
            // unify.missing already.
            if id == .memberNames {
                compareMemberNames(c, present: present, context: context, sink: &sink)
                continue
            }
            // Most fields agree in every source: tell that from the values in place, and build the
            // compared values (copies of both texts per source) only for the few that do not.
            if !signed.hasValues && !Self.mayDisagree(present.lazy.map(\.record.fields), id) { continue }
            values.removeAll(keepingCapacity: true)
            for (source, record) in present {
                if let value = record.fields[id], let comparable = SourceValue(source: source, value) {
                    values.append(comparable)
                }
            }
            signed.append(to: &values, household: c.householdID, member: "", field: id, systemHasRecord: c.system.map { !$0.isMemberOnly } ?? false)
            guard Self.disagree(values) else { continue }
            report(values, field: id, member: nil, in: c, policy: householdFields[f].policy, sink: &sink, disagreements: &disagreements)
        }
    }

    private func compareMember(_ person: LinkedMember, in c: HouseholdCase, context: RuleContext, sink: inout FindingSink, disagreements: inout [Disagreement]) {
        // Read each source's fields once: looking a record up in the dictionary per field copied it.
        let records = person.records.keys.sorted(by: HouseholdMatcher.sourceOrder).map { (source: $0, fields: person.records[$0]!.fields) }
        let hasSystem = person.records[.system] != nil
        var values: [SourceValue] = []
        var key: String?
        for (f, id) in memberIDs.enumerated() {
            if !signed.hasValues && !Self.mayDisagree(records.lazy.map(\.fields), id) { continue }
            values.removeAll(keepingCapacity: true)
            for (source, fields) in records {
                if let value = fields[id], let comparable = SourceValue(source: source, value) {
                    values.append(comparable)
                }
            }
            if signed.hasValues {
                if key == nil { key = person.memberKey }
                signed.append(to: &values, household: c.householdID, member: key!, field: id, systemHasRecord: hasSystem)
            }
            guard Self.disagree(values) else { continue }
            report(values, field: id, member: person, in: c, policy: memberFields[f].policy, sink: &sink, disagreements: &disagreements)
        }
        checkToldAge(person, in: c, context: context, sink: &sink)
    }

    /// A name list without member records (the wall card's 家庭成员) against the system's
    /// members: each listed name is linked to a member by name (`MemberLinker.linkNames`), and
    /// every member left off the card, every card name that is nobody, and every member whose
    /// name the card spells otherwise (吴红侠 for 吴红霞) is one `unify.mismatch` finding on
    /// `member_names`, keyed by the member's ID number (by the card's name for an extra name).
    private func compareMemberNames(
        _ c: HouseholdCase, present: [(source: SourceID, record: HouseholdRecord)], context: RuleContext, sink: inout FindingSink
    ) {
        guard let system = c.system, !system.isMemberOnly, !system.members.isEmpty else { return }
        let members = system.members
        let linker = MemberLinker(threshold: context.settings.linkage.threshold, ambiguityMargin: context.settings.linkage.ambiguityMargin)
        for (source, record) in present where !memberSources.contains(source) {
            guard let listed = record.fields[.memberNames]?.normalized else { continue }
            // Each listed name as names normalise everywhere (middle dot unified, no spaces).
            let names = SetValue.items(listed).map { TextNormalizer.personName($0) }
            let links = linker.linkNames(names, to: members)
            var onCard = Set<Int>()
            for (i, name) in names.enumerated() {
                guard let j = links[i] else {
                    emitMemberName(c, source: source, key: name, systemName: "无", cardName: name,
                                   message: "\(source.chineseLabel)家庭成员中的\(name)不是系统中的成员：核实是否漏录或已不在户", sink: &sink)
                    continue
                }
                onCard.insert(j)
                let real = members[j][.name] ?? ""
                guard NameSimilarity.key(real) != NameSimilarity.key(name) else { continue }
                emitMemberName(c, source: source, key: members[j].memberKey, systemName: real, cardName: name,
                               message: "成员\(real)在\(source.chineseLabel)家庭成员中写作\(name)：核实并更正", sink: &sink)
            }
            for (j, m) in members.enumerated() where !onCard.contains(j) {
                let real = m[.name] ?? m.fields[.name]?.raw ?? ""
                emitMemberName(c, source: source, key: m.memberKey, systemName: real, cardName: "无",
                               message: "成员\(real)见于系统，\(source.chineseLabel)家庭成员中没有：核实该成员是否在户", sink: &sink)
            }
        }
    }

    private func emitMemberName(
        _ c: HouseholdCase, source: SourceID, key: String, systemName: String, cardName: String, message: String, sink: inout FindingSink
    ) {
        sink.emit(Finding(
            rule: .unifyMismatch, severity: .warning, regionCode: c.regionCode, householdID: c.householdID,
            memberID: key, field: FieldID.memberNames.rawValue, values: [(.system, systemName), (source, cardName)],
            action: .worklist, message: message, discriminator: source.rawValue))
    }

    /// Whether `disagree` could hold for field `id` of these sources' records: two present
    /// values (blank ones are not compared) that are not the same comparable value
    /// (`SourceValue.same`).
    @inline(__always)
    static func mayDisagree<S: Sequence>(_ records: S, _ id: FieldID) -> Bool where S.Element == FieldMap {
        // Each value read in place, as its shared object: the sources that agree most often hold
        // one object (same text, normalised once), and then nothing is compared.
        var first: FieldValue.Shared?
        for fields in records {
            guard let value = fields.shared(id), !value.value.isBlank else { continue }
            if let seen = first {
                if seen !== value && !SourceValue.same(seen.value, value.value) { return true }
            } else {
                first = value
            }
        }
        return false
    }

    /// Whether two or more sources give different canonical values (the common case, that all
    /// agree, needs no comparator).
    @inline(__always)
    static func disagree(_ values: [SourceValue]) -> Bool {
        guard values.count > 1 else { return false }
        let first = values[0].normalized
        for v in values.dropFirst() where v.normalized != first { return true }
        return false
    }

    /// An age told in the interview is whole years: it matches a birth date within ±1 year, as of
    /// the date the source carries (the interview's 走访日期, the inspection's 核查日期), else `as_of`.
    private func checkToldAge(_ person: LinkedMember, in c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        // The sources with a told age (most people have none; the interview's have one), in
        // source order: sorting every record of every person copied them all.
        var telling: [(source: SourceID, record: MemberRecord)] = []
        for (source, record) in person.records where record[.age] != nil { telling.append((source, record)) }
        if telling.count > 1 { telling.sort { HouseholdMatcher.sourceOrder($0.source, $1.source) } }
        for (source, record) in telling {
            guard let told = record[.age].flatMap({ Int($0) }) else { continue }
            let reference = [SourceID.hukou, .system, .archive].lazy.compactMap { s -> (SourceID, String, BirthDate)? in
                guard let text = person.records[s]?[.birthDate], let date = BirthDate(normalized: text) else { return nil }
                return (s, text, date)
            }.first
            guard let (refSource, refText, birth) = reference else { continue }
            let toldOn = MemberFacts.ownDate(of: c.records[source]) ?? context.asOf
            // A birth month alone may allow two ages on that date: told ages within a year of
            // either agree.
            let actual = birth.ages(at: toldOn)
            guard told < actual.lowerBound - 1 || told > actual.upperBound + 1 else { continue }
            let name = person.displayName
            sink.emit(Finding(
                rule: .unifyMismatch, severity: .warning, regionCode: c.regionCode, householdID: c.householdID,
                memberID: person.memberKey, field: FieldID.age.rawValue,
                values: [(refSource, refText), (source, record.fields[.age]?.raw ?? String(told))], action: .worklist,
                message: "成员\(name)的年龄不一致：\(refSource.chineseLabel)出生日期\(refText)（\(toldOn == context.asOf ? "" : "\(toldOn.iso)时")\(actual.ageText)岁），\(source.chineseLabel)为\(told)岁；请入户核实"))
        }
    }

    /// Category-mapped fields (interview 住房安全 安全/不安全) against the corrected system value of
    /// the field they stand for (house_grade A–D). Run after corrections, so a grade the evidence
    /// already corrected is not reported twice.
    public func checkCategories(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard let system = c.system, !system.isMemberOnly else { return }
        for (spec, policy, target) in categoryFields {
            guard let actual = system[target] else { continue }
            for source in sources {
                guard let value = c.records[source]?.fields[spec.id], let normalized = value.normalized,
                    let allowed = policy.categories[normalized], !allowed.contains(actual)
                else { continue }
                sink.emit(Finding(
                    rule: .unifyMismatch, severity: .warning, regionCode: c.regionCode, householdID: c.householdID,
                    field: spec.id.rawValue, values: [(source, value.raw), (.system, actual)], action: .worklist,
                    message: "\(source.chineseLabel)\(spec.chinese)为\(value.raw)，与系统\(FieldCatalog.chinese(target))\(actual)不符；请入户核实",
                    discriminator: source.rawValue))
            }
        }
    }

    private func report(
        _ values: [SourceValue], field: FieldID, member: LinkedMember?, in c: HouseholdCase, policy: FieldPolicy,
        sink: inout FindingSink, disagreements: inout [Disagreement]
    ) {
        let comparator = ValueComparator(policy: policy)
        let clusters = comparator.clusters(values.map { ($0.source, $0.normalized) })
        guard clusters.count > 1 else { return }
        let label = FieldCatalog.chinese(field)
        let said = values.map { "\($0.source.chineseLabel)为\($0.raw)" }.joined(separator: "，")
        let who = member.map { "成员\($0.displayName)的" } ?? ""
        let finding = Finding(
            rule: .unifyMismatch, severity: .warning, regionCode: c.regionCode, householdID: c.householdID,
            memberID: member?.memberKey ?? "", field: field.rawValue,
            values: values.map { ($0.source, $0.raw) }, action: .worklist,
            message: "\(who)\(label)不一致：\(said)")
        guard sink.isEnabled(.unifyMismatch) else { return }
        sink.emit(finding)
        disagreements.append(Disagreement(
            findingIndex: sink.findings.count - 1, householdID: c.householdID, member: member, field: field,
            values: values, policy: policy,
            systemHasRecord: member.map { $0.system != nil } ?? (c.system.map { !$0.isMemberOnly } ?? false)))
    }
}
