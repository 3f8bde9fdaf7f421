import ArgumentParser
import Foundation
import FivefoldKit

/// Shared CLI plumbing: `fivefold: message` on stderr and exit codes.
enum CLI {
    /// Exit status for an unusable pipeline file or input.
    static let unusableInput: Int32 = 2

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("fivefold: \(line)\n".utf8))
    }

    /// Runs `body`, turning a `PipelineError` into one clear message and exit status 2.
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as PipelineError {
            log("\(error)")
            throw ExitCode(unusableInput)
        }
    }
}
