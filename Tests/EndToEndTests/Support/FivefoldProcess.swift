import Foundation
import XCTest

/// The built `fivefold` binary, run as cron would run it.
enum FivefoldProcess {
    /// `fivefold` beside the test bundle (`.build/<triple>/debug/`), else `.build/debug/`.
    static var binary: String {
        get throws {
            let fm = FileManager.default
            let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            let candidates = [
                bundleFolder.appendingPathComponent("fivefold").path,
                bundleFolder.deletingLastPathComponent().appendingPathComponent("fivefold").path,
                SampleRunTests.repo.appendingPathComponent(".build/debug/fivefold").path,
            ]
            guard let found = candidates.first(where: { fm.isExecutableFile(atPath: $0) }) else {
                throw XCTSkip("the fivefold binary is not built (swift build --build-tests builds it); looked in \(candidates)")
            }
            return found
        }
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `fivefold arguments…` to completion.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = try make(arguments, environment: environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Starts `fivefold arguments…` with a test-hook pause, waits until it announces the pause on
    /// stderr, and SIGKILLs it there. Returns the killed process's id and its stderr so far.
    static func killAtPause(_ arguments: [String], hook: String) throws -> (pid: Int32, stderr: String) {
        let process = try make(arguments, environment: [hook: "60"])
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        while !seen.contains("test hook: pausing") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // the process ended without pausing
            seen += String(decoding: chunk, as: UTF8.self)
        }
        let pid = process.processIdentifier
        guard seen.contains("test hook: pausing") else {
            process.waitUntilExit()
            XCTFail("the run never reached the test hook: \(seen)")
            return (pid, seen)
        }
        kill(pid, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGKILL)
        return (pid, seen)
    }

    private static func make(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        return process
    }
}
