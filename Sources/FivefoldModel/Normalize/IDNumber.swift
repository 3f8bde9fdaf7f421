// IDNumber implements GB 11643-1999, the citizen identity number, as the sources write it.
//
// The ID number is the member key across the system, the archive and the cross-department
// registries, so it must be normalised before anything is matched: upper-case X, first-generation
// 15-digit numbers upgraded to 18 characters, typing noise (full-width digits, spaces, the leading
// apostrophe a spreadsheet uses to keep digits as text) removed. Parsing also decodes the birth
// date and sex that `id.birth_mismatch` and `id.sex_mismatch` compare.

/// GB 11643-1999 resident ID numbers: parsing, check characters and 15 → 18 upgrade.
///
/// Layout of the 18 characters: 6 region digits, 8 birth-date digits (yyyyMMdd), 3 sequence
/// digits whose last (digit 17) is odd for men and even for women, and a check character.
public enum IDNumber {
    /// The weights of the first 17 digits in the checksum, 2^(18-i) mod 11.
    public static let weights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// The check character for each value of Σ dᵢ·wᵢ mod 11.
    public static let checkCharacters: [Character] = Array("10X98765432")

    /// Birth years accepted inside an ID number; anything else is a typing error, not a person.
    public static let birthYears: ClosedRange<Int> = 1850...2100

    /// Parses an ID number as typed in any source.
    ///
    /// Full-width characters are folded, white space and a leading apostrophe removed, `x`
    /// upper-cased. A 15-digit number is upgraded: "19" inserted before its 2-digit birth year
    /// and the check character computed. The result tells a format problem (`id.format`: wrong
    /// length or characters, impossible birth date) from a wrong check character (`id.checksum`).
    public static func parse(_ raw: String) -> IDNumberCheck {
        parseClean(raw) ?? parseAny(raw)
    }

    /// `parse` for any text: folded, trimmed, upgraded, and every problem named.
    static func parseAny(_ raw: String) -> IDNumberCheck {
        var chars: [UInt8] = []
        chars.reserveCapacity(18)
        var count = 0
        var folded = TextNormalizer.fold(raw)
        // On the contiguous bytes (`withUTF8`): iterating `utf8` was a third of this function.
        folded.withUTF8 { bytes in
            var first = true
            for byte in bytes where byte != 0x20 {
                if first && byte == 0x27 { first = false; continue }  // spreadsheet text marker
                first = false
                count += 1
                if count <= 18 { chars.append(byte == 0x78 ? 0x58 : byte) }  // x → X
            }
        }
        if count == 0 { return IDNumberCheck(raw: raw, formatProblem: "为空") }

        switch count {
        case 18:
            if let bad = chars[0..<17].firstIndex(where: { !isDigit($0) }) {
                return IDNumberCheck(raw: raw, formatProblem: "第\(bad + 1)位“\(character(at: bad, in: raw))”不是数字（前17位应为数字）")
            }
            guard isDigit(chars[17]) || chars[17] == 0x58 else {
                return IDNumberCheck(raw: raw, formatProblem: "第18位“\(character(at: 17, in: raw))”应为数字或X")
            }
        case 15:
            if let bad = chars.firstIndex(where: { !isDigit($0) }) {
                return IDNumberCheck(raw: raw, formatProblem: "第\(bad + 1)位“\(character(at: bad, in: raw))”不是数字（15位身份证号应全为数字）")
            }
            // Upgrade: region(6) + "19" + yyMMdd sequence(3) + computed check character.
            chars.insert(contentsOf: [0x31, 0x39], at: 6)
            chars.append(0x30)  // placeholder, replaced below
        default:
            return IDNumberCheck(raw: raw, formatProblem: "应为15位或18位，实为\(count)位")
        }

        let birthValue = chars[6..<14].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let year = birthValue / 10_000
        var digits: String { String(decoding: chars[6..<14], as: UTF8.self) }  // for the messages only
        guard birthYears.contains(year) else {
            return IDNumberCheck(raw: raw, formatProblem: "出生日期\(digits)的年份\(year)不可能")
        }
        guard let birthDate = CivilDate(year: year, month: birthValue / 100 % 100, day: birthValue % 100) else {
            return IDNumberCheck(raw: raw, formatProblem: "出生日期\(digits)不存在")
        }

        let expected = checkCharacter(ofDigits: chars[0..<17])
        let wasUpgraded = count == 15
        if wasUpgraded { chars[17] = expected.asciiValue! }
        let sex = (chars[16] - 0x30) % 2 == 1 ? "男" : "女"
        return IDNumberCheck(
            raw: raw, normalized: String(decoding: chars, as: UTF8.self), expected: expected,
            wasUpgraded: wasUpgraded, birthDate: birthDate, sex: sex,
            regionPrefix: String(decoding: chars[0..<6], as: UTF8.self))
    }

    /// The check character of the first 17 digits of an ID number, or nil when `first17` is not
    /// exactly 17 ASCII digits.
    public static func checkCharacter(_ first17: String) -> Character? {
        let bytes = Array(first17.utf8)
        guard bytes.count == 17, bytes.allSatisfy(isDigit) else { return nil }
        return checkCharacter(ofDigits: bytes[...])
    }

    /// The 18-character form of a 15-digit first-generation number, or nil when `raw` is not
    /// 15 digits with a real birth date.
    public static func upgrade(_ raw: String) -> String? {
        let check = parse(raw)
        return check.wasUpgraded ? check.normalized : nil
    }

    // MARK: - Implementation

    /// `parse` for the common case, an ID number exactly as it should be written: 17 ASCII digits
    /// and a digit or X, with a real birth date. Its normalised form is `raw` itself, so nothing is
    /// folded, copied or allocated (the general path cost ~3 000 instructions a call, and a run
    /// parses every ID number several times: scan routing, normalisation, rules, linkage ages).
    /// Nil for anything else, which takes the general path (and its messages).
    @inline(__always)
    static func parseClean(_ raw: String) -> IDNumberCheck? {
        let parsed: (birthValue: Int, expected: Character, sexDigit: UInt8, region: String)?? = raw.utf8.withContiguousStorageIfAvailable { b in
            guard b.count == 18, b[..<17].allSatisfy(isDigit), isDigit(b[17]) || b[17] == 0x58 else { return nil }
            let birth = b[6..<14].reduce(0) { $0 * 10 + Int($1 - 0x30) }
            return (birth, checkCharacter(ofDigits: b[..<17]), b[16] - 0x30, String(decoding: UnsafeBufferPointer(rebasing: b[..<6]), as: UTF8.self))
        }
        guard let found = parsed ?? nil else { return nil }
        let year = found.birthValue / 10_000
        guard birthYears.contains(year),
            let birthDate = CivilDate(year: year, month: found.birthValue / 100 % 100, day: found.birthValue % 100)
        else { return nil }
        return IDNumberCheck(
            raw: raw, normalized: raw, expected: found.expected, wasUpgraded: false, birthDate: birthDate,
            sex: found.sexDigit % 2 == 1 ? "男" : "女", regionPrefix: found.region)
    }

    static func checkCharacter<Digits: Collection<UInt8>>(ofDigits digits: Digits) -> Character {
        var sum = 0
        for (offset, byte) in digits.enumerated() {
            sum += Int(byte - 0x30) * weights[offset]
        }
        return checkCharacters[sum % 11]
    }

    /// The `index`th character of the folded, trimmed text (for messages naming a bad character).
    static func character(at index: Int, in raw: String) -> String {
        var folded = Array(TextNormalizer.fold(raw).filter { $0 != " " })
        if folded.first == "'" { folded.removeFirst() }
        return index < folded.count ? String(folded[index]) : "?"
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
