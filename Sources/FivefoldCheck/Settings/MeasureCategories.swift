import FivefoldModel

/// The 帮扶措施 categories (`household.measures` `categories`): a measure item belongs to every
/// category one of whose keywords it contains (`易地扶贫搬迁` → 易地搬迁), so the free-text
/// measures that systems hold map onto the categories a need is checked against.
public enum MeasureCategories {
    /// The shipped table (our reading of the 六个到村到户 / 五个一批 measures, ASSUMPTION: a county
    /// adds its own wording in the pipeline).
    public static let defaults: [NamedList] = [
        NamedList("产业扶持", ["产业", "种植", "养殖", "入股分红", "扶贫车间", "特色农业"]),
        NamedList("就业帮扶", ["就业", "务工", "公益性岗位", "公益岗位", "技能培训", "劳务", "护林员"]),
        NamedList("教育资助", ["教育", "助学", "雨露计划", "营养餐", "学费", "奖学金", "控辍保学", "学生资助", "营养改善"]),
        NamedList("医疗救助", ["医疗", "医保", "健康扶贫", "大病", "慢病", "家庭医生", "先诊疗后付费"]),
        NamedList("危房改造", ["危房改造", "危改", "住房改造", "住房保障", "透风漏雨"]),
        NamedList("易地搬迁", ["搬迁"]),
        NamedList("低保兜底", ["低保", "兜底", "特困供养", "五保", "临时救助", "社会救助"]),
        NamedList("基础设施", ["基础设施", "通组路", "饮水", "道路", "电网", "水利", "人居环境"]),
        NamedList("金融扶贫", ["小额信贷", "信贷", "贷款", "特惠贷"]),
        NamedList("生态补偿", ["生态", "退耕还林"]),
    ]

    /// The categories of each item, in table order.
    public static func categories(of items: [String], table: [NamedList]) -> [String] {
        guard !items.isEmpty else { return [] }
        // Each item's bytes once, each keyword's once: not once per (item, keyword) pair.
        let texts = items.map { Array($0.utf8) }
        return table.filter { category in
            category.items.contains { keyword in
                var keyword = keyword
                return keyword.withUTF8 { k in texts.contains { text in text.withUnsafeBufferPointer { find(k, in: $0) } } }
            }
        }.map(\.name)
    }

    /// `categories(of: items(value), table:)` remembered per 帮扶措施 value: a province's
    /// households share a few hundred distinct values, and matching each value's items against
    /// every keyword cost ~11 000 instructions a household, twice (the rule and the coverage
    /// counts). Bounded: past `limit` distinct values, further ones are matched without keeping.
    /// Not thread-safe: one memo per batch (`RuleContext` locks its own).
    public final class Memo {
        public let table: [NamedList]
        private var known: [String: [String]] = [:]
        static let limit = 4096

        public init(table: [NamedList]) { self.table = table }

        public func categories(of value: String?) -> [String] {
            guard let value else { return [] }
            if let hit = known[value] { return hit }
            let result = MeasureCategories.categories(of: MeasureCategories.items(value), table: table)
            if known.count < Self.limit { known[value] = result }
            return result
        }
    }

    /// Whether `keyword` occurs in `text` (bytes).
    private static func find(_ k: UnsafeBufferPointer<UInt8>, in t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = k.first else { return true }
        guard k.count <= t.count else { return false }
        var i = 0
        let last = t.count - k.count
        while i <= last {
            if t[i] == first {
                var j = 1
                while j < k.count && t[i + j] == k[j] { j += 1 }
                if j == k.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether `text` contains `keyword`, compared on UTF-8 bytes. Written by hand because
    /// `String.contains(_:)` with a string argument is Foundation's on Linux and goes through
    /// CFString (a Unicode fold per character): it was ~12 % of the CPU of a 100 k run, every
    /// household's items being matched against ~60 keywords. Values and keywords are normalised
    /// text without combining marks, so a byte match is a character match.
    static func contains(_ text: String, _ keyword: String) -> Bool {
        var text = text
        var keyword = keyword
        return text.withUTF8 { t in keyword.withUTF8 { k in find(k, in: t) } }
    }

    /// The items of a normalised 帮扶措施 value (items joined by 、).
    public static func items(_ value: String?) -> [String] {
        guard let value else { return [] }
        return SetValue.items(value)
    }
}
