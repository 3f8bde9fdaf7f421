// A 户编号 column that passed through pandas (a float column, because some cell was empty) or
// a spreadsheet's number format comes back as `5202031002010001.0`. Read as text, no key of that
// file matched any other source's: every household was missing everywhere and unregistered in
// the interview, with exit 0 (the sample: 152 findings instead of 59). A run of digits followed
// by a decimal point and zeros is such a rendering — no 户编号 has a fraction — so the key is
// read without it (and the run says how often it did).

/// The 户编号 as it reaches the model.
public enum HouseholdKey {
    /// `text` without a decimal suffix of zeros (`.0`, `.00`) after its digits, or nil when it
    /// has none (white space around it is the normaliser's business and is kept).
    public static func withoutDecimalZeros(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            var dot = end
            while dot > 0, bytes[dot - 1] == 0x30 { dot -= 1 }
            guard dot < end, dot > 0, bytes[dot - 1] == 0x2E else { return nil }
            let digitsEnd = dot - 1
            var start = 0
            while start < digitsEnd, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            guard start < digitsEnd, bytes[start..<digitsEnd].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<digitsEnd]), as: UTF8.self)
                + String(decoding: UnsafeBufferPointer(rebasing: bytes[end...]), as: UTF8.self)
        }
    }
}
