import ArgumentParser
import Foundation
import FivefoldModel
import FivefoldIO

/// Shared CLI plumbing: `fivefold: message` on stderr and exit codes (README "Exit codes").
enum CLI {
    /// `--fail-on` found findings of that severity or worse; `signoff` refused some rows.
    static let findingsOrRefusals: Int32 = 1
    /// Exit status for an unusable pipeline file, input, returned worklist or ledger.
    static let unusableInput: Int32 = 2
    /// The run failed for another reason (e.g. writing the outputs); the previous output folder
    /// and the ledger are left as they were.
    static let runFailed: Int32 = 3
    /// `--fail-on-damage`: the run completed, but rows of an input were lost (a file cut off or
    /// breaking off, many rows quarantined), so some of its findings are false.
    static let damagedInput: Int32 = 4

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("fivefold: \(line)\n".utf8))
    }

    /// Runs `body`, turning a `PipelineError` (or an unreadable input) into one clear message and
    /// exit status 2, and any other failure into one message and exit status 3.
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as PipelineError {
            log("\(error)")
            throw ExitCode(unusableInput)
        } catch let error as IngestError {
            log("\(error)")
            throw ExitCode(unusableInput)
        } catch {
            log("run failed, previous outputs and ledger left as they were: \(error)")
            throw ExitCode(runFailed)
        }
    }
}
