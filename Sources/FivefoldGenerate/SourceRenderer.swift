// Prints one household's per-source views into the batch buffers in each source's own layout
// (SPEC §3): the system's two CSV tables, the archive's nested XML, the wall card with names in
// one cell, the interview submission with told ages and 住房安全, the inspection row and the
// registry rows. Each cell is the source's override when there is one (noise, an unreadable
// value), else the canonical value as that source writes it — the archive leaves 在校生状况
// blank for non-students where the system writes 非在校生, the interview tells ages, and so on.

/// Renders `HouseholdSources` into per-file byte buffers.
public struct SourceRenderer: Sendable {
    public let asOf: SyntheticDate

    public init(asOf: SyntheticDate) {
        self.asOf = asOf
    }

    /// The canonical text of a household field as `source` writes it.
    func text(_ h: SyntheticHousehold, _ field: GeneratedField, source: GeneratedSource) -> String {
        switch field {
        case .householdID: return h.householdID
        case .regionCode: return h.regionCode
        case .county: return h.county
        case .township: return h.township
        case .village: return h.village
        case .headName: return h.headName
        case .headID: return h.headID
        case .size: return String(h.size)
        case .status: return h.status
        case .attribute: return h.attribute
        case .identifiedYear: return String(h.identifiedYear)
        case .exitYear: return h.exitYear.map(String.init) ?? ""
        case .cause: return h.cause
        case .incomePerCapita: return String(h.income)
        case .houseGrade: return h.houseGrade
        case .houseArea: return String(h.houseArea)
        case .grainKg: return String(h.grainKg)
        case .waterSafe: return h.waterSafe ? "是" : "否"
        case .householdType: return h.householdType
        case .cadreName: return h.cadreName
        case .cadrePhone: return h.cadrePhone
        case .measures: return h.measures.joined(separator: "、")
        case .satisfaction: return h.satisfaction
        case .houseSafe: return h.houseSafe
        case .memberNames: return h.members.map(\.name).joined(separator: "、")
        default: return ""
        }
    }

    /// Whether a preschool child is written as the national system does for half of them:
    /// 文化程度 学龄前儿童 and 在校生状况 blank (the other half: 在校生状况 学前), in every source.
    static func writesPreschool(_ m: SyntheticMember) -> Bool {
        m.inSchool == "学前" && m.education == nil && m.birth.day % 2 == 0
    }

    /// The canonical text of a member field as `source` writes it.
    func text(_ m: SyntheticMember, _ field: GeneratedField, source: GeneratedSource) -> String {
        switch field {
        case .idNumber: return m.id
        case .name: return m.name
        case .relation: return m.relation
        case .sex: return m.sex
        case .birthDate: return m.birth.iso
        case .age: return String(m.age(at: asOf))
        case .ethnicity: return m.ethnicity
        case .education: return Self.writesPreschool(m) ? "学龄前儿童" : m.education ?? ""
        case .inSchool: return Self.writesPreschool(m) ? "" : m.inSchool ?? (source == .archive ? "" : "非在校生")
        case .health: return m.healthText
        case .labor: return m.labor
        case .migrantMonths: return String(m.migrantMonths)
        case .medicalInsured: return m.insured ? "是" : "否"
        default: return ""
        }
    }

    static let systemHouseholdFields: [GeneratedField] = [
        .householdID, .regionCode, .county, .township, .village, .headName, .headID, .size, .status, .attribute,
        .identifiedYear, .exitYear, .cause, .incomePerCapita, .houseGrade, .houseArea, .grainKg, .waterSafe,
        .householdType, .cadreName, .cadrePhone, .measures,
    ]
    static let systemMemberFields: [GeneratedField] = [
        .idNumber, .name, .relation, .sex, .birthDate, .ethnicity, .education, .inSchool, .health, .labor,
        .migrantMonths, .medicalInsured,
    ]
    /// The archive lists 姓名 before 身份证号 (SPEC §3's example).
    static let archiveMemberFields: [GeneratedField] = [
        .name, .idNumber, .relation, .sex, .birthDate, .ethnicity, .education, .inSchool, .health, .labor,
        .migrantMonths, .medicalInsured,
    ]
    static let wallFields: [GeneratedField] = [
        .householdID, .headName, .size, .memberNames, .status, .attribute, .cause, .incomePerCapita, .cadreName,
        .cadrePhone, .measures,
    ]
    static let interviewFields: [GeneratedField] = [
        .householdID, .headName, .size, .incomePerCapita, .houseSafe, .grainKg, .waterSafe, .cadreName, .satisfaction,
    ]
    static let interviewMemberFields: [GeneratedField] = [
        .name, .age, .relation, .sex, .inSchool, .health, .labor, .migrantMonths, .medicalInsured,
    ]
    static let inspectionFields: [GeneratedField] = [.householdID, .houseGrade, .houseArea, .grainKg, .waterSafe, .incomePerCapita]

    /// Chinese element/column name of a field (SPEC §3 headers).
    static func chinese(_ field: GeneratedField) -> String {
        switch field {
        case .householdID: return "户编号"
        case .regionCode: return "行政区划代码"
        case .county: return "县"
        case .township: return "乡镇"
        case .village: return "村"
        case .headName: return "户主姓名"
        case .headID: return "户主身份证号"
        case .size: return "家庭人口数"
        case .status: return "脱贫状态"
        case .attribute: return "贫困户属性"
        case .identifiedYear: return "识别年度"
        case .exitYear: return "脱贫年度"
        case .cause: return "主要致贫原因"
        case .incomePerCapita: return "人均纯收入"
        case .houseGrade: return "住房安全等级"
        case .houseArea: return "住房面积"
        case .grainKg: return "粮食产量"
        case .waterSafe: return "饮水安全"
        case .householdType: return "六型类别"
        case .cadreName: return "帮扶责任人"
        case .cadrePhone: return "责任人电话"
        case .measures: return "帮扶措施"
        case .satisfaction: return "满意度"
        case .houseSafe: return "住房安全"
        case .memberNames: return "家庭成员"
        case .inspector: return "核查人"
        case .inspectionDate: return "核查日期"
        case .idNumber: return "身份证号"
        case .name: return "姓名"
        case .relation: return "与户主关系"
        case .sex: return "性别"
        case .birthDate: return "出生日期"
        case .age: return "年龄"
        case .ethnicity: return "民族"
        case .education: return "文化程度"
        case .inSchool: return "在校生状况"
        case .health: return "健康状况"
        case .labor: return "劳动技能"
        case .migrantMonths: return "务工时间"
        case .medicalInsured: return "参加医保"
        case .villageClass: return "贫困村类别"
        }
    }

    /// Renders every source's view of the household (and its unregistered neighbours).
    public func render(_ s: HouseholdSources, inspector: String, inspectionDate: SyntheticDate, into out: inout BatchOutput) {
        if let h = s.system { renderSystem(h, s, into: &out) }
        if let h = s.archive { renderArchive(h, s, into: &out) }
        if let h = s.wall { renderWall(h, s, into: &out) }
        if let h = s.interview { renderInterview(h, s, into: &out) }
        for u in s.unregistered { renderInterview(u, HouseholdSources(u), into: &out) }
        if let h = s.inspection {
            var b = out.buffer(.inspection)
            for (i, field) in Self.inspectionFields.enumerated() {
                b.csvCell(s.override(.verification, member: nil, field) ?? text(h, field, source: .verification), first: i == 0)
            }
            b.csvCell(s.override(.verification, member: nil, .inspector) ?? inspector)
            b.csvCell(s.override(.verification, member: nil, .inspectionDate) ?? inspectionDate.iso)
            b.append(OutputFile.inspection.lineTerminator)
            out.store(b, .inspection)
        }
        renderRegistries(s, into: &out)
        if !s.truthRows.isEmpty {
            var b = out.buffer(.truth)
            for row in s.truthRows { b.csvRow(row.cells, terminator: "\n") }
            out.store(b, .truth)
        }
        if !s.noiseRows.isEmpty {
            var b = out.buffer(.noise)
            for row in s.noiseRows { b.csvRow(row.cells, terminator: "\n") }
            out.store(b, .noise)
        }
    }

    private func renderSystem(_ h: SyntheticHousehold, _ s: HouseholdSources, into out: inout BatchOutput) {
        var b = out.buffer(.systemHouseholds)
        for (i, field) in Self.systemHouseholdFields.enumerated() {
            b.csvCell(s.override(.system, member: nil, field) ?? text(h, field, source: .system), first: i == 0)
        }
        b.append("\r\n")
        out.store(b, .systemHouseholds)
        var m = out.buffer(.systemMembers)
        for (j, member) in h.members.enumerated() {
            m.csvCell(s.override(.system, member: j, .householdID) ?? h.householdID, first: true)
            for field in Self.systemMemberFields {
                m.csvCell(s.override(.system, member: j, field) ?? text(member, field, source: .system))
            }
            m.append("\n")
        }
        out.store(m, .systemMembers)
        out.tally(village: h.villageIndex, members: h.members.count, registeredPoor: h.isRegisteredPoor)
    }

    private func renderArchive(_ h: SyntheticHousehold, _ s: HouseholdSources, into out: inout BatchOutput) {
        var b = out.buffer(.archive)
        b.append("<户 户编号=\"")
        b.escaped(s.override(.archive, member: nil, .householdID) ?? h.householdID, attribute: true)
        b.append("\">")
        for field in Self.systemHouseholdFields.dropFirst() {
            b.element(Self.chinese(field), s.override(.archive, member: nil, field) ?? text(h, field, source: .archive))
        }
        b.append("<成员列表>")
        for (j, member) in h.members.enumerated() {
            b.append("<成员>")
            for field in Self.archiveMemberFields {
                b.element(Self.chinese(field), s.override(.archive, member: j, field) ?? text(member, field, source: .archive))
            }
            b.append("</成员>")
        }
        b.append("</成员列表></户>\n")
        out.store(b, .archive)
    }

    private func renderWall(_ h: SyntheticHousehold, _ s: HouseholdSources, into out: inout BatchOutput) {
        var b = out.buffer(.wall)
        for (i, field) in Self.wallFields.enumerated() {
            b.csvCell(s.override(.wall, member: nil, field) ?? text(h, field, source: .wall), first: i == 0)
        }
        b.append("\r\n")
        out.store(b, .wall)
    }

    private func renderInterview(_ h: SyntheticHousehold, _ s: HouseholdSources, into out: inout BatchOutput) {
        var b = out.buffer(.interview)
        b.append("<submission>")
        for field in Self.interviewFields {
            b.element(Self.chinese(field), s.override(.interview, member: nil, field) ?? text(h, field, source: .interview))
        }
        b.append("<members>")
        for (j, member) in h.members.enumerated() {
            b.append("<member>")
            for field in Self.interviewMemberFields {
                b.element(Self.chinese(field), s.override(.interview, member: j, field) ?? text(member, field, source: .interview))
            }
            b.append("</member>")
        }
        b.append("</members></submission>\n")
        out.store(b, .interview)
        if h.householdID.isEmpty { out.unregistered += 1 }
    }

    private func renderRegistries(_ s: HouseholdSources, into out: inout BatchOutput) {
        let r = s.registry
        var hukou = out.buffer(.hukou)
        var students = out.buffer(.students)
        var insurance = out.buffer(.insurance)
        for (j, m) in r.members.enumerated() {
            hukou.csvCell(s.override(.hukou, member: j, .idNumber) ?? m.id, first: true)
            hukou.csvCell(s.override(.hukou, member: j, .name) ?? m.name)
            hukou.csvCell(s.override(.hukou, member: j, .sex) ?? m.sex)
            hukou.csvCell(s.override(.hukou, member: j, .birthDate) ?? m.birth.iso)
            hukou.csvCell(r.householdID)
            hukou.append("\n")
            if m.isStudent {
                students.csvCell(m.id, first: true)
                students.csvCell(m.inSchool!)
                students.append("\n")
            }
            insurance.csvCell(m.id, first: true)
            insurance.csvCell(m.insured ? "已参保" : "未参保")
            insurance.append("\n")
        }
        out.store(hukou, .hukou)
        out.store(students, .students)
        out.store(insurance, .insurance)
        for (table, cells) in s.registryRows {
            let file: OutputFile
            switch table {
            case .deaths: file = .deaths
            case .publicEmployees: file = .publicEmployees
            case .vehicles: file = .vehicles
            case .property: file = .property
            default: file = .businesses
            }
            var b = out.buffer(file)
            b.csvRow(cells, terminator: "\n")
            out.store(b, file)
        }
    }
}
