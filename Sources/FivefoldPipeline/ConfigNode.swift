import Yams
import FivefoldModel

/// A YAML node together with its key path: every accessor fails with a `PipelineError` that
/// names the file, line, column, the key path and what was expected.
///
/// Hand-walking the node tree (instead of `Codable`) is what lets one bad value produce one
/// precise message, and lets unknown keys — usually typos — be reported rather than ignored.
struct ConfigNode {
    let node: Node
    let path: String
    let file: String

    init(node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    func error(_ message: String) -> PipelineError {
        PipelineError(
            file: file, line: node.mark?.line, column: node.mark?.column, keyPath: path,
            message: message)
    }

    private func child(_ key: String, _ node: Node) -> ConfigNode {
        ConfigNode(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    private var describeFound: String {
        switch node {
        case .scalar(let s):
            // A data file given where the pipeline goes is one long scalar: quote its start only.
            let text = s.string.count > 80 ? String(s.string.prefix(60)) + "…\" (\(s.string.count) characters)" : s.string + "\""
            return "\"" + text
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Mappings

    /// The entries of a mapping, in file order.
    func entries() throws -> [(key: String, value: ConfigNode)] {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping, found \(describeFound)")
        }
        return try mapping.map { pair in
            guard case .scalar(let key) = pair.key else {
                throw ConfigNode(node: pair.key, path: path, file: file).error("expected a plain key")
            }
            return (key.string, child(key.string, pair.value))
        }
    }

    /// The entries of a mapping with each key's own line and column (for messages that point at
    /// the key rather than its value, e.g. a mapped header missing from the data).
    func keyedEntries() throws -> [(key: String, line: Int?, column: Int?, value: ConfigNode)] {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping, found \(describeFound)")
        }
        return try mapping.map { pair in
            guard case .scalar(let key) = pair.key else {
                throw ConfigNode(node: pair.key, path: path, file: file).error("expected a plain key")
            }
            return (key.string, pair.key.mark?.line, pair.key.mark?.column, child(key.string, pair.value))
        }
    }

    /// Fails when the mapping holds a key outside `allowed`.
    func requireKeys(in allowed: [String]) throws {
        for (key, value) in try entries() where !allowed.contains(key) {
            throw value.error("unknown key \"\(key)\"; expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    /// The value at `key`, nil when absent or explicitly null.
    func optional(_ key: String) throws -> ConfigNode? {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping, found \(describeFound)")
        }
        guard let value = mapping[key] else { return nil }
        if case .scalar(let s) = value, s.tag.description == Tag.Name.null.rawValue || (s.string == "~" && s.style == .plain) {
            return nil
        }
        return child(key, value)
    }

    /// The value at `key`; fails naming the key when absent.
    func required(_ key: String) throws -> ConfigNode {
        guard let value = try optional(key) else {
            let p = path.isEmpty ? key : "\(path).\(key)"
            throw PipelineError(
                file: file, line: node.mark?.line, column: node.mark?.column, keyPath: p,
                message: "required key is missing")
        }
        return value
    }

    // MARK: Scalars

    func string() throws -> String {
        guard case .scalar(let s) = node else {
            throw error("expected a text value, found \(describeFound)")
        }
        return s.string
    }

    func int(range: ClosedRange<Int>? = nil) throws -> Int {
        let text = try string()
        guard let value = Int(text) else { throw error("expected a whole number, found \"\(text)\"") }
        if let range, !range.contains(value) {
            throw error("expected a whole number in \(range.lowerBound)...\(range.upperBound), found \(value)")
        }
        return value
    }

    func double(range: ClosedRange<Double>? = nil) throws -> Double {
        let text = try string()
        guard let value = Double(text), value.isFinite else {
            throw error("expected a number, found \"\(text)\"")
        }
        if let range, !range.contains(value) {
            throw error("expected a number in \(range.lowerBound)...\(range.upperBound), found \(text)")
        }
        return value
    }

    func bool() throws -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw error("expected true or false, found \"\(other)\"")
        }
    }

    /// One of a fixed set of words.
    func oneOf(_ choices: [String]) throws -> String {
        let text = try string()
        guard choices.contains(text) else {
            throw error("expected one of \(choices.joined(separator: ", ")), found \"\(text)\"")
        }
        return text
    }

    // MARK: Lists

    /// A list; a single scalar is accepted as a list of one (header aliases read naturally either way).
    func list() throws -> [ConfigNode] {
        switch node {
        case .sequence(let seq):
            return seq.enumerated().map { i, n in
                ConfigNode(node: n, path: "\(path)[\(i)]", file: file)
            }
        case .scalar:
            return [self]
        default:
            throw error("expected a list, found \(describeFound)")
        }
    }

    func stringList() throws -> [String] {
        try list().map { try $0.string() }
    }

    /// Separators that make a scalar several items: `exempt_types: 摩托车, 农用车` is one text in
    /// YAML, which as one item matched no vehicle type, so every motorcycle was flagged; header
    /// `aliases: 行政区划代码, 区划代码` of an optional column was one name no header had, so the
    /// column was silently absent.
    static let itemSeparators: Set<Character> = [",", "，", "、", ";", "；"]

    /// The items of a list: a list, or one scalar item (`unsafe_grades: C`); a scalar that holds
    /// item separators is refused, naming the list to write instead. For header names
    /// (`headerNames`) the message also says how to name a header that holds a separator: the
    /// `name:` key takes its text as written.
    func items(headerNames: Bool = false) throws -> [String] {
        guard case .scalar = node else { return try stringList() }
        let text = try string()
        // A separator inside brackets is part of the name: the national form's header
        // 县(市、区) is one column, not 县(市 and 区).
        var depth = 0
        let parts = text.split(whereSeparator: { c in
            switch c {
            case "(", "（", "[", "【": depth += 1; return false
            case ")", "）", "]", "】": depth = max(0, depth - 1); return false
            default: return depth == 0 && Self.itemSeparators.contains(c)
            }
        }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if parts.count > 1 {
            let list = "[\(parts.joined(separator: ", "))]"
            let advice = headerNames
                ? "write the header names in brackets, \(list) (a header whose own name holds \"\(text.first(where: { Self.itemSeparators.contains($0) })!)\": {name: \"\(text)\"})"
                : "write the items in brackets, \(list)"
            throw error("\"\(text)\" is one text, not a list: \(advice)")
        }
        return [text]
    }
}
