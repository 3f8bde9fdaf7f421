import FivefoldModel

// `fivefold inspect` prints what the readers see, one JSON object per line, so a data team can
// check a dump (and pipe it to jq) before writing a pipeline for it. The encoding lives here,
// not in the CLI, so the command stays a thin layer and the format is tested with the readers.
// Keys keep the file's order (CSV) or sort (XML) so output is stable across runs.

/// JSON-lines renderings of records and quarantined rows.
public enum RecordJSON {
    /// Unique JSON keys for a CSV header: an empty name becomes `column_N`, and a name already
    /// used (including the `file` and `line` keys) gets `_N` appended, N being its column.
    public static func keys(forHeader header: [String]) -> [String] {
        var used: Set<String> = ["file", "line", "quarantined"]
        return header.enumerated().map { index, name in
            var key = name.isEmpty ? "column_\(index + 1)" : name
            if used.contains(key) { key += "_\(index + 1)" }
            used.insert(key)
            return key
        }
    }

    /// `{"file":…,"line":…,"<header>":"<value>",…}` for an accepted CSV row; `keys` from
    /// ``keys(forHeader:)``. Trailing empty fields beyond the header are left out.
    public static func object(for row: CSVRow, keys: [String]) -> String {
        var out = "{"
        appendLocation(row.location, to: &out)
        for (index, key) in keys.enumerated() {
            out += ","
            appendString(key, to: &out)
            out += ":"
            appendString(row.string(at: index), to: &out)
        }
        out += "}"
        return out
    }

    /// `{"file":…,"line":…,"<name>":"<value>",…,"members":[…]}` for an XML record; values in
    /// key order, members as objects of the same shape without `members`.
    public static func object(for record: XMLElementRecord, includeMembers: Bool = true) -> String {
        var out = "{"
        appendLocation(record.location, to: &out)
        for key in record.values.keys.sorted() {
            out += ","
            appendString(key, to: &out)
            out += ":"
            appendString(record.values[key]!, to: &out)
        }
        if includeMembers {
            out += ",\"members\":["
            out += record.members.map { object(for: $0, includeMembers: false) }.joined(separator: ",")
            out += "]"
        }
        out += "}"
        return out
    }

    /// `{"file":…,"line":…,"quarantined":true,"reason":…,"raw":…}`.
    public static func object(for row: QuarantinedRow) -> String {
        var out = "{"
        appendLocation(row.location, to: &out)
        out += ",\"quarantined\":true,\"reason\":"
        appendString(row.reason, to: &out)
        out += ",\"raw\":"
        appendString(row.raw, to: &out)
        out += "}"
        return out
    }

    private static func appendLocation(_ location: SourceLocation, to out: inout String) {
        out += "\"file\":"
        appendString(location.file, to: &out)
        out += ",\"line\":\(location.line)"
    }

    /// Appends `value` as a JSON string literal (UTF-8 kept as is; control characters escaped).
    public static func appendString(_ value: String, to out: inout String) {
        out += "\""
        var clean = true
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            clean = false
            break
        }
        if clean {
            out += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
