// Defects that live in the department registries (a member who died, is on the public payroll,
// owns a car, a flat or a company: 比对排除), exited households that fail the exit standard
// (错退), and a poor-looking household the register missed (漏评). Exit defects are written in
// every source that carries the field, so that no trusted source can "correct" them away.

import FivefoldModel
import Foundation

extension DefectPlanter {
    func registryHit(_ kind: DefectKind, _ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        var rng = SplitMix64(seed: factory.seed, index: UInt64(h.index), stream: 0x5245_4749)
        let adults = h.members.indices.filter { h.members[$0].age(at: asOf) >= 20 }
        let pool = adults.isEmpty ? Array(h.members.indices) : adults
        let j: Int
        if kind == .registryDeceased {
            j = h.members.indices.max { h.members[$0].age(at: asOf) < h.members[$1].age(at: asOf) }!
        } else {
            j = pool[variant % pool.count]
        }
        let m = h.members[j]
        let cells: [String]
        let table: GeneratedSource
        let note: String
        switch kind {
        case .registryDeceased:
            let date = SyntheticDate(year: rng.chance(0.5) ? 2019 : 2020, month: rng.int(in: 1...11), day: rng.int(in: 1...28))
            (table, cells, note) = (.deaths, [m.id, m.name, date.iso], "died \(date.iso), still listed")
        case .publicEmployee:
            let employer = h.county + rng.pick(NamePools.employers)
            (table, cells, note) = (.publicEmployees, [m.id, m.name, employer], "on the public payroll at \(employer)")
        case .vehicle:
            let type = rng.pick(NamePools.cars)
            let plate = "贵" + String(Array("ABCDEFGHJK")[rng.below(10)]) + String(format: "%05d", rng.below(100_000))
            (table, cells, note) = (.vehicles, [m.id, plate, type], "owns a \(type) \(plate)")
        case .property:
            let address = "\(h.county)城区\(rng.pick(NamePools.placeFirst))\(rng.pick(["苑", "城", "小区", "花园"]))\(rng.int(in: 1...20))栋\(rng.int(in: 1...3))单元\(rng.int(in: 1...18))0\(rng.int(in: 1...4))"
            let area = "\(rng.int(in: 60...140)).\(rng.below(10))"
            (table, cells, note) = (.property, [m.id, address, area], "owns commercial housing at \(address)")
        default:
            let capital = rng.pick([10, 20, 30, 50, 100, 200])
            let company = "\(h.county)\(rng.pick(NamePools.placeFirst))\(rng.pick(NamePools.placeSecond))\(rng.pick(["种养殖", "建材", "商贸", "运输"]))有限公司"
            (table, cells, note) = (.businesses, [m.id, company, String(capital)], "owns \(company), registered capital \(capital)万元")
        }
        s.registryRows.append((table, cells))
        return record(&s, kind.rule, member: m.id, source: table, note: note)
    }

    func exitDefect(_ kind: DefectKind, _ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system, h.status == "已脱贫", let year = h.exitYear else { return false }
        switch kind {
        case .exitIncome:
            let line = PovertyLineTable.line(year)
            let income = line - 50 - variant % 550
            s.modify([.system, .archive, .wall, .interview, .verification]) { $0.income = income }
            return record(&s, kind.rule, field: .incomePerCapita, source: .system,
                          note: "exited \(year) with \(income) yuan, below that year's line \(line), in every source")
        case .exitHousing:
            let grade = variant % 3 == 0 ? "D" : "C"
            s.modify([.system, .archive, .interview, .verification]) { $0.houseGrade = grade }
            // The unsafe house is on the renovation programme (household.measures stays quiet).
            s.modify([.system, .archive, .wall]) { h in
                if !h.measures.contains("危房改造") && !h.measures.contains("易地扶贫搬迁") { h.measures = NamePools.sorted(h.measures + ["危房改造"]) }
            }
            return record(&s, kind.rule, field: .houseGrade, source: .system, note: "exited with house grade \(grade), confirmed on inspection")
        case .exitEducation:
            guard let j = pickMember(h, variant, { m in
                let age = m.age(at: asOf)
                return age >= 6 && age <= 15 && m.isStudent
            }) else { return false }
            let education = h.members[j].age(at: asOf) >= 13 ? "小学" : "文盲或半文盲"
            s.modify([.system, .archive, .interview, .hukou]) {
                $0.members[j].inSchool = nil
                $0.members[j].education = education
            }
            return record(&s, kind.rule, member: h.members[j].id, field: .inSchool, source: .system,
                          note: "aged \(h.members[j].age(at: asOf)), out of school in every source and not on the student roll")
        default:
            guard let j = pickMember(h, variant, allowHead: true) else { return false }
            s.modify([.system, .archive, .interview, .insurance]) { $0.members[j].insured = false }
            return record(&s, kind.rule, member: h.members[j].id, field: .medicalInsured, source: .system,
                          note: "未参保 in the system and the insurance registry")
        }
    }

    /// `monitor.edge`: income in the monitoring band [line, monitoring line) for an exited
    /// household (variant 0) or an 边缘户 (1), or an 边缘户 below the line (2: suspected 漏评), the
    /// same in every source that carries income.
    func monitorEdge(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        guard let h = s.system else { return false }
        let line = PovertyLineTable.current, upper = PovertyLineTable.monitoringLine
        switch variant % 3 {
        case 0, 1:
            guard h.status == (variant % 3 == 0 ? "已脱贫" : "边缘户") else { return false }
            // The line itself is in the band; the last yuan below the monitoring line too.
            let income = [line, upper - 1, line + (variant / 9) % (upper - line)][(variant / 3) % 3]
            s.modify([.system, .archive, .wall, .interview, .verification]) { $0.income = income }
            return record(&s, RuleID.monitorEdge.rawValue, field: .incomePerCapita, source: .system,
                          note: "\(h.status) with income \(income) in [\(line), \(upper)): on the monitoring list (info)")
        default:
            guard h.status == "边缘户" else { return false }
            let income = line - 1 - (variant / 3) % 2200
            s.modify([.system, .archive, .wall, .interview, .verification]) { $0.income = income }
            return record(&s, RuleID.monitorEdge.rawValue, field: .status, source: .system,
                          note: "边缘户 with income \(income) below the line \(line): suspected 漏评")
        }
    }

    func unregisteredPoor(_ variant: Int, _ s: inout HouseholdSources) -> Bool {
        let poor = factory.unregistered(after: s.truth.index, ordinal: 3, poorLooking: true)
        s.unregistered.append(poor)
        return record(&s, RuleID.identifyFourLooks.rawValue, member: poor.headName, field: .status, source: .interview,
                      note: "unregistered interview household (blank 户编号) that looks poor: score \(HouseholdInvariants.fourLooksScore(poor)) (漏评)",
                      household: poor)
    }
}
