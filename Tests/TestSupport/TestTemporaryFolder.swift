import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The folder every test's temporary files go under: one per test process
/// (`fivefold-tests-<pid>-<random>` in the system's temporary folder), removed when the process
/// exits, whatever each test did or forgot to remove.
///
/// The tests made their folders side by side in the system's temporary folder and most never
/// removed them (nor the ledgers a run keeps beside its output folder): one run of the suite
/// left ~590 folders in /tmp. A test that is killed leaves its process's folder behind, named by
/// its process id.
public enum TestTemporaryFolder {
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("fivefold-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // XCTest ends the process with exit(), which runs this.
        atexit { try? FileManager.default.removeItem(at: TestTemporaryFolder.root) }
        return url
    }()
}
