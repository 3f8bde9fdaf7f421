import Foundation
import FivefoldModel
#if canImport(Glibc)
import Glibc
#endif

/// One run records into a ledger at a time. Two runs on one ledger (a nightly job still going
/// when the next starts, a manual run beside it) each read the same last run and recorded
/// against it: both nights' findings were `new`, and the second's statuses were wrong. The lock is
/// an advisory `flock` on `<ledger>.lock`, taken when the ledger is opened (once the inputs are
/// read: a run that stops on its inputs writes nothing, not even this) and held until the run
/// ends; the kernel releases it even after a SIGKILL, so a crashed run never blocks the next. The
/// file says who holds it.
final class LedgerLock {
    private let fd: Int32

    init(ledgerPath: String) throws {
        let path = ledgerPath + ".lock"
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PipelineError(file: ledgerPath, keyPath: "", message: "cannot create the ledger's lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw PipelineError(
                file: ledgerPath, keyPath: "",
                message: "another fivefold run\(holder.isEmpty ? "" : " (\(holder))") is recording into this ledger; wait for it to finish, "
                    + "or give this run a ledger of its own (--ledger FILE, or --no-ledger for a trial). Nothing was written")
        }
        self.fd = fd
        let note = "pid \(getpid()), since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
