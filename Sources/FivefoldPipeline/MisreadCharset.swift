import FivefoldIO

/// Recognises a header that is UTF-8 text read in the wrong character set and saved again.
///
/// A clerk opens a UTF-8 export in a spreadsheet that assumes Windows-1252 (Western Excel) or
/// GBK (Chinese Windows), and saves it: every character is now the UTF-8 bytes of the original
/// read one or two at a time, so `户编号` comes back as `æˆ·ç¼–å·` or `鎴风紪鍙`. The file is
/// still well-formed and decodes cleanly, so nothing fails but the header names; the mapping error
/// alone reads as if the columns were renamed. Turning the names back into bytes of the
/// assumed character set and reading those as UTF-8 shows the original, which goes into the
/// error. Nothing is repaired automatically: the values are garbled too, and a run on a half
/// repaired file is how wrong results pass.
enum MisreadCharset {
    /// A header name read back: the character set it was misread in and the name it was.
    struct Reading: Equatable {
        /// The character set the UTF-8 text was read in: `Windows-1252` or `GBK`.
        var charset: String
        /// The name as found in the file.
        var found: String
        /// The name read back from its bytes in `charset` as UTF-8.
        var original: String
    }

    /// The first name in `found` that reads back to one of `wanted` (after ``HeaderMatcher``'s
    /// folding), else the first that reads back to Chinese; nil when no name looks misread.
    static func diagnose(_ found: [String], wanted: [String]) -> Reading? {
        let readings = found.compactMap(readBack)
        let folded = Set(wanted.map(HeaderMatcher.fold))
        return readings.first { folded.contains(HeaderMatcher.fold($0.original)) } ?? readings.first
    }

    /// `name` read back as UTF-8 from its bytes in Windows-1252 or GBK, when that gives Chinese
    /// text with at most one undecodable character in three (a character the spreadsheet could
    /// not represent, typically the last byte of a name read two at a time).
    static func readBack(_ name: String) -> Reading? {
        guard name.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        if let bytes = windows1252Bytes(name), let text = plausibleUTF8(bytes) {
            return Reading(charset: "Windows-1252", found: name, original: text)
        }
        // A GBK misreading turns UTF-8 into Chinese characters; anything else cannot be one.
        if name.unicodeScalars.contains(where: isCJK), let encoder = try? Transcoder.utf8ToGB18030(),
            let bytes = try? encoder.encode(name.filter { $0 != "\u{FFFD}" && $0 != "?" }),
            let text = plausibleUTF8(bytes)
        {
            return Reading(charset: "GBK", found: name, original: text)
        }
        return nil
    }

    /// The bytes whose Windows-1252 reading is `name`, or nil when a character is not one of
    /// Windows-1252's. The five positions Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
    /// 0x9D) come back as the C1 controls of the same value (Latin-1, Windows), as U+F100 plus
    /// the byte (LibreOffice: U+F18F for 0x8F), or as `?` or U+FFFD, which become a byte invalid
    /// in UTF-8.
    static func windows1252Bytes(_ name: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in name.unicodeScalars {
            if scalar == "\u{FFFD}" || scalar == "?" {
                bytes.append(0xFF)  // a byte the reader could not map: never valid in UTF-8
            } else if scalar.value < 0x100 {
                bytes.append(UInt8(scalar.value))
            } else if (0xF180...0xF19F).contains(scalar.value) {
                bytes.append(UInt8(scalar.value - 0xF100))  // LibreOffice's private-use stand-in
            } else if let byte = windows1252High[scalar.value] {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        return bytes
    }

    /// The characters Windows-1252 puts at 0x80–0x9F.
    static let windows1252High: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86,
        0x2021: 0x87, 0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C,
        0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95,
        0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// `bytes` as UTF-8 (a leading byte-order mark dropped) when that is Chinese text: at least
    /// two CJK characters and at most one undecodable sequence per three of them.
    static func plausibleUTF8(_ bytes: [UInt8]) -> String? {
        // One undecodable run is one lost character: its lead byte, the byte the reader could
        // not map and any continuation bytes after it each decode to their own U+FFFD.
        var scalars = String.UnicodeScalarView()
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars
        where !(scalar == "\u{FFFD}" && scalars.last == "\u{FFFD}") {
            scalars.append(scalar)
        }
        var text = String(scalars)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let cjk = text.unicodeScalars.filter(isCJK).count
        let broken = text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
        guard cjk >= 2, broken <= max(1, cjk / 3) else { return nil }
        return text
    }

    /// CJK ideographs (the unified blocks and their extension A) and CJK punctuation.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }

    /// Whether the header's text is gone: at least a third of the non-ASCII characters of its
    /// names are U+FFFD, what a program writes for bytes it cannot read in the character set it
    /// assumed (LibreOffice opening a GBK export as UTF-8 and saving it: 户编号 → ���). Nothing
    /// can be read back from that.
    static func isLost(_ found: [String]) -> Bool {
        let scalars = found.flatMap(\.unicodeScalars).filter { !$0.isASCII }
        return !scalars.isEmpty && scalars.filter { $0 == "\u{FFFD}" }.count * 3 >= scalars.count
    }

    static let lost = "the header's names are mostly U+FFFD (\u{FFFD}), the mark a program writes for bytes it cannot read in the "
        + "character set it assumed: the file was opened in the wrong character set (a GBK export read as UTF-8, typically) and "
        + "saved again, and its Chinese text is lost: export it again from its source, or open the original choosing its "
        + "character set (GBK/GB18030) before saving it"

    /// The sentence added to a mapping error when the file's header looks misread. `declared` is
    /// the table's `encoding:`: when it says GBK the misreading may be this run's own (a UTF-8
    /// file under a pipeline written for GBK exports), and the sentence says both.
    static func hint(_ found: [String], wanted: [String], declared: String? = nil) -> String? {
        guard let reading = diagnose(found, wanted: wanted) else { return isLost(found) ? lost : nil }
        if reading.charset == "GBK", let declared, ["gbk", "gb18030", "gb2312"].contains(declared.lowercased()) {
            return "the file's text is UTF-8 read as GBK (its header \"\(reading.found)\" reads \"\(reading.original)\" as UTF-8): "
                + "if the file is UTF-8, set this table's encoding to utf-8 or auto instead of \(declared); if a program read it as GBK "
                + "and saved it again, every value in it is garbled too: export it again from its source"
        }
        return "the file looks like UTF-8 text that a program read as \(reading.charset) and saved again "
            + "(its header \"\(reading.found)\" reads \"\(reading.original)\" as UTF-8), so every value in it is garbled too: "
            + "export it again from its source, or open the original choosing UTF-8 before saving it"
    }
}
