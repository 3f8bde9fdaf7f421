import Foundation
import XCTest

/// Inside `FivefoldCheck` one module holds match, rules and resolve, so the compiler cannot hold
/// their order; this test does. The stage folders form a line, bottom to top, and a file may
/// name only types declared in its own folder or a folder below it (never one above: no cycle
/// such as the unify rules reaching into Resolve while Resolve edits the rules' findings).
///
/// Type names are found by a plain scan: declarations (`struct`/`class`/`enum`/`protocol`/
/// `typealias` at the start of a line) and uses as whole words outside comments and string
/// literals. Good enough for a codebase that keeps one top-level type per name.
final class CheckStageOrderTests: XCTestCase {
    /// Bottom to top (ARCHITECTURE.md, "Inside FivefoldCheck").
    static let order = ["Settings", "Match", "Registry", "Unify", "Rules", "Resolve", "Counting", "CrossHousehold"]

    static let folder = ArchitectureTests.repo.appendingPathComponent("Sources/FivefoldCheck")

    func testEveryStageFolderIsInTheOrder() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { !$0.hasSuffix(".swift") }
        XCTAssertEqual(Set(folders), Set(Self.order), "a stage folder was added or removed: place it in `order` and ARCHITECTURE.md")
        let loose = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".swift") }
        XCTAssertEqual(loose, [], "every FivefoldCheck source lives in a stage folder")
    }

    func testNoStageNamesATypeOfAStageAboveIt() throws {
        var declaredIn: [String: Int] = [:]
        var files: [(stage: Int, name: String, text: String)] = []
        let declaration = try NSRegularExpression(
            pattern: #"^(?:(?:public|package|internal|private|fileprivate|final|indirect)\s+)*(?:struct|class|enum|protocol|typealias|actor)\s+(\w+)"#,
            options: .anchorsMatchLines)
        for (stage, name) in Self.order.enumerated() {
            let dir = Self.folder.appendingPathComponent(name)
            for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                let code = Self.strippingCommentsAndStrings(text)
                for m in declaration.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                    let type = String(code[Range(m.range(at: 1), in: code)!])
                    XCTAssertNil(declaredIn[type].flatMap { $0 == stage ? nil : $0 }, "\(type) declared in two stages")
                    declaredIn[type] = stage
                }
                files.append((stage, "\(name)/\(file)", code))
            }
        }
        XCTAssertGreaterThan(declaredIn.count, 40, "the declarations were not found")
        let word = try NSRegularExpression(pattern: #"\b[A-Z]\w*\b"#)
        var violations: [String] = []
        for file in files {
            var named = Set<String>()
            for m in word.matches(in: file.text, range: NSRange(file.text.startIndex..., in: file.text)) {
                named.insert(String(file.text[Range(m.range, in: file.text)!]))
            }
            for type in named.sorted() {
                if let stage = declaredIn[type], stage > file.stage {
                    violations.append("\(file.name) names \(type) (\(Self.order[stage]), above \(Self.order[file.stage]))")
                }
            }
        }
        XCTAssertEqual(violations, [])
    }

    func testTheScanSeesAnUpwardName() {
        // The scan itself: a name in code counts, the same name in a comment or a string does not.
        let code = Self.strippingCommentsAndStrings("let a = Upward() // Hidden\nlet b = \"Quoted \\(x)\"\n/* Block */")
        XCTAssertTrue(code.contains("Upward"))
        XCTAssertFalse(code.contains("Hidden"))
        XCTAssertFalse(code.contains("Quoted"))
        XCTAssertFalse(code.contains("Block"))
    }

    /// The source with `//` and `/* */` comments and the contents of string literals blanked
    /// (interpolations included: they only name values in this codebase's messages).
    static func strippingCommentsAndStrings(_ text: String) -> String {
        var out = ""
        var chars = Array(text)[...]
        while let c = chars.first {
            if c == "/", chars.dropFirst().first == "/" {
                while let d = chars.first, d != "\n" { chars = chars.dropFirst() }
            } else if c == "/", chars.dropFirst().first == "*" {
                chars = chars.dropFirst(2)
                while !chars.isEmpty, !(chars.first == "*" && chars.dropFirst().first == "/") { chars = chars.dropFirst() }
                chars = chars.dropFirst(2)
            } else if c == "\"" {
                let multi = chars.starts(with: "\"\"\"")
                chars = chars.dropFirst(multi ? 3 : 1)
                while !chars.isEmpty {
                    if chars.first == "\\" { chars = chars.dropFirst(2); continue }
                    if multi ? chars.starts(with: "\"\"\"") : chars.first == "\"" { break }
                    if !multi, chars.first == "\n" { break }
                    chars = chars.dropFirst()
                }
                chars = chars.dropFirst(multi ? 3 : 1)
                out += "\"\""
            } else {
                out.append(c)
                chars = chars.dropFirst()
            }
        }
        return out
    }
}
