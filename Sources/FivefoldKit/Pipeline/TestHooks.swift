import Foundation

/// Hooks for tests that must stop a real run at a precise moment. Not for production use.
enum TestHooks {
    /// `FIVEFOLD_TEST_PAUSE_BEFORE_SWAP=<seconds>`: after the outputs are staged and the ledger
    /// rows written (uncommitted), announce it on stderr and sleep, so a test can SIGKILL the
    /// process at the worst moment: just before the output swap and the ledger commit.
    static func pauseBeforeSwap() {
        guard let text = ProcessInfo.processInfo.environment["FIVEFOLD_TEST_PAUSE_BEFORE_SWAP"],
            let seconds = Double(text), seconds > 0
        else { return }
        FileHandle.standardError.write(Data("fivefold: test hook: pausing \(text) s before the output swap and ledger commit\n".utf8))
        Thread.sleep(forTimeInterval: seconds)
    }
}
