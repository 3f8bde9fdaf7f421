/// A cell reference such as `AB12`, split into a 0-based column and a 1-based row.
enum XLSXCellReference {
    /// The last column a worksheet can have (XFD).
    static let maximumColumns = 16_384

    /// The 0-based column and the row of `reference`; the row is nil when the reference has
    /// only letters. Nil when the letters are missing or beyond XFD.
    static func parse(_ reference: String) -> (column: Int, row: Int?)? {
        var column = 0, letters = 0
        var rest = Array(reference.utf8)[...]
        while let byte = rest.first, let value = letterValue(byte) {
            column = column * 26 + value
            letters += 1
            guard column <= maximumColumns else { return nil }
            rest = rest.dropFirst()
        }
        guard letters > 0 else { return nil }
        guard !rest.isEmpty else { return (column - 1, nil) }
        guard rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let row = Int(String(decoding: rest, as: UTF8.self)) else { return nil }
        return (column - 1, row)
    }

    /// The column letters of 0-based `column` (0 → A, 27 → AB).
    static func letters(_ column: Int) -> String {
        var n = column + 1
        var out: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(out)
    }

    private static func letterValue(_ byte: UInt8) -> Int? {
        if byte >= 0x41 && byte <= 0x5A { return Int(byte) - 0x40 }
        if byte >= 0x61 && byte <= 0x7A { return Int(byte) - 0x60 }
        return nil
    }
}
