import Foundation
import TestSupport
import XCTest

/// The Kubernetes manifests under `deploy/kubernetes/` are validated offline against the
/// Kubernetes API schemas (strict: unknown fields fail) by `deploy/kubernetes/validate.sh`, which
/// installs the PyPI validator into `.venv-deploy` on first use. No cluster is needed.
final class DeployManifestTests: XCTestCase {
    static let folder = SampleRunTests.repo.appendingPathComponent("deploy/kubernetes")

    private func validate(_ files: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.folder.appendingPathComponent("validate.sh").path] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testManifests_ValidateAgainstTheKubernetesSchemas() throws {
        let files = ["fivefold-shards.yaml", "fivefold-merge.yaml"].map { Self.folder.appendingPathComponent($0).path }
        let result = try validate(files)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("passed for resource job/fivefold-shards"), result.output)
        XCTAssertTrue(result.output.contains("passed for resource job/fivefold-merge"), result.output)
    }

    /// Guards the check itself: a misspelt field in a copy of the shards Job must be refused.
    func testManifests_MisspeltFieldIsRefused() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("fivefold-shards.yaml"), encoding: .utf8)
        XCTAssertTrue(text.contains("parallelism:"))
        let broken = TestTemporaryFolder.root.appendingPathComponent("fivefold-broken-\(UUID().uuidString).yaml")
        try text.replacingOccurrences(of: "parallelism:", with: "paralelism:").write(to: broken, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: broken) }
        let result = try validate([broken.path])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("paralelism"), result.output)
    }

    /// The Indexed Job's completion count and the SHARDS it passes to `--shard i/N` must agree, or
    /// some counties would be processed by no pod (and the merge would refuse the set).
    func testShardsJob_CompletionsEqualSHARDS() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("fivefold-shards.yaml"), encoding: .utf8)
        func value(after key: String) -> String? {
            guard let range = text.range(of: key) else { return nil }
            let rest = text[range.upperBound...]
            let line = rest.prefix { $0 != "\n" }
            return line.split(separator: "#").first?.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        }
        let completions = value(after: "completions:")
        XCTAssertNotNil(completions)
        XCTAssertEqual(value(after: "- name: SHARDS\n              value:"), completions)
    }
}
