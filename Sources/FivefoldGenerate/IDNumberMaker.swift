// Every generated person needs a GB 11643-1999 ID number that is valid, agrees with the
// person's birth date and sex, and is unique across millions of people without a global set
// (the generator streams and runs batches in parallel). Uniqueness comes from construction, not
// from checking: a household's 6-digit prefix, birth month/day base and two sequence digits are a
// bijection of its index within the county, and the last sequence digit (whose parity is the
// sex) is distinct within the household; each member's month/day is the household's base
// shifted by that digit. Two people can therefore share an ID only if they are the same member
// slot of the same household. The birth *year* stays free, so ages follow family logic.

/// Builds, checks and re-forms resident ID numbers for the generator.
public enum IDNumberMaker {
    /// GB 11643 weights of the first 17 digits.
    static let weights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// Households per 6-digit prefix: 336 month/day slots (days 1–28) × 100 sequence blocks.
    public static let householdsPerPrefix = 336 * 100

    /// The check character of 17 ASCII digits.
    public static func checkCharacter(_ first17: ArraySlice<UInt8>) -> UInt8 {
        var sum = 0
        for (offset, byte) in first17.enumerated() { sum += Int(byte - 0x30) * weights[offset] }
        return checkCharacters[sum % 11]
    }

    /// A valid 18-character ID number.
    ///
    /// - Parameters:
    ///   - prefix: six region digits.
    ///   - birth: the birth date written into digits 7–14.
    ///   - sequence: 0–999; its last digit must be odd for men and even for women.
    public static func make(prefix: String, birth: SyntheticDate, sequence: Int) -> String {
        var bytes = Array(prefix.utf8)
        bytes += Array(birth.compact.utf8)
        bytes.append(UInt8(0x30 + sequence / 100))
        bytes.append(UInt8(0x30 + sequence / 10 % 10))
        bytes.append(UInt8(0x30 + sequence % 10))
        bytes.append(checkCharacter(bytes[0..<17]))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same ID with a different birth date, check character recomputed.
    public static func withBirth(_ id: String, _ birth: SyntheticDate) -> String {
        let bytes = Array(id.utf8)
        let prefix = String(decoding: bytes[0..<6], as: UTF8.self)
        let sequence = Int(String(decoding: bytes[14..<17], as: UTF8.self))!
        return make(prefix: prefix, birth: birth, sequence: sequence)
    }

    /// The same ID with a different last sequence digit, check character recomputed.
    public static func withSexDigit(_ id: String, _ digit: Int) -> String {
        var bytes = Array(id.utf8)
        bytes[16] = UInt8(0x30 + digit)
        bytes[17] = checkCharacter(bytes[0..<17])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `id` is 18 characters with a correct check character (upper-case X).
    public static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 18, bytes[0..<17].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return checkCharacter(bytes[0..<17]) == bytes[17]
    }

    /// The same ID with a wrong check character (the next one in the table).
    public static func withWrongCheck(_ id: String) -> String {
        var bytes = Array(id.utf8)
        let right = checkCharacter(bytes[0..<17])
        let index = checkCharacters.firstIndex(of: right)!
        bytes[17] = checkCharacters[(index + 1 + (Int(bytes[15]) % 9)) % 11]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first-generation 15-digit form (no century, no check character), for people born
    /// 1900–1999; nil otherwise.
    public static func fifteenDigit(_ id: String) -> String? {
        let bytes = Array(id.utf8)
        guard bytes.count == 18, bytes[6] == 0x31, bytes[7] == 0x39 else { return nil }
        return String(decoding: bytes[0..<6] + bytes[8..<17], as: UTF8.self)
    }

    /// The sex an ID encodes: 男 for an odd 17th digit, 女 for even.
    public static func sex(of id: String) -> String {
        let bytes = Array(id.utf8)
        return (bytes[16] - 0x30) % 2 == 1 ? "男" : "女"
    }

    /// The household-level part of the construction: prefix index, base day slot (0–335) and
    /// two-digit sequence block for the `local`-th household of a county.
    ///
    /// A bijection of `local` in `0 ..< 100 × householdsPerPrefix`: the prefix index is
    /// `local / householdsPerPrefix`, the rest is scrambled by a multiplier coprime to
    /// `householdsPerPrefix` so neighbouring households do not share birthdays.
    public static func householdSlot(local: Int) -> (prefixIndex: Int, day: Int, block: Int) {
        let per = householdsPerPrefix
        let scrambled = (local % per) &* 9973 % per  // 9973 is prime, coprime to 33,600
        return (local / per, scrambled / 100, scrambled % 100)
    }

    /// The birth month/day of the member holding last sequence digit `digit` in a household
    /// whose base day slot is `day`.
    public static func memberMonthDay(baseDay: Int, digit: Int) -> (month: Int, day: Int) {
        let slot = (baseDay + 97 * digit) % 336
        return (slot / 28 + 1, slot % 28 + 1)
    }

    /// The same person's ID with another last sequence digit (so another sex), keeping the
    /// construction's invariant: the month/day moves with the digit. Returns the new ID and
    /// birth date (same year).
    public static func withSequenceDigit(_ id: String, from old: Int, to new: Int) -> (id: String, birth: SyntheticDate) {
        let bytes = Array(id.utf8)
        func number(_ range: Range<Int>) -> Int { Int(String(decoding: bytes[range], as: UTF8.self))! }
        let year = number(6..<10)
        let slot = (number(10..<12) - 1) * 28 + number(12..<14) - 1
        let base = ((slot - 97 * old) % 336 + 336) % 336
        let (month, day) = memberMonthDay(baseDay: base, digit: new)
        let birth = SyntheticDate(year: year, month: month, day: day)
        let block = number(14..<16)
        return (make(prefix: String(decoding: bytes[0..<6], as: UTF8.self), birth: birth, sequence: block * 10 + new), birth)
    }
}
