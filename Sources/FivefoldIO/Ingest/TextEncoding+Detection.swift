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
