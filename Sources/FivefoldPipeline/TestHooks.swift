import Foundation

/// Hooks for tests that must stop a real run at a precise moment. Not for production use.
enum TestHooks {
    /// `FIVEFOLD_TEST_PAUSE_BEFORE_SWAP=<seconds>`: after the outputs are staged and the ledger
    /// rows written (uncommitted), announce it on stderr and sleep, so a test can SIGKILL the
    /// process at the worst moment: just before the output swap and the ledger commit.
    static func pauseBeforeSwap() {
        pause("FIVEFOLD_TEST_PAUSE_BEFORE_SWAP", "before the output swap and ledger commit")
    }

    /// `FIVEFOLD_TEST_PAUSE_AFTER_SWAP=<seconds>`: the same, once the new outputs are in place
    /// and before the ledger commit (the window where outputs and ledger disagree).
    static func pauseAfterSwap() {
        pause("FIVEFOLD_TEST_PAUSE_AFTER_SWAP", "after the output swap, before the ledger commit")
    }

    private static func pause(_ variable: String, _ moment: String) {
        guard let text = ProcessInfo.processInfo.environment[variable], let seconds = Double(text), seconds > 0 else { return }
        FileHandle.standardError.write(Data("fivefold: test hook: pausing \(text) s \(moment)\n".utf8))
        Thread.sleep(forTimeInterval: seconds)
    }
}
