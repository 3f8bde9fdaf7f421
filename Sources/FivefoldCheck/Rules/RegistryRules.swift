import FivefoldModel

/// `registry.deceased` and the 比对排除 rules `eligibility.public_employee`, `.vehicle`,
/// `.property`, `.business`: department registries that contradict a registered member.
///
/// Exemptions are parameters: vehicle types that do not disqualify (default 摩托车, 农用车, 三轮车,
/// and the 公安 register's names for them, 三轮汽车, 低速…货车 and 拖拉机, matched as substrings so
/// 普通二轮摩托车 and 低速普通货车 are exempt) and the registered-capital limit in 万元.
public struct RegistryRules: CaseRule {
    public init() {}

    public func check(_ c: HouseholdCase, context: RuleContext, sink: inout FindingSink) {
        guard let system = c.system, !system.isMemberOnly else { return }
        let registries = context.registries
        let registered = MemberFacts.isRegistered(system[.status])
        let exemptVehicles = context.list(.eligibilityVehicle, "exempt_types")
        let capitalLimit = context.number(.eligibilityBusiness, "min_registered_capital")
        for m in system.members {
            // One look-up of the ID for all five registries (most members are in none of them).
            guard let id = m[.idNumber], let found = registries.rows(id: id) else { continue }
            let name = m[.name] ?? ""
            for (registry, row) in found where registry == .deaths {
                let date = row[.deathDate] ?? row.fields[.deathDate]?.raw ?? "日期不详"
                sink.emit(.registryDeceased, case: c, member: id, values: [("deaths", date)],
                          message: "\(name)已于\(date)死亡（死亡登记），仍在户成员中：核实后标注自然减少")
            }
            guard registered else { continue }
            for (registry, row) in found where registry == .publicEmployees {
                let employer = row[.employer] ?? ""
                sink.emit(.eligibilityPublicEmployee, case: c, member: id, values: [("public_employees", employer)],
                          message: "\(name)为财政供养人员（\(employer)）：核实是否属于识别不准")
            }
            for (registry, row) in found where registry == .vehicles {
                let type = row[.vehicleType] ?? ""
                guard !exemptVehicles.contains(where: { !$0.isEmpty && type.contains($0) }) else { continue }
                let plate = row[.plate] ?? ""
                sink.emit(.eligibilityVehicle, case: c, member: id, values: [("vehicles", "\(type) \(plate)")],
                          message: "\(name)名下有\(type)（\(plate)）：核实是否属于识别不准", discriminator: plate)
            }
            for (registry, row) in found where registry == .property {
                let address = row[.address] ?? ""
                sink.emit(.eligibilityProperty, case: c, member: id, values: [("property", address)],
                          message: "\(name)名下有商品房（\(address)）：核实是否属于识别不准", discriminator: address)
            }
            for (registry, row) in found where registry == .businesses {
                let capital = row[.registeredCapital].flatMap(Double.init)
                guard let capital, capital >= capitalLimit else { continue }
                let company = row[.company] ?? ""
                sink.emit(.eligibilityBusiness, case: c, member: id, values: [("businesses", "\(company) \(Self.format(capital))万元")],
                          message: "\(name)注册有企业\(company)（注册资本\(Self.format(capital))万元，不低于\(Self.format(capitalLimit))万元）：核实是否属于识别不准",
                          discriminator: company)
            }
        }
    }

    static func format(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(d)
    }
}
