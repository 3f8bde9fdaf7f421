// The files of a generated dataset and how each is written (SPEC §3): path, header, encoding,
// byte-order mark and line terminator. Batches render into one buffer per file; the writer
// concatenates them in order between each file's prologue and epilogue.

/// One file of a generated dataset.
public enum OutputFile: Int, CaseIterable, Sendable {
    case systemHouseholds, systemMembers, archive, wall, interview, inspection
    case hukou, deaths, publicEmployees, vehicles, property, businesses, students, insurance
    case truth, noise

    /// Path relative to the dataset folder.
    public var path: String {
        switch self {
        case .systemHouseholds: return "system/households.csv"
        case .systemMembers: return "system/members.csv"
        case .archive: return "archive/archive.xml"
        case .wall: return "wall/cards.csv"
        case .interview: return "interview/survey.xml.gz"
        case .inspection: return "verification/inspection.csv"
        case .hukou: return "verification/registry/hukou.csv"
        case .deaths: return "verification/registry/deaths.csv"
        case .publicEmployees: return "verification/registry/public_employees.csv"
        case .vehicles: return "verification/registry/vehicles.csv"
        case .property: return "verification/registry/property.csv"
        case .businesses: return "verification/registry/businesses.csv"
        case .students: return "verification/registry/students.csv"
        case .insurance: return "verification/registry/insurance.csv"
        case .truth: return "truth.csv"
        case .noise: return "noise.csv"
        }
    }

    /// CSV header cells (nil for XML files).
    public var header: [String]? {
        switch self {
        case .systemHouseholds:
            return ["户编号", "行政区划代码", "县", "乡镇", "村", "户主姓名", "户主身份证号", "家庭人口数", "脱贫状态", "贫困户属性",
                    "识别年度", "脱贫年度", "主要致贫原因", "人均纯收入", "住房安全等级", "住房面积", "粮食产量", "饮水安全", "六型类别",
                    "帮扶责任人", "责任人电话", "帮扶措施"]
        case .systemMembers:
            return ["户编号", "身份证号", "姓名", "与户主关系", "性别", "出生日期", "民族", "文化程度", "在校生状况", "健康状况", "劳动技能",
                    "务工时间", "参加医保"]
        case .wall:
            return ["户编号", "户主姓名", "家庭人口数", "家庭成员", "脱贫状态", "贫困户属性", "主要致贫原因", "人均纯收入", "帮扶责任人",
                    "责任人电话", "帮扶措施"]
        case .inspection: return ["户编号", "住房安全等级", "住房面积", "粮食产量", "饮水安全", "人均纯收入", "核查人", "核查日期"]
        case .hukou: return ["身份证号", "姓名", "性别", "出生日期", "户编号"]
        case .deaths: return ["身份证号", "姓名", "死亡日期"]
        case .publicEmployees: return ["身份证号", "姓名", "单位"]
        case .vehicles: return ["身份证号", "号牌号码", "车辆类型"]
        case .property: return ["身份证号", "房屋坐落", "建筑面积"]
        case .businesses: return ["身份证号", "企业名称", "注册资本(万元)"]
        case .students: return ["身份证号", "学段"]
        case .insurance: return ["身份证号", "参保状态"]
        case .truth: return TruthRow.header
        case .noise: return NoiseRow.header
        case .archive, .interview: return nil
        }
    }

    /// Whether the file is GBK (the archive and the wall, as typed on Chinese Windows).
    public var isGBK: Bool { self == .archive || self == .wall }

    /// Line terminator: CRLF for what comes from spreadsheets and the system export, LF otherwise.
    public var lineTerminator: String {
        switch self {
        case .systemHouseholds, .wall, .inspection: return "\r\n"
        default: return "\n"
        }
    }

    /// A UTF-8 byte-order mark starts the file (the system's household export).
    public var hasBOM: Bool { self == .systemHouseholds }

    /// Bytes before the first batch (in UTF-8; GBK files are transcoded by the writer).
    public var prologue: String {
        switch self {
        case .archive: return "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<档案>\n"
        case .interview: return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submissions>\n"
        default:
            guard let header else { return "" }
            var buffer = TextBuffer()
            buffer.csvRow(header, terminator: lineTerminator)
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
    }

    /// Bytes after the last batch.
    public var epilogue: String {
        switch self {
        case .archive: return "</档案>\n"
        case .interview: return "</submissions>\n"
        default: return ""
        }
    }
}
