extension Character {
    /// 0–9 only (not full-width or other scripts' digits).
    package var isASCIIDigit: Bool { isASCII && isNumber }
}
