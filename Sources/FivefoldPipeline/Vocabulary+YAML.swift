// Reading vocabulary files: the YAML layout of `pipelines/vocabulary.yaml` and its extensions.
//
// The file is walked as a YAML node tree rather than decoded with `Codable`, for two reasons:
// every scalar must stay text (YAML 1.1 would turn the synonyms Y, N, yes, no into booleans and
// the code 01 into the integer 1), and every error must point at a line and column.
//
// Layout:
//
//     version: 1                      # optional
//     vocabularies:
//       status:                       # a code list, named as FieldCatalog names it
//         mode: extend                # optional: extend (default) or replace, for merged(with:)
//         values: [未脱贫, 已脱贫, …]     # canonical labels
//         synonyms:                   # canonical label → spellings that mean it
//           已脱贫: [脱贫, 稳定脱贫]
//         codes:                      # numeric code → canonical label
//           "1": 已脱贫
//     units:                          # canonical unit → spelling → factor
//       元: {元: 1, 万元: 10000}
//     count_suffixes: [人, 口, 个月]    # words allowed after a whole number

import Foundation
import Yams
import FivefoldModel

extension Vocabulary {
    /// Loads a vocabulary file (the shipped `pipelines/vocabulary.yaml`, or a pipeline's
    /// extension of it).
    ///
    /// - Throws: `VocabularyError` naming the file, line and column when the file cannot be read,
    ///   is not YAML, or does not follow the layout (unknown keys, a value that is not text, a
    ///   spelling given two meanings in one table, a factor that is not a positive number).
    public static func load(path: String) throws -> Vocabulary {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw VocabularyError(path: path, message: "cannot read the vocabulary file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, path: path)
    }

    /// Parses vocabulary YAML text; `path` only labels errors.
    ///
    /// - Throws: `VocabularyError` as `load(path:)` does.
    public static func parse(yaml: String, path: String = "<string>") throws -> Vocabulary {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let problem = YAMLProblem(error)
            throw VocabularyError(path: path, line: problem.line ?? 0, column: problem.column ?? 0, message: "not valid YAML: \(problem.message)")
        } catch {
            throw VocabularyError(path: path, message: "not valid YAML: \(error)")
        }
        guard let root else { return Vocabulary() }
        return try VocabularyFileReader(path: path).read(root)
    }
}

/// Walks one vocabulary file's node tree, keeping its path for error messages.
struct VocabularyFileReader {
    let path: String

    func read(_ root: Node) throws -> Vocabulary {
        let top = try mapping(root, "the top level")
        var tables: [Vocabulary.Table] = []
        var units: [Vocabulary.Unit] = []
        var countSuffixes: [String] = []
        for (key, value) in top {
            switch try text(key, "a top-level key") {
            case "version":
                guard try text(value, "version") == "1" else { throw error(value, "version must be 1") }
            case "vocabularies":
                for (nameNode, tableNode) in try mapping(value, "vocabularies") {
                    tables.append(try table(named: try text(nameNode, "a vocabulary name"), tableNode))
                }
            case "units":
                for (canonicalNode, spellingsNode) in try mapping(value, "units") {
                    let canonical = try text(canonicalNode, "a canonical unit")
                    for (spellingNode, factorNode) in try mapping(spellingsNode, "units.\(canonical)") {
                        let spelling = try text(spellingNode, "a unit spelling")
                        let factor = try text(factorNode, "a factor")
                        guard let unit = Vocabulary.Unit(name: spelling, canonical: canonical, factor: factor) else {
                            throw error(factorNode, "units.\(canonical).\(spelling): factor \(factor) is not a positive decimal number")
                        }
                        units.append(unit)
                    }
                }
            case "count_suffixes":
                countSuffixes = try texts(value, "count_suffixes")
            case let other:
                throw error(key, "unknown key \(other) (expected version, vocabularies, units or count_suffixes)")
            }
        }
        return Vocabulary(tables: tables, units: units, countSuffixes: countSuffixes)
    }

    func table(named name: String, _ node: Node) throws -> Vocabulary.Table {
        var values: [String] = []
        var synonyms: [(String, String)] = []
        var codes: [(String, String)] = []
        var replacesBase = false
        // Where each lookup key was defined, to reject one spelling with two meanings.
        var meaning: [String: (target: String, node: Node)] = [:]
        func claim(_ spelling: String, _ target: String, _ node: Node, _ key: String) throws {
            if let earlier = meaning[key], earlier.target != target {
                let line = earlier.node.mark.map { " (line \($0.line))" } ?? ""
                throw error(node, "vocabularies.\(name): \(spelling) means \(target) here but \(earlier.target) earlier\(line)")
            }
            meaning[key] = (target, node)
        }

        for (key, value) in try mapping(node, "vocabularies.\(name)") {
            switch try text(key, "a key of vocabularies.\(name)") {
            case "mode":
                switch try text(value, "mode") {
                case "extend": replacesBase = false
                case "replace": replacesBase = true
                case let other: throw error(value, "vocabularies.\(name).mode: \(other) (expected extend or replace)")
                }
            case "values":
                for item in try nodes(value, "vocabularies.\(name).values") {
                    let label = try text(item, "a value")
                    try claim(label, label, item, TextNormalizer.lookupKey(label))
                    values.append(label)
                }
            case "synonyms":
                for (targetNode, spellingsNode) in try mapping(value, "vocabularies.\(name).synonyms") {
                    let target = try text(targetNode, "a canonical label")
                    let items = spellingsNode.sequence.map(Array.init) ?? [spellingsNode]
                    for item in items {
                        let spelling = try text(item, "a synonym of \(target)")
                        try claim(spelling, target, item, TextNormalizer.lookupKey(spelling))
                        synonyms.append((spelling, target))
                    }
                }
            case "codes":
                for (codeNode, targetNode) in try mapping(value, "vocabularies.\(name).codes") {
                    let code = try text(codeNode, "a code")
                    let target = try text(targetNode, "the label of code \(code)")
                    try claim(code, target, codeNode, "code:" + Vocabulary.Table.codeKey(code))
                    codes.append((code, target))
                }
            case let other:
                throw error(key, "vocabularies.\(name): unknown key \(other) (expected mode, values, synonyms or codes)")
            }
        }
        return Vocabulary.Table(name: name, values: values, synonyms: synonyms, codes: codes, replacesBase: replacesBase)
    }

    // MARK: - Node helpers

    func mapping(_ node: Node, _ what: String) throws -> Node.Mapping {
        guard let mapping = node.mapping else { throw error(node, "\(what) must be a mapping") }
        return mapping
    }

    func nodes(_ node: Node, _ what: String) throws -> [Node] {
        guard let sequence = node.sequence else { throw error(node, "\(what) must be a list") }
        return Array(sequence)
    }

    func texts(_ node: Node, _ what: String) throws -> [String] {
        try nodes(node, what).map { try text($0, "an item of \(what)") }
    }

    /// A scalar's text exactly as written: `Y`, `01` and `1.0` stay text.
    func text(_ node: Node, _ what: String) throws -> String {
        guard let scalar = node.scalar, !scalar.string.isEmpty else {
            throw error(node, "\(what) must be non-empty text")
        }
        return scalar.string
    }

    func error(_ node: Node, _ message: String) -> VocabularyError {
        VocabularyError(path: path, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message)
    }
}
