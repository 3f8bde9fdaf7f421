// The numeric kinds of FieldNormalizer: whole numbers, years and quantities with units.
//
// Numbers arrive with full-width digits, thousands separators, count words ("3人") and units
// ("1.2万元", "800斤"). They are converted exactly (see `ExactDecimal`) and printed as plain
// decimals, so that "12000" from one source and "1.2万元" from another compare equal as text.

extension FieldNormalizer {
    /// Whole numbers: "３" → "3", "3人" → "3", "1,200" → "1200", "3.0" → "3".
    func normalizeInteger(_ text: String) -> Outcome {
        let compact = FieldNormalizer.removingSpaces(text)
        let (number, suffix) = FieldNormalizer.splitNumber(compact)
        guard suffix.isEmpty || vocabulary.isCountSuffix(String(suffix)),
            let value = ExactDecimal.parse(number.utf8)
        else {
            if number.isEmpty, let n = chineseCount(compact) { return .value(String(n)) }
            if suffix.isEmpty && FieldNormalizer.isTooLong(number) { return .problem("数值过大: \(text)") }
            return .problem("不是有效整数: \(text)")
        }
        guard value.isIntegral else { return .problem("不是整数: \(text)") }
        return .value(value.plainText)
    }

    /// A count or age in Chinese numerals, with or without a count word after it (四, 四人,
    /// 六十五岁, 三个月): `ChineseNumeral`.
    func chineseCount(_ text: String) -> Int? {
        if let n = ChineseNumeral.value(text) { return n }
        var cut = text.endIndex
        while cut > text.startIndex {
            cut = text.index(before: cut)
            if vocabulary.isCountSuffix(String(text[cut...])), let n = ChineseNumeral.value(text[..<cut]) { return n }
        }
        return nil
    }

    /// Four-digit years: "2016", "2016年", "2016年度", "2016.0".
    func normalizeYear(_ text: String) -> Outcome {
        var compact = Substring(FieldNormalizer.removingSpaces(text))
        if compact.hasSuffix("年度") {
            compact = compact.dropLast(2)
        } else if compact.hasSuffix("年") {
            compact = compact.dropLast()
        }
        guard let year = ExactDecimal.parse(compact.utf8)?.intValue ?? ChineseNumeral.year(compact),
            (1000...9999).contains(year)
        else { return .problem("不是有效年份: \(text)") }
        return .value(String(year))
    }

    /// Decimals in the field's canonical unit: "1.2万元" → "12000", "800斤" → "400" (公斤).
    func normalizeQuantity(_ text: String, unit canonical: String) -> Outcome {
        var compact = Substring(FieldNormalizer.removingSpaces(text))
        if let first = compact.unicodeScalars.first, first == "¥" || first == "￥" {
            compact = Substring(compact.unicodeScalars.dropFirst())
        }
        let (number, unitText) = FieldNormalizer.splitNumber(compact)
        guard let value = ExactDecimal.parse(number.utf8) else {
            if FieldNormalizer.isTooLong(number) { return .problem("数值过大: \(text)") }
            return .problem("不是有效数值: \(text) (应为以\(canonical)计的数)")
        }
        if unitText.isEmpty { return .value(value.plainText) }
        let factor: ExactDecimal
        if let unit = vocabulary.unit(String(unitText)) {
            if unit.canonical == canonical {
                factor = unit.exactFactor
            } else if let scaled = scaledFactor(unit, to: canonical) {
                factor = scaled
            } else {
                return .problem("单位不符: \(text) (应为\(canonical))")
            }
        } else if TextNormalizer.lookupKey(String(unitText)) == TextNormalizer.lookupKey(canonical) {
            factor = ExactDecimal(significand: 1, exponent: 0)
        } else {
            return .problem("无法识别的单位: \(text) (应为\(canonical))")
        }
        guard let converted = value.multiplied(by: factor) else {
            return .problem("数值过大: \(text)")
        }
        return .value(converted.plainText)
    }

    // MARK: - Helpers

    /// The factor from `unit` to a field whose canonical unit is itself a spelling of another
    /// unit of the same kind, a power of ten of it: a registry's 注册资本(万元) is counted in 万元,
    /// which the vocabulary knows as 10000 元, so a cell written "50万元" is 50 and "500000元"
    /// is 50. Nil when `canonical` is no such spelling or `unit` measures something else.
    func scaledFactor(_ unit: Vocabulary.Unit, to canonical: String) -> ExactDecimal? {
        guard let target = vocabulary.unit(canonical), target.canonical == unit.canonical,
            let shift = target.exactFactor.powerOfTen
        else { return nil }
        return ExactDecimal(significand: unit.exactFactor.significand, exponent: unit.exactFactor.exponent - shift)
    }

    /// True for a plain number with more significant digits than `ExactDecimal` holds (18).
    static func isTooLong(_ number: Substring) -> Bool {
        var digits = 0
        var leading = true
        for byte in number.utf8 {
            switch byte {
            case 0x30 where leading: continue
            case 0x30...0x39:
                leading = false
                digits += 1
            case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"): continue
            default: return false
            }
        }
        return digits > 18
    }

    /// Folded text without its (single) spaces: "3,500 元" → "3,500元".
    static func removingSpaces(_ text: String) -> String {
        text.utf8.contains(0x20) ? String(text.unicodeScalars.filter { $0 != " " }) : text
    }

    /// Splits at the first character that cannot belong to a number (`0-9 , . + -`):
    /// "1.2万元" → ("1.2", "万元").
    static func splitNumber<S: StringProtocol>(_ text: S) -> (number: S.SubSequence, rest: S.SubSequence) {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            switch utf8[index] {
            case 0x30...0x39, UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
                index = utf8.index(after: index)
            default:
                return (text[text.startIndex..<index], text[index...])
            }
        }
        return (text[...], text[text.endIndex...])
    }
}
