// The encodings Fivefold reads and writes. Chinese government dumps arrive either as UTF-8 (the
// national system's export) or in the GB family (spreadsheets typed on Chinese Windows, archive
// XML). GB18030 is a strict superset of GBK and GB2312, so every GB-family label is read as
// GB18030: a file labelled GB2312 that holds GBK-only characters then still decodes.

/// A character encoding for an input or output file.
public enum TextEncoding: String, Sendable, Codable {
    /// Detect per file: a UTF-8 byte-order mark or valid UTF-8 means UTF-8, anything else GB18030.
    case auto
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// GB18030, which also reads GBK and GB2312.
    case gb18030

    /// Parses the encoding names a pipeline file may use.
    ///
    /// Accepts `auto`, `utf-8`/`utf8`, and `gbk`/`gb2312`/`gb18030` (case-insensitive); the GB
    /// names all map to ``gb18030``. Returns nil for anything else.
    public init?(pipelineName: String) {
        switch pipelineName.trimmingWhitespace().lowercased() {
        case "auto": self = .auto
        case "utf-8", "utf8": self = .utf8
        case "gbk", "gb2312", "gb18030", "gb-18030", "cp936": self = .gb18030
        default: return nil
        }
    }

    /// The name iconv and libxml2 know this encoding by; nil for ``auto``.
    var iconvName: String? {
        switch self {
        case .auto: return nil
        case .utf8: return "UTF-8"
        case .gb18030: return "GB18030"
        }
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space (Unicode `White_Space`, so the
    /// ideographic space U+3000 that Chinese spreadsheets carry goes too).
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }
}
