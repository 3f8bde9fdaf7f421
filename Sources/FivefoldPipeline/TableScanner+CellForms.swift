import FivefoldModel

// How exports write a cell that is read as something simpler: a 户编号 written as a decimal
// number, a number written for Excel to keep as text. Each is read as what it stands for, counted,
// and said once per file.

extension TableScanner {
    /// The 户编号 of a table written as decimal numbers (`5202031002010001.0`): each is read
    /// without its decimal part (`HouseholdKey`), counted, and the scan warns once.
    struct DecimalKeys {
        /// The key's position among a record's fields (nil: the table maps no 户编号).
        var position: Int?
        private(set) var count = 0
        private var first = ""

        mutating func clean(_ fields: inout [(FieldID, String)]) {
            guard let k = position, k < fields.count else { return }
            fields[k].1 = clean(fields[k].1)
        }

        /// `key` without a decimal suffix of zeros, counted when it had one.
        mutating func clean(_ key: String) -> String {
            guard let clean = HouseholdKey.withoutDecimalZeros(key) else { return key }
            if count == 0 { first = key }
            count += 1
            return clean
        }

        /// The warning, once there were such keys.
        func warning(file: String, unit: String) -> String? {
            guard count > 0 else { return nil }
            return "\(file): 户编号 (household_id) is written as a decimal number in \(count) \(unit)\(count == 1 ? "" : "s") (first: \(first)), "
                + "as pandas or a spreadsheet writes a number column; each is read without its decimal part"
        }
    }

    /// Cells a system wrote for Excel to keep as text: `="5202031002010001"` (a formula giving the
    /// text), `'520203196608121230` (the apostrophe that marks text) and a tab before the number.
    /// Exports do all three so that
    /// a spreadsheet neither rounds an 18-digit ID nor drops a leading zero; read as they are, no
    /// 户编号 matched another source's (152 and 342 findings instead of 59 on the sample, exit 0).
    /// Each is read without its marker, counted, and the scan says so once. Only `="…"` with no
    /// other quote inside, and `'` or a tab before a number-like value (digits, X, and - / . : space), are
    /// markers: anything else starting with = or ' is left as it is.
    struct SpreadsheetTextMarkers {
        private(set) var count = 0
        private var first = ""

        mutating func clean(_ fields: inout [(FieldID, String)]) {
            for i in fields.indices {
                // One byte decides for nearly every cell (this runs for every field of every row).
                guard let b = fields[i].1.utf8.first, b == 0x3D || b == 0x27 || b == 0x09, let inner = Self.unwrapped(fields[i].1) else { continue }
                // A tab is white space, which the normaliser trims anyway: dropped without a word,
                // so that messages quote the value without it.
                if b != 0x09 {
                    if count == 0 { first = fields[i].1 }
                    count += 1
                }
                fields[i].1 = inner
            }
        }

        /// The text inside a marker, or nil when `cell` is not one.
        static func unwrapped(_ cell: String) -> String? {
            let bytes = Array(cell.utf8)
            if bytes.count >= 3, bytes[0] == 0x3D, bytes[1] == 0x22, bytes.last == 0x22, !bytes[2..<(bytes.count - 1)].contains(0x22) {
                return String(decoding: bytes[2..<(bytes.count - 1)], as: UTF8.self)
            }
            if bytes.count >= 2, bytes[0] == 0x27 || bytes[0] == 0x09, bytes[1...].contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
               bytes[1...].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || [0x58, 0x78, 0x2D, 0x2F, 0x2E, 0x3A, 0x20].contains($0) }) {
                return String(decoding: bytes[1...], as: UTF8.self)
            }
            return nil
        }

        /// Whether `cell` is a marker (`unwrapped` reads it).
        static func isMarker(_ cell: String) -> Bool {
            guard let b = cell.utf8.first, b == 0x3D || b == 0x27 || b == 0x09 else { return false }
            return unwrapped(cell) != nil
        }

        /// `value` written as `old` was: inside the same marker when `old` is one (`="…"`, `'…`,
        /// a tab before), as it is otherwise, or when it holds a quote a `="…"` cannot.
        static func rewrapped(_ value: String, like old: String) -> String {
            guard let first = old.utf8.first, first == 0x3D || first == 0x27 || first == 0x09, unwrapped(old) != nil, !value.isEmpty else { return value }
            if first == 0x3D { return value.utf8.contains(0x22) ? value : "=\"" + value + "\"" }
            return String(UnicodeScalar(first)) + value
        }

        /// The warning, once there were such cells.
        func warning(file: String) -> String? {
            guard count > 0 else { return nil }
            return "\(file): \(count) cell\(count == 1 ? " is" : "s are") written as spreadsheet text (first: \(first)), as exports write numbers "
                + "for Excel to keep; each is read without its marker"
        }
    }

    /// Birth dates given as year and month alone (出生年月: `1966-08`, `1966年8月`), which the
    /// normaliser reads at month precision (`BirthDate`). A county system that exports them does
    /// so for every member: the data team is told once per file, with the count, not by a finding
    /// per member. Counted as the rows are read (no pass of its own): a full date is turned away
    /// by `DateParser.parseMonth`'s first bytes.
    struct BirthMonths {
        /// The header (or element name) the birth dates were read from.
        var header = ""
        private(set) var months = 0
        private(set) var values = 0
        /// Dates written with a two-digit year (`66-08-12`, `66年8月12日`, `12/08/66`), which no
        /// reader can place in a century: each is a value.invalid, and the warning says why once.
        private(set) var twoDigitYears = 0
        private(set) var twoDigitExample = ""

        /// Counts one birth date cell (blank cells are not values).
        @inline(__always)
        mutating func note(_ cell: String) {
            // A full ISO date (yyyy-MM-dd, as nearly every birth date cell is) is no month.
            if DateParser.isoDate(cell) != nil {
                values += 1
                return
            }
            guard let first = cell.utf8.first else { return }
            // A cell starting with an ASCII digit and not ending in a space is as the normaliser
            // sees it once folded, unless it holds full-width forms (EF BC ..), which the month
            // form's bytes then turn away: fold only the other cells, which are rare.
            if first >= 0x30 && first <= 0x39 && cell.utf8.last != 0x20 {
                values += 1
                if DateParser.parseMonth(cell) != nil { months += 1 } else { noteTwoDigitYear(cell) }
                return
            }
            let folded = TextNormalizer.fold(cell)
            guard !folded.isEmpty else { return }
            values += 1
            if DateParser.parseMonth(folded) != nil { months += 1 } else { noteTwoDigitYear(folded) }
        }

        private mutating func noteTwoDigitYear(_ text: String) {
            guard Self.hasTwoDigitYear(text) else { return }
            if twoDigitYears == 0 { twoDigitExample = text }
            twoDigitYears += 1
        }

        /// Three numbers of one or two digits, separated by one of - / . (the same twice) or
        /// written 年…月…(日): a day, month and year without the year's century.
        static func hasTwoDigitYear(_ text: String) -> Bool {
            var parts: [Int] = []
            var separators: [String] = []
            var number = -1, digits = 0
            var rest = Substring(text)
            while let c = rest.first {
                if let d = c.wholeNumberValue, c.isASCII {
                    number = (number < 0 ? 0 : number) * 10 + d
                    digits += 1
                    guard digits <= 2 else { return false }
                } else {
                    guard number >= 0 else { return false }
                    parts.append(number)
                    separators.append(String(c))
                    number = -1
                    digits = 0
                }
                rest = rest.dropFirst()
            }
            if number >= 0 { parts.append(number) }
            guard parts.count == 3 else { return false }
            let chinese = separators.count >= 2 && separators[0] == "年" && separators[1] == "月" && (separators.count == 2 || separators == ["年", "月", "日"])
            let ascii = separators.count == 2 && separators[0] == separators[1] && ["-", "/", "."].contains(separators[0])
            guard chinese || ascii else { return false }
            // Some order of the three is a real month and day.
            return parts.contains { (1...12).contains($0) } && parts.contains { (1...31).contains($0) }
        }

        /// The warnings: once a birth date gave its month alone, once one had a two-digit year.
        func warnings(file: String) -> [String] {
            var result: [String] = []
            if months > 0 {
                result.append("\(file) \(header): \(months) of \(values) values give the year and month of birth only (出生年月); they are compared at month precision "
                    + "(a date in that month agrees, and an age that could be either of two is not held against the member)")
            }
            if twoDigitYears > 0 {
                result.append("\(file) \(header): \(twoDigitYears) of \(values) values write the year with two digits (\(twoDigitExample)); which century is meant the file does not say, "
                    + "so they are not read as dates and each is a value.invalid finding: export the birth dates with four-digit years (1966-08-12)")
            }
            return result
        }
    }
}
