// ExactDecimal does the little decimal arithmetic unit conversion needs, exactly.
//
// "1.2万元" must become "12000", not "12000.000000000002", and "75.50" must print as "75.5"
// on every platform, because normalised values are compared as text across sources and written
// to corrections. Binary floating point cannot promise that, and Foundation's `Decimal` is slow
// and prints differently across platforms; a significand and a power of ten are all that is
// needed to scale by 万 or 0.5 and print the plain result.

/// A decimal number `significand × 10^exponent` with at most 18 significant digits.
struct ExactDecimal: Hashable, Sendable {
    /// The digits, with the sign.
    var significand: Int64
    /// The power of ten.
    var exponent: Int

    /// Parses `[+-]digits[.digits]`, where the integer digits may be grouped by commas in
    /// threes ("3,500", "1,234,567.5"). Nil for anything else, or beyond 18 significant digits.
    static func parse(_ text: Substring.UTF8View) -> ExactDecimal? {
        var iterator = text.makeIterator()
        var next = iterator.next()
        var negative = false
        if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") {
            negative = next == UInt8(ascii: "-")
            next = iterator.next()
        }
        var significand: Int64 = 0
        var exponent = 0
        var digitCount = 0
        // Integer part, with comma grouping checked as it goes.
        var groupLength = 0
        var sawComma = false
        while let byte = next, byte == UInt8(ascii: ",") || (byte >= 0x30 && byte <= 0x39) {
            if byte == UInt8(ascii: ",") {
                // A comma needs 1–3 digits before it (first group) or exactly 3 (later groups).
                if groupLength == 0 || groupLength > 3 || (sawComma && groupLength != 3) { return nil }
                sawComma = true
                groupLength = 0
            } else {
                guard append(byte, to: &significand) else { return nil }
                groupLength += 1
                digitCount += 1
            }
            next = iterator.next()
        }
        if sawComma && groupLength != 3 { return nil }
        // Fraction: trailing zeros are held back so "75.5000000000000000000" does not overflow.
        if next == UInt8(ascii: ".") {
            next = iterator.next()
            var pendingZeros = 0
            while let byte = next, byte >= 0x30 && byte <= 0x39 {
                digitCount += 1
                if byte == 0x30 {
                    pendingZeros += 1
                } else {
                    for _ in 0..<pendingZeros {
                        guard append(0x30, to: &significand) else { return nil }
                    }
                    exponent -= pendingZeros + 1
                    pendingZeros = 0
                    guard append(byte, to: &significand) else { return nil }
                }
                next = iterator.next()
            }
        }
        guard next == nil, digitCount > 0 else { return nil }
        var value = ExactDecimal(significand: negative ? -significand : significand, exponent: exponent)
        value.normalize()
        return value
    }

    /// Parses a whole string (see `parse(_:)` on a UTF-8 view).
    static func parse(_ text: String) -> ExactDecimal? {
        parse(Substring(text).utf8)
    }

    /// The exact product, or nil when it needs more than 18 significant digits.
    func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        guard !overflow else { return nil }
        var value = ExactDecimal(significand: product, exponent: exponent + other.exponent)
        value.normalize()
        return value
    }

    /// n when the value is exactly 10^n (1, 10, 10000, 0.01), else nil.
    var powerOfTen: Int? {
        var digits = significand, shift = exponent
        guard digits > 0 else { return nil }
        while digits % 10 == 0 {
            digits /= 10
            shift += 1
        }
        return digits == 1 ? shift : nil
    }

    /// True when the value has no fractional part.
    var isIntegral: Bool { exponent >= 0 }

    /// The value as an `Int`, when it is integral and fits.
    var intValue: Int? {
        guard isIntegral, exponent <= 18 else { return nil }
        var value = Int(significand)
        for _ in 0..<exponent {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }

    /// Plain decimal text without exponent or trailing zeros: "12000", "75.5", "-0.25", "0".
    var plainText: String {
        if significand == 0 { return "0" }
        var digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        if exponent >= 0 {
            return sign + digits + String(repeating: "0", count: exponent)
        }
        let fractionLength = -exponent
        if digits.utf8.count <= fractionLength {
            digits = String(repeating: "0", count: fractionLength - digits.utf8.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -fractionLength)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// Moves trailing zeros of the significand into the exponent, so equal values are equal.
    private mutating func normalize() {
        if significand == 0 {
            exponent = 0
            return
        }
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
    }

    private static func append(_ digit: UInt8, to value: inout Int64) -> Bool {
        let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
        let (sum, o2) = shifted.addingReportingOverflow(Int64(digit - 0x30))
        if o1 || o2 || sum > 999_999_999_999_999_999 { return false }
        value = sum
        return true
    }
}
