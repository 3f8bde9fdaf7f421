// The parts of a package find each other through relationship parts (`_rels/.rels`,
// `xl/_rels/workbook.xml.rels`): the workbook is the package's officeDocument, and each sheet,
// the shared strings and the styles are the workbook's relationships. Part names are never
// guessed from sheet numbers: spreadsheets reorder tabs without renaming parts.

/// The relationships of one part, read from its `.rels` part.
final class XLSXRelationships: XLSXXMLHandler {
    /// One relationship: its id, its type URI and the target part's path in the package.
    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    /// The relationships with internal targets, in document order.
    private(set) var all: [Relationship] = []
    /// The folder of the part the relationships belong to (targets are relative to it).
    private let base: String

    /// - Parameter source: the part whose relationships these are (`""` for the package).
    init(source: String) {
        base = source.contains("/") ? String(source[..<source.lastIndex(of: "/")!]) : ""
    }

    let elementNames = ["Relationship"]
    let attributeNames = ["Id", "Type", "Target", "TargetMode"]
    let wantsText = false
    let contentError: String? = nil

    func start(_ element: Int, attributes: XLSXXMLAttributes) {
        guard element == 0, let id = attributes.value(0), let type = attributes.value(1), let target = attributes.value(2),
              attributes.value(3) != "External" else { return }
        all.append(Relationship(id: id, type: type, target: XLSXRelationships.resolve(target, base: base)))
    }

    func end(_ element: Int) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// The target of relationship `id`.
    func target(id: String) -> String? { all.first { $0.id == id }?.target }

    /// The target of the first relationship whose type ends with `/suffix` (transitional and
    /// strict OOXML use different type URIs with the same last segment).
    func target(typeSuffix suffix: String) -> String? { all.first { $0.type.hasSuffix("/" + suffix) }?.target }

    /// The `.rels` part that holds the relationships of `part`.
    static func relsPath(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }

    /// `target` as a path from the package root: absolute targets (`/xl/…`) lose their slash,
    /// relative ones are taken from `base`, and `.`/`..` segments are folded.
    static func resolve(_ target: String, base: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : (base.isEmpty ? target : base + "/" + target)
        var segments: [Substring] = []
        for segment in joined.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." { _ = segments.popLast() } else { segments.append(segment) }
        }
        return segments.joined(separator: "/")
    }
}
