// The vocabulary of realistic content: surnames weighted as in south-west China, given-name
// characters by sex, a few minority names written with the middle dot, ethnicities of Guizhou,
// and the place-name syllables townships and villages are built from. Cadres and inspectors draw
// their given names from characters no villager's name uses, so a clean household can never have
// a member who happens to share its cadre's name (which `household.no_cadre` would flag).

/// Static word lists the generator draws names and places from.
public enum NamePools {
    /// Common surnames and relative weights.
    static let surnames: [String] = [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗",
        "高", "林", "龙", "石", "韦", "熊", "蒙", "田", "彭", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
        "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "廖", "邓", "冉",
        "向", "欧", "伍", "雷", "安", "卯",
    ]
    static let surnameWeights: [Int] = [
        70, 68, 60, 50, 45, 45, 30, 28, 28, 22, 20, 19, 18, 17, 17, 15, 15, 15,
        13, 12, 14, 12, 12, 10, 8, 10, 8, 8, 7, 7, 7, 7, 6, 6, 6, 6,
        5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        3, 3, 3, 3, 3, 2,
    ]

    /// Given-name characters for men.
    static let maleGiven: [String] = Array("德明军建国华志强伟平文斌勇涛杰龙飞刚永福光荣兵海峰波辉俊宇浩然鹏博成林松山江武").map(String.init)
    /// Given-name characters for women.
    static let femaleGiven: [String] = Array("桂芬英秀兰梅丽娟翠霞燕琴凤珍玉莲红艳萍慧敏静婷雪倩月春菊芳娥妹花素").map(String.init)
    /// Given-name characters for cadres and inspectors: disjoint from both lists above.
    static let officialGiven: [String] = Array("振毅晨锋睿卓哲彬渊钧骏瑾璐琳瑶怡").map(String.init)

    /// Minority names written with the middle dot (U+00B7), by sex; generated names of the same
    /// households stay GBK-encodable.
    static let dottedMale: [String] = ["买买提·艾力", "吐尔洪·司马义", "阿西·木呷", "沙马·拉且", "吉克·尔布", "艾则孜·吾拉木"]
    static let dottedFemale: [String] = ["阿依古丽·买买提", "热依拉·吐尔逊", "吉克·阿呷", "古丽娜·艾力", "阿苏·史玛", "帕提古丽·艾则孜"]

    /// Ethnicities and weights (Guizhou).
    static let ethnicities: [String] = ["汉族", "苗族", "布依族", "侗族", "土家族", "彝族", "仡佬族", "水族", "回族"]
    static let ethnicityWeights: [Int] = [62, 12, 8, 6, 4, 3, 2, 2, 1]

    /// Syllables for township and village names.
    static let placeFirst: [String] = Array("青安新大小平龙凤石岩花松柳杨马牛白黑红黄高长中上下东西南北金银").map(String.init)
    static let placeSecond: [String] = Array("菜乐寨坪山坡坝沟塘湾河口田岭冲院堡岗井桥林").map(String.init)

    /// Counties (贵州): 6-digit code and name. Real codes, used as the region prefix.
    static let counties: [(code: String, name: String)] = [
        ("520203", "六枝特区"), ("520221", "水城县"), ("520281", "盘州市"), ("520322", "桐梓县"),
        ("520324", "正安县"), ("520402", "西秀区"), ("520423", "镇宁布依族苗族自治县"), ("520521", "大方县"),
        ("520524", "织金县"), ("520526", "威宁彝族回族苗族自治县"), ("520621", "江口县"), ("520627", "沿河土家族自治县"),
        ("522301", "兴义市"), ("522323", "普安县"), ("522622", "黄平县"), ("522627", "天柱县"),
        ("522701", "都匀市"), ("522728", "罗甸县"), ("520111", "花溪区"), ("520123", "修文县"),
    ]

    /// Employers on the public payroll (财政供养), by county name suffix.
    static let employers: [String] = ["县教育局", "县人民医院", "镇人民政府", "县农业农村局", "县财政局", "县公安局", "镇中心小学"]
    /// Vehicle types that disqualify, and ones the pipeline exempts by default.
    static let cars: [String] = ["小型轿车", "小型普通客车", "小型越野客车", "轻型普通货车"]
    static let exemptVehicles: [String] = ["普通二轮摩托车", "正三轮摩托车", "农用车", "三轮车"]
    /// Help measures (帮扶措施).
    static let measures: [String] = ["产业扶持", "小额信贷", "技能培训", "危房改造", "医疗救助", "教育资助", "低保兜底", "就业扶贫", "易地扶贫搬迁", "生态补偿"]
    /// Measures in the pool's order (as the factory writes them).
    static func sorted(_ items: [String]) -> [String] {
        items.sorted { (measures.firstIndex(of: $0) ?? measures.count) < (measures.firstIndex(of: $1) ?? measures.count) }
    }
    /// Measures no particular need calls for (the others follow the household's need).
    static let optionalMeasures: [String] = ["产业扶持", "小额信贷", "技能培训", "就业扶贫", "生态补偿"]
}
