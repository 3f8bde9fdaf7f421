// Encoding is pipeline configuration with auto-detection as the default (SPEC §3). Detection
// follows the order a person would use: a UTF-8 byte-order mark decides; otherwise text that is
// valid UTF-8 is UTF-8, because GBK text of any length is almost never valid UTF-8 by accident;
// otherwise the file is read as GB18030, the superset of GBK and GB2312.

extension TextEncoding {
    /// The UTF-8 byte-order mark.
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Guesses the encoding of a file from its first bytes.
    ///
    /// - Parameters:
    ///   - prefix: the first bytes of the file (BOM included, if any).
    ///   - isWholeFile: true when `prefix` is the entire file, so a multi-byte sequence cut off
    ///     at its end is an error rather than the start of the next chunk.
    /// - Returns: ``utf8`` or ``gb18030``, never ``auto``.
    static func detect(prefix: UnsafeRawBufferPointer, isWholeFile: Bool) -> TextEncoding {
        guard let base = prefix.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .utf8 }
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { return .utf8 }
        let valid = isWholeFile
            ? UTF8Validation.firstInvalid(base, count: prefix.count) == nil
            : UTF8Validation.isValidAllowingCutTail(base, count: prefix.count)
        return valid ? .utf8 : .gb18030
    }
}

extension TextEncoding {
    /// "UTF-16LE" / "UTF-16BE" when a file starts with a UTF-16 byte-order mark, or (without
    /// one) its first characters are ASCII with a NUL beside each (`<?xml` of a UTF-16 XML file
    /// too): a byte-wise CSV scanner would otherwise read NULs between every character and report
    /// a header "not valid GB18030", and the XML reader would take the file for GBK.
    static func utf16Form(_ head: UnsafeBufferPointer<UInt8>) -> String? {
        guard head.count >= 2 else { return nil }
        if head[0] == 0xFF && head[1] == 0xFE { return "UTF-16LE" }
        if head[0] == 0xFE && head[1] == 0xFF { return "UTF-16BE" }
        guard head.count >= 4 else { return nil }
        if head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0 { return "UTF-16LE" }
        if head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0 { return "UTF-16BE" }
        return nil
    }
}
