/// Whole numbers written in Chinese numerals, 0…999: 四, 两, 十五, 二十, 六十五, 一百零二, 一百一十.
///
/// A 明白卡 filled in by hand and typed in gives 家庭人口数 as 四, an interview written down as
/// said gives 年龄 六十五 and 务工时间 三个月; read as digits only, each was a value.invalid and
/// a false unify.mismatch with every other source. Positional forms (一零二) and larger units
/// (千, 万: no count or age here reaches them) are not numbers here.
public enum ChineseNumeral {
    /// The value of `text`, or nil when it is not such a numeral.
    public static func value<S: StringProtocol>(_ text: S) -> Int? {
        var chars = Array(text)
        guard !chars.isEmpty, chars.count <= 7 else { return nil }
        if chars == ["零"] || chars == ["〇"] { return 0 }
        var total = 0
        // Hundreds: d 百.
        if chars.count >= 2, chars[1] == "百" {
            guard let d = digit(chars[0]), d > 0 else { return nil }
            total = d * 100
            chars.removeFirst(2)
            // 一百零五: a 零 stands for the missing tens, and a units digit must follow.
            if chars.first == "零" || chars.first == "〇" {
                chars.removeFirst()
                guard chars.count == 1, let d = digit(chars[0]), d > 0 else { return nil }
                return total + d
            }
        }
        // Tens: (d) 十; the digit may be left out before 十 only at the start (十五).
        if let ten = chars.firstIndex(of: "十") {
            switch ten {
            case 0:
                guard total == 0 else { return nil }  // 一百十 is written 一百一十
                total += 10
            case 1:
                guard let d = digit(chars[0]), d > 0 else { return nil }
                total += d * 10
            default:
                return nil
            }
            chars.removeFirst(ten + 1)
        } else if total > 0 && !chars.isEmpty {
            return nil  // 一百五 (a spoken 150) is ambiguous: not read
        }
        // Units.
        if chars.isEmpty { return total }
        guard chars.count == 1, let d = digit(chars[0]), d > 0 else { return nil }
        return total + d
    }

    /// A year written digit by digit (二〇一四, 二零一四: as a year is said and written by hand),
    /// or nil.
    public static func year<S: StringProtocol>(_ text: S) -> Int? {
        guard text.count == 4 else { return nil }
        var value = 0
        for c in text {
            guard c != "两", let d = digit(c) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    /// A date written in Chinese numerals (二〇一六年三月五日, 二零一六年十二月三十一号) as
    /// `2016年3月5日`, or nil: the year digit by digit, month and day as numbers.
    public static func date(_ text: String) -> String? {
        guard let y = text.firstIndex(of: "年"), let m = text.firstIndex(of: "月"), y < m,
              let year = year(text[..<y]), let month = value(text[text.index(after: y)..<m]), (1...12).contains(month)
        else { return nil }
        var rest = text[text.index(after: m)...]
        if rest.last == "日" || rest.last == "号" { rest = rest.dropLast() }
        guard let day = value(rest), (1...31).contains(day) else { return nil }
        return "\(year)年\(month)月\(day)日"
    }

    private static func digit(_ c: Character) -> Int? {
        switch c {
        case "〇", "零": return 0
        case "一": return 1
        case "二", "两": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }
}
