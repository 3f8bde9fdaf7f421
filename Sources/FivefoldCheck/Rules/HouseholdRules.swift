import FivefoldModel

/// `household.size_mismatch`, `household.head`, `household.cause`, `household.no_cadre`:
/// what one household's own record shows to be wrong.
///
/// All four read the system record, the dataset of record.
public struct HouseholdRules: CaseRule {
    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        checkSize(c, sink: &sink)
        guard let system = c.system, !system.isMemberOnly else { return }
        checkHead(c, system, sink: &sink)
        checkCause(c, system, context: context, sink: &sink)
        checkCadre(c, system, sink: &sink)
    }

    /// 家庭人口数 against the member rows, on the system record (other sources' sizes are compared
    /// with the system's by `unify.mismatch`).
    private func checkSize(_ c: HouseholdCase, sink: inout FindingSink) {
        guard let record = c.system, !record.isMemberOnly, !record.members.isEmpty,
            let sizeValue = record.fields[.size], let size = sizeValue.normalized.flatMap({ Int($0) })
        else { return }
        let count = record.members.count
        if count != size {
            sink.emit(.householdSizeMismatch, case: c, field: .size, values: [(.system, sizeValue.raw), ("members", String(count))],
                      message: "系统中家庭人口数为\(sizeValue.raw)，但列出成员\(count)人")
        }
    }

    private func checkHead(_ c: HouseholdCase, _ system: HouseholdRecord, sink: inout FindingSink) {
        guard !system.members.isEmpty else { return }
        let heads = system.members.filter { CanonicalText.equals($0[.relation], "户主") }
        let headID = system[.headID]
        // A relation that is an unknown code may be the 户主: not "no head" (value.invalid / vocabulary.unknown say it).
        if heads.isEmpty, !system.members.contains(where: { $0.fields.isInvalid(.relation) }) {
            sink.emit(.householdHead, case: c, field: .relation, values: [(.system, "0")], message: "系统中该户没有与户主关系为“户主”的成员")
        } else if heads.count > 1 {
            sink.emit(.householdHead, case: c, field: .relation, values: [(.system, heads.map { $0[.name] ?? "" }.joined(separator: "、"))],
                      message: "系统中该户有\(heads.count)名户主：\(heads.map { $0[.name] ?? "" }.joined(separator: "、"))")
        } else if let headID, let head = heads.first, let memberID = head[.idNumber], memberID != headID {
            sink.emit(.householdHead, case: c, field: .headID, values: [(.system, system.fields[.headID]?.raw ?? ""), ("members", memberID)],
                      message: "户主身份证号\(headID)与户主成员\(head[.name] ?? "")的身份证号\(memberID)不一致")
        }
    }

    private func checkCause(_ c: HouseholdCase, _ system: HouseholdRecord, context: RuleContext, sink: inout FindingSink) {
        guard let cause = system[.cause], !system.members.isEmpty else { return }
        let members = system.members
        var problem: String?
        switch cause {
        case "因病":
            if members.allSatisfy({ MemberFacts.health($0[.health], contains: "健康") || !$0.fields.isInvalid(.health) && $0[.health] == nil }),
                !members.contains(where: { MemberFacts.health($0[.health], contains: "长期慢性病") || MemberFacts.health($0[.health], contains: "患有大病") })
            {
                problem = "致贫原因为因病，但成员均健康"
            }
        case "因学":
            if !members.contains(where: { MemberFacts.isStudent($0[.inSchool]) || $0.fields.isInvalid(.inSchool) }) {
                problem = "致贫原因为因学，但无在校生"
            }
        case "因残":
            if !members.contains(where: { MemberFacts.health($0[.health], contains: "残疾") || $0.fields.isInvalid(.health) }) {
                problem = "致贫原因为因残，但无残疾成员"
            }
        default:
            break
        }
        if let problem {
            sink.emit(.householdCause, case: c, field: .cause, values: [(.system, system.fields[.cause]?.raw ?? cause)], message: problem)
        }
    }

    private func checkCadre(_ c: HouseholdCase, _ system: HouseholdRecord, sink: inout FindingSink) {
        guard MemberFacts.isRegistered(system[.status]) else { return }
        guard let cadre = system[.cadreName] else {
            sink.emit(.householdNoCadre, case: c, field: .cadreName, values: [(.system, "")], message: "建档立卡户未落实帮扶责任人")
            return
        }
        if system.members.contains(where: { $0[.name] == cadre }) {
            sink.emit(.householdNoCadre, case: c, field: .cadreName, values: [(.system, cadre)], message: "帮扶责任人\(cadre)是本户成员")
        }
    }
}
