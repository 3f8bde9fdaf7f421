// RegionCode is the 12-digit statistical division code that keys villages and routes worklists.
//
// Worklists go township → village → cadre, village incidence is computed per code, and a
// province run is partitioned by county prefix (SPEC §9), so the code must be validated once and
// then taken apart cheaply. The structure is the National Bureau of Statistics' 统计用区划代码:
// province 2, city 2, county 2, township 3, village 3; village parts 001–199 are urban
// 居民委员会 and 200–399 rural 村民委员会.

/// A validated 12-digit village-level administrative region code.
public struct RegionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Why text is not a valid village-level region code.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// The text that was checked, folded.
        public let text: String
        /// The reason in Chinese, e.g. "应为12位数字".
        public let reason: String

        /// `不是有效行政区划代码: <text> (<reason>)`.
        public var description: String { "不是有效行政区划代码: \(text) (\(reason))" }
    }

    /// The 12 digits.
    public let digits: String

    /// A code, or nil when `text` is not a valid village-level code (see `validate(_:)`).
    public init?(_ text: String) {
        guard case .success(let code) = RegionCode.validate(text) else { return nil }
        self = code
    }

    private init(validDigits: String) {
        self.digits = validDigits
    }

    /// Validates text as a village-level code and says why when it is not one.
    ///
    /// Full-width digits are folded and white space removed. A valid code has exactly 12 ASCII
    /// digits, a province part of 11–91, a city part other than 00, and non-zero township and
    /// village parts (a county part of 00 is legal: cities such as 东莞 have no county level).
    public static func validate(_ text: String) -> Result<RegionCode, Problem> {
        let folded = TextNormalizer.lookupKey(text)
        let bytes = Array(folded.utf8)
        func fail(_ reason: String) -> Result<RegionCode, Problem> {
            .failure(Problem(text: TextNormalizer.fold(text), reason: reason))
        }
        guard bytes.count == 12, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return fail("应为12位数字")
        }
        func part(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        guard (11...91).contains(part(0..<2)) else { return fail("省级代码无效") }
        guard part(2..<4) != 0 else { return fail("地级代码为00") }
        guard part(6..<9) != 0 else { return fail("乡级代码为000") }
        guard part(9..<12) != 0 else { return fail("不是村级代码(村级部分为000)") }
        return .success(RegionCode(validDigits: folded))
    }

    /// Province part, digits 1–2 ("52" for 贵州).
    public var province: String { slice(0, 2) }
    /// City (prefecture) part, digits 3–4.
    public var city: String { slice(2, 4) }
    /// County part, digits 5–6.
    public var county: String { slice(4, 6) }
    /// Township part, digits 7–9.
    public var township: String { slice(6, 9) }
    /// Village part, digits 10–12.
    public var village: String { slice(9, 12) }

    /// The 4-digit city code (province + city).
    public var cityCode: String { slice(0, 4) }
    /// The 6-digit county code (province + city + county): the partition key of SPEC §9.
    public var countyCode: String { slice(0, 6) }
    /// The 9-digit township code: the worklist routing key.
    public var townshipCode: String { slice(0, 9) }

    /// The village part as a number, 1…999.
    public var villageNumber: Int { Int(village)! }  // validated: three ASCII digits

    /// True for a rural village committee (村民委员会): village part 200–399.
    public var isRuralVillage: Bool { (200...399).contains(villageNumber) }

    /// True for an urban residents' committee (居民委员会): village part 001–199.
    public var isUrbanCommunity: Bool { (1...199).contains(villageNumber) }

    /// The 12 digits.
    public var description: String { digits }

    /// Orders codes by their digits, which groups them by province, city, county and township.
    public static func < (a: RegionCode, b: RegionCode) -> Bool { a.digits < b.digits }

    private func slice(_ from: Int, _ to: Int) -> String {
        let utf8 = digits.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: from)
        let end = utf8.index(utf8.startIndex, offsetBy: to)
        return String(digits[start..<end])
    }
}
