import Foundation
import XCTest

/// The layering of ARCHITECTURE.md, checked on the sources: a target imports only targets below
/// it, C shims only in FivefoldIO, GRDB only in the ledger, Yams only in pipeline loading.
/// (Package.swift lets the compiler refuse an undeclared module; this test keeps the declared
/// graph itself from growing an upward edge.)
final class ArchitectureTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What each target may import (besides Foundation and the platform C library).
    static let allowed: [String: Set<String>] = [
        "FivefoldModel": [],
        "FivefoldIO": ["FivefoldModel", "CLibXML2", "CFivefoldZlib", "CFileSystem", "ZIPFoundation"],
        "FivefoldCheck": ["FivefoldModel"],
        "FivefoldLedger": ["FivefoldModel", "FivefoldIO", "GRDB"],
        "FivefoldReport": ["FivefoldModel", "FivefoldIO", "FivefoldCheck", "FivefoldLedger"],
        "FivefoldPipeline": ["FivefoldModel", "FivefoldIO", "FivefoldCheck", "FivefoldLedger", "FivefoldReport", "Yams"],
        "FivefoldGenerate": ["FivefoldModel", "FivefoldIO"],
        "fivefold": [
            "FivefoldModel", "FivefoldIO", "FivefoldCheck", "FivefoldLedger", "FivefoldReport", "FivefoldPipeline",
            "FivefoldGenerate", "ArgumentParser",
        ],
    ]
    static let everywhere: Set<String> = ["Foundation", "FoundationXML", "Glibc", "Darwin", "Dispatch"]

    func testNoTargetImportsATargetAboveIt() throws {
        let sources = Self.repo.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !$0.hasPrefix("C") }
        XCTAssertEqual(Set(targets), Set(Self.allowed.keys), "a target was added or removed: update ARCHITECTURE.md and this map")
        var seen = 0
        for target in targets {
            let allowed = Self.allowed[target, default: []].union(Self.everywhere)
            let folder = sources.appendingPathComponent(target)
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import ") || line.hasPrefix("@testable import ") {
                    let module = String(line.split(separator: " ").last!)
                    seen += 1
                    XCTAssertTrue(allowed.contains(module), "\(target)/\(file) imports \(module), which is not below it")
                }
            }
        }
        XCTAssertGreaterThan(seen, 100, "the sources were not found")
    }

    /// Package.swift declares the same edges (a declared edge nobody imports is a stale one).
    func testPackageDeclaresTheSameGraph() throws {
        let manifest = try String(contentsOf: Self.repo.appendingPathComponent("Package.swift"), encoding: .utf8)
        for (target, allowed) in Self.allowed where target.hasPrefix("Fivefold") {
            guard let start = manifest.range(of: "name: \"\(target)\"") else { return XCTFail("\(target) not in Package.swift") }
            let rest = manifest[start.upperBound...]
            let ends = [".target(", ".executableTarget(", ".testTarget("].compactMap { rest.range(of: $0)?.lowerBound }
            let declaration = rest[..<(ends.min() ?? rest.endIndex)]
            for other in Self.allowed.keys where other != target && other.hasPrefix("Fivefold") {
                XCTAssertEqual(
                    declaration.contains("\"\(other)\""), allowed.contains(other),
                    "Package.swift: \(target) and \(other) differ from ARCHITECTURE.md")
            }
        }
    }
}
