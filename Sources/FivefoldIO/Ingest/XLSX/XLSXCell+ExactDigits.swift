// ID columns (户编号, 身份证号, 问题编号) often reach us as number cells because a spreadsheet
// parsed them. A spreadsheet keeps 15 significant digits: a 16-digit 户编号 comes back rounded
// (5202031012020002 → 5202031012020000) and an 18-digit 身份证号 as 5.20203197709083E+017.
// Such a value must never be taken for the ID. The test is on the stored decimal text, not on a
// Double: the value is exact only if it has at most 15 significant digits and at most 15 digits
// in all (a 16-digit number whose 16th digit is 0 may still be a rounded one).

extension XLSXCell {
    /// The digits of a number cell holding a non-negative integer that is certainly exact: at
    /// most 15 significant digits and at most 15 digits in all (`520203101202` for
    /// `520203101202`, `123` for `1.23E+2`). Nil for every other number (fractions, negative
    /// numbers, 16 digits or more) and for non-number cells: a text cell is not a number, its
    /// text is the ID.
    public var exactIntegerDigits: String? {
        guard case .number(let stored) = self, let decimal = XLSXCell.decimalDigits(stored) else { return nil }
        var digits = decimal.digits
        // Integer part = the first `pointPosition` digits (padded with zeros).
        let point = decimal.pointPosition
        guard point >= 0 else { return digits.allSatisfy({ $0 == "0" }) ? "0" : nil }
        if digits.count > point {
            guard digits[point...].allSatisfy({ $0 == "0" }) else { return nil }
            digits.removeSubrange(point...)
            if digits.isEmpty { digits = ["0"] }
        } else {
            digits += [Character](repeating: "0", count: point - digits.count)
        }
        while digits.count > 1 && digits.first == "0" { digits.removeFirst() }
        let significant = digits.drop(while: { $0 == "0" }).reversed().drop(while: { $0 == "0" }).count
        guard digits.count <= 15, significant <= 15, !decimal.negative || significant == 0 else { return nil }
        return String(digits)
    }

    /// A decimal literal (`-12.5`, `5.20203197709083E+017`) as its digits without the point and
    /// the position of the point after the exponent is applied (`1.23E+2` → 123, 3); nil when
    /// `text` is not a plain decimal number.
    static func decimalDigits(_ text: String) -> (negative: Bool, digits: [Character], pointPosition: Int)? {
        var chars = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if chars.first == "-" || chars.first == "+" {
            negative = chars.first == "-"
            chars = chars.dropFirst()
        }
        var exponent = 0
        if let e = chars.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let value = Int(chars[chars.index(after: e)...]), abs(value) < 400 else { return nil }
            exponent = value
            chars = chars[..<e]
        }
        let parts = chars.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !chars.isEmpty, chars != "." else { return nil }
        let integer = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        guard (integer + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (negative, Array(integer + fraction), integer.count + exponent)
    }
}
