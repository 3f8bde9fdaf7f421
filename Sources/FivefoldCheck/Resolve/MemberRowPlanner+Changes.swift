import FivefoldModel

extension MemberRowPlanner {
    /// Adds a member the system lacks when enough sources list them, the required ones among them.
    func planAdd(_ person: LinkedMember, in c: HouseholdCase, finding: inout Finding) -> [Correction] {
        let listed = listing(person, in: c)
        var missing: [String] = []
        if listed.count < policy.add.minAgree { missing.append("仅\(listed.count)个来源列有此人（需\(policy.add.minAgree)个）") }
        for source in policy.add.require where !listed.contains(source) {
            missing.append(source == .hukou ? hukouSilence(person, c) : "\(source.chineseLabel)中没有此人")
        }
        if person.ambiguous { missing.append("成员匹配不唯一") }
        let names = Set(person.records.values.compactMap { $0[.name] })
        if c.system?.members.contains(where: { $0[.name].map(names.contains) ?? false }) == true {
            missing.append("系统中已有同名成员")
        }
        guard missing.isEmpty else {
            finding.message += "；未自动补录：\(missing.joined(separator: "，"))，请入户核实"
            return []
        }
        let settled = settledFields(person, sources: listed)
        let key = settled.first { $0.field == .idNumber }?.value ?? person.memberKey
        let evidence = listed.map { "\($0.rawValue)=\(self.evidenceValue(person, $0, c))" }.joined(separator: ";")
        let policyText = "members.add:min_agree=\(policy.add.minAgree);require=\(policy.add.require.map(\.rawValue).joined(separator: ","))"
        var corrections = [Correction(
            findingID: finding.id, householdID: c.householdID, memberID: key, field: MemberRowPolicy.field,
            oldValue: "absent", newValue: "added", evidence: evidence, policy: policyText)]
        for s in settled {
            corrections.append(Correction(
                findingID: finding.id, householdID: c.householdID, memberID: key, field: s.field,
                oldValue: "", newValue: s.value, evidence: s.evidence, policy: "members.add;" + s.policy))
        }
        let basis = listed.map(\.chineseLabel).joined(separator: "、")
        let stillMissing = silent(person, in: c).filter { $0 != .hukou && $0 != .verification }
        finding.action = stillMissing.isEmpty ? .corrected : .worklist
        finding.message += "；已依据\(basis)将该成员补录至系统" + (stillMissing.isEmpty ? "" : "，\(stillMissing.map(\.chineseLabel).joined(separator: "、"))需补齐")
        return corrections
    }

    /// Drops a system member whom no other source lists, when enough sources are silent about them.
    func planRemove(_ person: LinkedMember, in c: HouseholdCase, finding: inout Finding) -> [Correction] {
        let silent = silent(person, in: c)
        var missing: [String] = []
        let listed = listing(person, in: c)
        if !listed.isEmpty { missing.append("\(listed.map(\.chineseLabel).joined(separator: "、"))列有此人") }
        if silent.count < policy.remove.minAgree { missing.append("仅\(silent.count)个来源证实此人不在户（需\(policy.remove.minAgree)个）") }
        for source in policy.remove.requireAbsent where !silent.contains(source) && !listed.contains(source) {
            switch source {
            case .hukou: missing.append(hukouSupplied ? "系统中此人无有效身份证号，无法查户籍" : "未提供户籍登记，无法证实")
            default: missing.append("\(source.chineseLabel)中无此户的成员名单，无法证实")
            }
        }
        guard missing.isEmpty else {
            finding.message += "；未自动删除：\(missing.joined(separator: "，"))，请入户核实"
            return []
        }
        let policyText = "members.remove:min_agree=\(policy.remove.minAgree);require_absent=\(policy.remove.requireAbsent.map(\.rawValue).joined(separator: ","))"
        finding.action = .corrected
        finding.message += "；\(silent.map(\.chineseLabel).joined(separator: "、"))均无此人，已从系统删除该成员"
        return [Correction(
            findingID: finding.id, householdID: c.householdID, memberID: person.memberKey, field: MemberRowPolicy.field,
            oldValue: "present", newValue: "removed", evidence: silent.map { "\($0.rawValue)=无" }.joined(separator: ";"), policy: policyText)]
    }

    /// What a source shows of the person, for the evidence column.
    func evidenceValue(_ person: LinkedMember, _ source: SourceID, _ c: HouseholdCase) -> String {
        if source == .hukou { return "户\(c.householdID)" }
        if source == .wall, person.records[.wall] == nil { return person.displayName }
        return person.records[source]?.fields[.name]?.raw ?? person.displayName
    }

    /// Every member field the listing sources settle, by each field's own policy: one value if they
    /// agree, else the value the policy settles; a field they leave unsettled stays blank.
    func settledFields(_ person: LinkedMember, sources: [SourceID]) -> [(field: FieldID, value: String, evidence: String, policy: String)] {
        var result: [(field: FieldID, value: String, evidence: String, policy: String)] = []
        for spec in FieldCatalog.member where spec.id != .householdID && spec.id != .age {
            let fieldPolicy = resolution.policy(for: spec.id)
            let values = sources.compactMap { s in person.records[s]?.fields[spec.id].flatMap { SourceValue(source: s, $0) } }
                .filter { !$0.isInvalid && !$0.normalized.hasPrefix("\u{0}") }
            guard !values.isEmpty else { continue }
            let clusters = ValueComparator(policy: fieldPolicy).clusters(values.map { ($0.source, $0.normalized) })
            let value: String
            let supporters: [SourceID]
            let policyText: String
            if clusters.count == 1 {
                let order = fieldPolicy.trust + sources
                let top = order.first { s in values.contains { $0.source == s } }!
                value = values.first { $0.source == top }!.normalized
                supporters = values.map(\.source)
                policyText = "agree"
            } else if case .settled(let v, let s, let p) = Resolver().resolve(values.map { ($0.source, $0.normalized) }, policy: fieldPolicy) {
                (value, supporters, policyText) = (v, s, p)
            } else {
                continue
            }
            let evidence = values.filter { supporters.contains($0.source) }.map { "\($0.source.rawValue)=\($0.raw)" }.joined(separator: ";")
            result.append((spec.id, value, evidence, policyText))
        }
        return result
    }
}
